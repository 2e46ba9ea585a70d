"""Matching over HTTP: background recalculation, rankings, explanations, roles and alerts."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from adapters.matching.feature_cache import FeatureCache
from adapters.messaging.dramatiq_tasks import TaskSystem, make_broker
from adapters.messaging.runner import ContainerTaskRunner
from bootstrap.container import make_worker_container, routes
from bootstrap.modules import matching
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from core.ports.matching import MatchingFeatures
from tests.integration.conftest import Outbox, signed_in

MATCHES = "/matching/api/v1/job-matches/"
JOB = {
    "title": "Senior Python Developer",
    "location": "Paris, France",
    "salary_min": 60000,
    "salary_max": 80000,
    "experience_level": "senior",
    "job_type": 1,
    "category": 1,
    "description": "We are looking for an experienced Python developer to build Django APIs "
    "on PostgreSQL.",
    "requirements": ["Python", "Django", "PostgreSQL", "5+ years Python"],
}


@pytest.fixture
async def people(client: AsyncTestClient[Litestar], outbox: Outbox) -> dict[str, Any]:
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    eve = await signed_in(client, outbox, "rh_eve", "eve@other.io", user_type="recruiter")
    dev = await signed_in(
        client, outbox, "py_dev", "dev@example.com", first_name="Ada", location="Paris, France"
    )
    chef = await signed_in(
        client, outbox, "chef_bob", "chef@example.com", first_name="Bob", location="Lyon, France"
    )
    await client.patch(
        "/accounts/api/v1/candidate-profiles/me/",
        headers=dev,
        json={
            "skills": ["Python", "Django", "Postgres", "Docker"],
            "years_of_experience": 6,
            "expected_salary_min": 65000,
            "preferred_contract_types": ["full_time"],
            "industries": ["Engineering"],
            "bio": "Backend developer building Django APIs",
        },
    )
    await client.post(
        "/accounts/api/v1/projects/",
        headers=dev,
        json={
            "name": "Shop",
            "technologies": ["Django", "PostgreSQL"],
            "description": "Python REST APIs",
        },
    )
    await client.patch(
        "/accounts/api/v1/candidate-profiles/me/",
        headers=chef,
        json={
            "skills": ["Cooking", "HACCP"],
            "years_of_experience": 12,
            "industries": ["Hospitality"],
            "bio": "Chef de cuisine",
        },
    )
    return {"jane": jane, "eve": eve, "dev": dev, "chef": chef}


async def wait_for(check: Any, timeout: float = 15) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = await check()
        if value:
            return value
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_developer_outranks_chef_and_alerts_come_once(
    client: AsyncTestClient[Litestar], outbox: Outbox, people: dict[str, Any]
) -> None:
    job = (await client.post("/jobs/api/v1/jobs/", json=JOB, headers=people["jane"])).json()
    url = f"{MATCHES}job/{job['id']}/"

    async def ranked() -> list[dict[str, Any]] | None:
        body = (await client.get(url, headers=people["jane"])).json()
        return body["results"] if body.get("count", 0) >= 2 else None

    results = await wait_for(ranked)
    assert [r["candidate"]["username"] for r in results] == ["py_dev", "chef_bob"]
    best = results[0]
    assert best["match_score"] > 80 > results[1]["match_score"]
    assert best["skills_match"] == 100
    assert "Django" in best["recruiter_summary"]
    assert best["has_applied"] is False
    assert best["application_id"] is None

    # Alert: the developer (score ≥ 70) is told once; the chef is not.
    async def alerts(who: str) -> list[dict[str, Any]]:
        body = (
            await client.get(
                "/notifications/api/v1/notifications/?type=new_job_match", headers=people[who]
            )
        ).json()
        return list(body["results"])

    assert len(await wait_for(lambda: alerts("dev"))) == 1
    await client.patch(
        f"/jobs/api/v1/jobs/{job['id']}/", json={"salary_max": 85000}, headers=people["jane"]
    )
    response = await client.post(
        f"{MATCHES}recalculate/", json={"job_id": job["id"]}, headers=people["jane"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["matches_updated"] == 2
    assert response.json()["calculation_time"].endswith("s")
    await asyncio.sleep(0.5)
    assert len(await alerts("dev")) == 1
    assert await alerts("chef") == []

    mine = (await client.get(f"{MATCHES}candidate/me/", headers=people["dev"])).json()
    assert mine["count"] == 1
    assert mine["results"][0]["job"]["title"] == "Senior Python Developer"
    assert "Python" in mine["results"][0]["summary"] or "Django" in mine["results"][0]["summary"]
    assert (await client.get(f"{MATCHES}candidate/me/?min_score=99", headers=people["dev"])).json()[
        "count"
    ] == 0
    # The location filter means what it means on the job list: every word, whole.
    for location, count in (("paris", 1), ("PARIS france", 1), ("par", 0), ("lyon", 0), (",", 1)):
        response = await client.get(
            f"{MATCHES}candidate/me/", params={"location": location}, headers=people["dev"]
        )
        assert response.json()["count"] == count, location

    # Applied candidates show up as such, and match_score orders the recruiter's list.
    for who in ("chef", "dev"):
        await client.post(
            "/applications/api/v1/applications/", json={"job": job["id"]}, headers=people[who]
        )
    applied = (await client.get(f"{url}?has_applied=true", headers=people["jane"])).json()
    assert applied["count"] == 2
    apps = (
        await client.get(
            f"/applications/api/v1/applications/job/{job['id']}/?ordering=-match_score",
            headers=people["jane"],
        )
    ).json()["results"]
    assert [a["candidate"]["username"] for a in apps] == ["py_dev", "chef_bob"]
    assert apps[0]["match_score"] == best["match_score"]


async def test_matching_roles(client: AsyncTestClient[Litestar], people: dict[str, Any]) -> None:
    job = (await client.post("/jobs/api/v1/jobs/", json=JOB, headers=people["jane"])).json()
    url = f"{MATCHES}job/{job['id']}/"
    for who in ("eve", "dev"):
        assert (await client.get(url, headers=people[who])).status_code == 403
        response = await client.post(
            f"{MATCHES}recalculate/", json={"job_id": job["id"]}, headers=people[who]
        )
        assert response.status_code == 403
    assert (await client.get(url)).status_code == 401
    assert (await client.get(f"{MATCHES}candidate/me/", headers=people["jane"])).status_code == 403
    response = await client.post(f"{MATCHES}recalculate/", headers=people["dev"])
    assert response.status_code == 200
    assert response.json()["matches_updated"] == 1
    response = await client.post(
        f"{MATCHES}recalculate/", json={"candidate_id": 1}, headers=people["dev"]
    )
    assert response.status_code == 403
    assert (await client.post(f"{MATCHES}recalculate/", headers=people["jane"])).status_code == 400
    assert (await client.get(f"{url}?min_score=200", headers=people["jane"])).status_code == 400


async def test_alert_threshold_is_the_candidates_choice(
    client: AsyncTestClient[Litestar], people: dict[str, Any]
) -> None:
    url = "/accounts/api/v1/candidate-profiles/me/"
    assert (await client.get(url, headers=people["chef"])).json()["alert_threshold"] == 70
    bad = await client.patch(url, json={"alert_threshold": 120}, headers=people["chef"])
    assert bad.status_code == 400
    response = await client.patch(url, json={"alert_threshold": 1}, headers=people["chef"])
    assert response.json()["alert_threshold"] == 1
    job = (await client.post("/jobs/api/v1/jobs/", json=JOB, headers=people["jane"])).json()

    async def chef_alerts() -> list[Any] | None:
        body = (
            await client.get(
                "/notifications/api/v1/notifications/?type=new_job_match", headers=people["chef"]
            )
        ).json()
        return body["results"] or None

    alerts = await wait_for(chef_alerts)
    assert alerts[0]["related_object_id"] == job["id"]


async def test_recalculation_sees_every_profile_change(
    client: AsyncTestClient[Litestar], people: dict[str, Any]
) -> None:
    """Features are cached per process; the cache must notice profile, entry and user edits."""
    job = (await client.post("/jobs/api/v1/jobs/", json=JOB, headers=people["jane"])).json()
    recalc = f"{MATCHES}recalculate/"

    async def dev_match() -> dict[str, Any]:
        response = await client.post(recalc, json={"job_id": job["id"]}, headers=people["jane"])
        assert response.status_code == 200
        results = (await client.get(f"{MATCHES}job/{job['id']}/", headers=people["jane"])).json()
        return next(r for r in results["results"] if r["candidate"]["username"] == "py_dev")

    first = await dev_match()
    assert first["skills_match"] == 100
    await client.patch(
        "/accounts/api/v1/candidate-profiles/me/",
        headers=people["dev"],
        json={"skills": ["Python"]},
    )
    assert (await dev_match())["skills_match"] < 100
    projects = (await client.get("/accounts/api/v1/projects/", headers=people["dev"])).json()[
        "results"
    ]
    before = (await dev_match())["technologies_match"]
    await client.delete(f"/accounts/api/v1/projects/{projects[0]['id']}/", headers=people["dev"])
    assert (await dev_match())["technologies_match"] != before
    # A move to a town 17 km from the job (the embedded gazetteer knows where it is) costs a
    # little; a move to another continent costs everything.
    await client.patch(
        "/accounts/api/v1/users/me/", headers=people["dev"], json={"location": "Versailles"}
    )
    assert first["location_match"] == 100
    assert (await dev_match())["location_match"] == 85
    await client.patch(
        "/accounts/api/v1/users/me/", headers=people["dev"], json={"location": "Dakar, Senegal"}
    )
    assert (await dev_match())["location_match"] == 10


async def test_a_starting_worker_warms_its_matching_features(
    settings: Settings, people: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    """`hireflow worker` (and the embedded one) load features before the first task."""
    tasks = TaskSystem(make_broker(None))
    container = make_worker_container(replace_settings(settings, matching_warm_up=True), tasks)
    try:
        runner = ContainerTaskRunner(container, routes(), warm_up=matching.warm_up)
        with caplog.at_level(logging.INFO):
            await runner.warm_up(False)
        cache = await container.get(FeatureCache)
        assert cache.candidate_list is not None
        assert len(cache.candidate_list) == 2  # the developer and the chef
        assert any("matching features of 2 candidates" in r.message for r in caplog.records)
        # Warm means the next load reuses the very same list (nothing changed meanwhile).
        async with container() as scope:
            features = await scope.get(MatchingFeatures)
            assert await features.candidates() is cache.candidate_list
    finally:
        await container.close()
        tasks.close()


async def test_phrased_requirements_are_explained_as_written(
    client: AsyncTestClient[Litestar], people: dict[str, Any]
) -> None:
    """Issue 14: "Django experience" is the skill Django, which the developer has."""
    phrased = {
        **JOB,
        "requirements": ["Django experience", "5+ years of Python", "Strong SQL skills"],
    }
    job = (await client.post("/jobs/api/v1/jobs/", json=phrased, headers=people["jane"])).json()
    url = f"{MATCHES}job/{job['id']}/"

    async def developer() -> dict[str, Any] | None:
        body = (await client.get(url, headers=people["jane"])).json()
        found = [r for r in body.get("results", []) if r["candidate"]["username"] == "py_dev"]
        return found[0] if found else None

    match = await wait_for(developer)
    assert match["skills_match"] == 66.7  # Django and Python of Django, Python and SQL
    assert "Missing SQL." in match["recruiter_summary"]
    assert "Django Experience" not in match["recruiter_summary"]
    mine = (await client.get(f"{MATCHES}candidate/me/", headers=people["dev"])).json()
    summary = next(r["summary"] for r in mine["results"] if r["job"]["id"] == job["id"])
    assert "Worth strengthening: SQL." in summary
    assert "Your Django, Python skills fit this job." in summary


async def test_an_older_calculation_never_overwrites_a_newer_one(
    client: AsyncTestClient[Litestar], people: dict[str, Any], settings: Settings
) -> None:
    """Recalculations run concurrently (a request's, several workers' tasks): one that started
    reading before a change may finish after the calculation that saw the change."""
    from datetime import UTC, datetime, timedelta

    from adapters.persistence.database import create_engine, session_factory
    from adapters.persistence.matching import SqlMatchStore
    from core.domain.matching.score import WEIGHTS, MatchScore
    from core.ports.matching import StoredMatch

    job = (await client.post("/jobs/api/v1/jobs/", json=JOB, headers=people["jane"])).json()
    dev = (await client.get("/accounts/api/v1/users/me/", headers=people["dev"])).json()["id"]

    def match(total: float) -> StoredMatch:
        score = MatchScore(scores=dict.fromkeys(WEIGHTS, total), total=total)
        return StoredMatch(
            job_id=job["id"], candidate_id=dev, score=score, summary="s", recruiter_summary="r"
        )

    engine = create_engine(settings.effective_database_url)
    later = datetime.now(UTC) + timedelta(hours=1)  # after anything the background writes
    older, newer = later, later + timedelta(seconds=1)

    async def score() -> float | None:
        body = (await client.get(f"{MATCHES}job/{job['id']}/", headers=people["jane"])).json()
        found = [r for r in body["results"] if r["candidate"]["id"] == dev]
        return found[0]["match_score"] if found else None

    try:
        async with session_factory(engine)() as session, session.begin():
            await SqlMatchStore(session).replace_for_candidate(dev, [match(33.0)], newer)
        async with session_factory(engine)() as session, session.begin():
            store = SqlMatchStore(session)
            await store.replace_for_job(job["id"], [match(100.0)], older)  # not overwritten
            await store.replace_for_job(job["id"], [], older)  # nor removed
            await store.replace_for_candidate(dev, [], older)
        assert await score() == 33.0
        async with session_factory(engine)() as session, session.begin():
            await SqlMatchStore(session).replace_for_job(job["id"], [match(90.0)], newer)
        assert await score() == 90.0  # as new: replaced
        async with session_factory(engine)() as session, session.begin():
            await SqlMatchStore(session).replace_for_job(
                job["id"], [], newer + timedelta(seconds=1)
            )
        assert await score() is None
    finally:
        await engine.dispose()

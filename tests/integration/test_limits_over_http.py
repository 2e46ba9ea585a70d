"""Limits at their edges over HTTP, once per operation family, on SQLite and PostgreSQL:
n-1 and n accepted, n+1 answered 400 naming the field, and the refusal changes nothing.
The OpenAPI schema documents every one of these limits (from the constants the rules read).

The numbers are written out, as the README states them: a limit moved in the code fails here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import STRONG, Outbox, register, signed_in

API = "/accounts/api/v1"
JOBS = "/jobs/api/v1/jobs/"
APPS = "/applications/api/v1/applications/"
Client = AsyncTestClient[Litestar]
Send = Callable[[Any], Awaitable[httpx.Response]]


async def at_edges(send: Send, field: str, below: Any, at: Any, above: Any) -> httpx.Response:
    """``below`` and ``at`` are accepted; ``above`` is refused with ``field`` named."""
    for accepted in (below, at):
        response = await send(accepted)
        assert response.status_code in (200, 201), (field, response.text)
    refused = await send(above)
    assert refused.status_code == 400, (field, refused.text)
    body = refused.json()
    assert body["detail"], body
    assert field in body["errors"], body
    return refused


def text(length: int) -> str:
    return "x" * length


def password_of(length: int) -> str:
    alphabet = "Tr1cky-Lantern-42Zq9"
    return (alphabet * (length // len(alphabet) + 1))[:length]


# --- accounts: registration and the user's own fields ------------------------------------------


async def test_registration_and_user_fields_at_their_limits(client: Client, outbox: Outbox) -> None:
    names = iter(range(1000))

    async def sign_up(**fields: Any) -> httpx.Response:
        n = next(names)
        body = {"username": f"user_{n}", "email": f"user{n}@example.com", **fields}
        body.setdefault("password2", body.get("password", STRONG))
        return await register(client, **body)

    # Usernames: 3 to 30 characters.
    for length in (3, 4, 29, 30):
        response = await sign_up(username=f"u{length}".ljust(length, "a"))
        assert response.status_code == 201, (length, response.text)
    for length in (2, 31):
        response = await sign_up(username="b" * length)
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["username"], response.text
    # Passwords: 8 to 128 characters.
    for length in (8, 9, 127, 128):
        response = await sign_up(password=password_of(length))
        assert response.status_code == 201, (length, response.text)
    for length in (7, 129):
        response = await sign_up(password=password_of(length))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["password"], response.text
        assert password_of(length) not in response.text
    # A name of 150 characters at sign-up, 151 refused.
    assert (await sign_up(first_name=text(150))).status_code == 201
    refused = await sign_up(first_name=text(151), username="never_made")
    assert list(refused.json()["errors"]) == ["first_name"]
    check = await client.post(f"{API}/users/check_username/", json={"username": "never_made"})
    assert check.json()["available"] is True  # the refusal created nothing

    me = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")

    async def patch_me(value: Any) -> httpx.Response:
        return await client.patch(f"{API}/users/me/", json={"last_name": value}, headers=me)

    await at_edges(patch_me, "last_name", text(149), text(150), text(151))
    assert (await client.get(f"{API}/users/me/", headers=me)).json()["last_name"] == text(150)


# --- profiles: the candidate's, their entries, the recruiter's --------------------------------


async def test_profiles_at_their_limits(client: Client, outbox: Outbox) -> None:
    me = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    profile = f"{API}/candidate-profiles/me/"

    async def patch(field: str) -> Send:
        async def send(value: Any) -> httpx.Response:
            return await client.patch(profile, json={field: value}, headers=me)

        return send

    await at_edges(await patch("headline"), "headline", text(199), text(200), text(201))
    await at_edges(await patch("years_of_experience"), "years_of_experience", 69.9, 70, 70.1)
    await at_edges(
        await patch("expected_salary_max"),
        "expected_salary_max",
        99_999_999,
        100_000_000,
        100_000_001,
    )
    skills = [f"skill {i}" for i in range(101)]
    await at_edges(await patch("skills"), "skills", skills[:99], skills[:100], skills)
    await at_edges(
        await patch("preferred_locations"),
        "preferred_locations",
        [f"City {i}" for i in range(49)],
        [f"City {i}" for i in range(50)],
        [f"City {i}" for i in range(51)],
    )
    await at_edges(await patch("salary_currency"), "salary_currency", "usd", "EUR", "EURO")
    kept = (await client.get(profile, headers=me)).json()
    assert kept["headline"] == text(200)
    assert kept["years_of_experience"] == 70
    assert kept["expected_salary_max"] == 100_000_000
    assert len(kept["skills"]) == 100
    assert len(kept["preferred_locations"]) == 50
    assert kept["salary_currency"] == "EUR"

    async def add_work(position: str) -> httpx.Response:
        body = {"company": "Tech Corp", "position": position, "start_date": "2020-01-01"}
        return await client.post(f"{API}/work-experiences/", json=body, headers=me)

    await at_edges(add_work, "position", text(199), text(200), text(201))
    listed = await client.get(f"{API}/work-experiences/", headers=me)
    assert listed.status_code == 200, listed.text
    assert listed.json()["count"] == 2  # the refused one was not added

    recruiter = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )

    async def patch_role(value: Any) -> httpx.Response:
        return await client.patch(
            f"{API}/recruiter-profiles/me/", json={"role": value}, headers=recruiter
        )

    await at_edges(patch_role, "role", text(99), text(100), text(101))
    seen = (await client.get(f"{API}/recruiter-profiles/me/", headers=recruiter)).json()
    assert seen["role"] == text(100)


# --- companies and jobs -------------------------------------------------------------------------


async def test_companies_and_jobs_at_their_limits(client: Client, outbox: Outbox) -> None:
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    mine = await client.get(f"{API}/recruiter-profiles/me/", headers=jane)
    company = f"/companies/api/v1/companies/{mine.json()['company']['id']}/"

    async def patch_company(value: Any) -> httpx.Response:
        return await client.patch(company, json={"industry": value}, headers=jane)

    await at_edges(patch_company, "industry", text(99), text(100), text(101))
    assert (await client.get(company)).json()["industry"] == text(100)

    async def post_job(title: Any) -> httpx.Response:
        return await client.post(JOBS, json={"title": title}, headers=jane)

    await at_edges(post_job, "title", text(199), text(200), text(201))
    listed = (await client.get(f"{JOBS}?limit=100", headers=jane)).json()
    assert sorted(len(j["title"]) for j in listed["results"]) == [199, 200]

    job = (await post_job("Backend developer")).json()["id"]

    async def patch_job(field: str) -> Send:
        async def send(value: Any) -> httpx.Response:
            return await client.patch(f"{JOBS}{job}/", json={field: value}, headers=jane)

        return send

    items = [f"Requirement {i}" for i in range(51)]
    await at_edges(await patch_job("requirements"), "requirements", items[:49], items[:50], items)
    await at_edges(await patch_job("benefits"), "benefits", [text(499)], [text(500)], [text(501)])
    await at_edges(
        await patch_job("salary_max"), "salary_max", 99_999_999, 100_000_000, 100_000_001
    )
    await at_edges(
        await patch_job("description"), "description", text(19_999), text(20_000), text(20_001)
    )
    detail = (await client.get(f"{JOBS}{job}/")).json()
    assert len(detail["requirements"]) == 50
    assert detail["benefits"] == [text(500)]
    assert detail["salary_max"] == 100_000_000
    assert len(detail["description"]) == 20_000


# --- applications: the cover letter, the recruiter's notes, interviews, tests ------------------


async def test_applications_at_their_limits(client: Client, outbox: Outbox) -> None:
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    candidates = [
        await signed_in(client, outbox, f"cand_{i}", f"cand{i}@example.com") for i in range(3)
    ]
    job = (await client.post(JOBS, json={"title": "Backend developer"}, headers=jane)).json()["id"]
    letters = iter(candidates)

    async def apply(letter: Any) -> httpx.Response:
        who = next(letters, candidates[-1])
        body = {"job": job, "cover_letter": letter}
        return await client.post(APPS, json=body, headers=who)

    await at_edges(apply, "cover_letter", text(9_999), text(10_000), text(10_001))
    listed = (await client.get(f"{APPS}job/{job}/", headers=jane)).json()
    assert sorted(len(a["cover_letter"]) for a in listed["results"]) == [9_999, 10_000]
    application = listed["results"][0]["id"]

    stages = iter(["reviewed", "shortlisted"])

    async def move(notes: Any) -> httpx.Response:
        status = next(stages, "interview")
        body = {"status": status, "notes": notes}
        return await client.patch(f"{APPS}{application}/status/", json=body, headers=jane)

    await at_edges(move, "notes", text(4_999), text(5_000), text(5_001))
    history = (await client.get(f"{APPS}{application}/history/", headers=jane)).json()
    assert [h["to_status"] for h in history["results"]] == ["pending", "reviewed", "shortlisted"]
    assert (await move("")).status_code == 200  # now at the interview stage

    starts = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0).isoformat()

    async def schedule(minutes: Any) -> httpx.Response:
        body = {"starts_at": starts, "duration_minutes": minutes, "location": "Office"}
        return await client.post(f"{APPS}{application}/interviews/", json=body, headers=jane)

    await at_edges(schedule, "duration_minutes", 479, 480, 481)
    refused = await schedule(9)
    assert list(refused.json()["errors"]) == ["duration_minutes"]
    interviews = (await client.get(f"{APPS}{application}/interviews/", headers=jane)).json()
    assert sorted(i["duration_minutes"] for i in interviews["results"]) == [479, 480]

    question = {"text": "Why?", "question_type": "open_ended"}
    test_url = f"{JOBS}{job}/test/"

    async def define(title: Any) -> httpx.Response:
        return await client.post(
            test_url, json={"title": title, "questions": [question]}, headers=jane
        )

    await at_edges(define, "title", text(199), text(200), text(201))
    refused = await client.post(
        test_url, json={"title": "T", "questions": [question] * 101}, headers=jane
    )
    assert refused.status_code == 400 and "questions" in refused.json()["errors"]
    assert (await client.get(test_url, headers=jane)).json()["title"] == text(200)

    seen = (await client.get(test_url, headers=candidates[0])).json()
    first = seen["questions"][0]["id"]
    mine = (await client.get(f"{APPS}my-applications/", headers=candidates[0])).json()
    submitted = {
        "application": mine["results"][0]["id"],
        "answers": [{"question": first, "answer": text(10_001)}],
    }
    submit = "/applications/api/v1/test-submissions/"
    refused = await client.post(submit, json=submitted, headers=candidates[0])
    assert refused.status_code == 400, refused.text
    assert refused.json()["errors"], refused.text
    submitted["answers"] = [{"question": first, "answer": text(10_000)}]
    accepted = await client.post(submit, json=submitted, headers=candidates[0])
    assert accepted.status_code == 201, accepted.text


# --- the schema documents them ------------------------------------------------------------------

DOCUMENTED = {
    ("RegisterRequest", "username"): {"minLength": 3, "maxLength": 30},
    ("RegisterRequest", "password"): {"minLength": 8, "maxLength": 128},
    ("RegisterRequest", "first_name"): {"maxLength": 150},
    ("UserChanges", "last_name"): {"maxLength": 150},
    ("CandidateProfileChanges", "headline"): {"maxLength": 200},
    ("CandidateProfileChanges", "years_of_experience"): {"minimum": 0, "maximum": 70},
    ("CandidateProfileChanges", "expected_salary_max"): {"minimum": 0, "maximum": 100_000_000},
    ("CandidateProfileChanges", "skills"): {"maxItems": 100},
    ("CandidateProfileChanges", "preferred_locations"): {"maxItems": 50},
    ("CandidateProfileChanges", "salary_currency"): {"pattern": "^[A-Za-z]{3}$"},
    ("WorkExperienceDetails", "position"): {"maxLength": 200},
    ("RecruiterProfileChanges", "role"): {"maxLength": 100},
    ("CompanyChanges", "industry"): {"maxLength": 100},
    ("JobDetails", "title"): {"maxLength": 200},
    ("JobDetails", "salary_max"): {"minimum": 0, "maximum": 100_000_000},
    ("JobChanges", "requirements"): {"maxItems": 50, "items": {"type": "string", "maxLength": 500}},
    ("JobChanges", "description"): {"maxLength": 20_000},
    ("ApplyIn", "cover_letter"): {"maxLength": 10_000},
    ("StatusIn", "notes"): {"maxLength": 5_000},
    ("InterviewDetails", "duration_minutes"): {"minimum": 10, "maximum": 480},
    ("JobTestDetails", "title"): {"minLength": 1, "maxLength": 200},
    ("JobTestDetails", "questions"): {"minItems": 1, "maxItems": 100},
    ("AnswerIn", "answer"): {"maxLength": 10_000},
}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_schema_documents_each_limit(client: Client) -> None:
    schemas = (await client.get("/api/schema/")).json()["components"]["schemas"]
    for (name, field), expected in DOCUMENTED.items():
        shown = schemas[name]["properties"][field]
        assert {k: shown.get(k) for k in expected} == expected, (name, field, shown)


# --- lists: page and limit ----------------------------------------------------------------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_pages_at_their_limits(client: Client) -> None:
    url = "/jobs/api/v1/categories/"
    everything = (await client.get(url)).json()
    assert everything["count"] > 2
    one = await client.get(f"{url}?limit=1")
    assert len(one.json()["results"]) == 1
    assert "limit=1" in one.json()["next"]
    for refused, field in (("limit=0", "limit"), ("page=0", "page"), ("page=100001", "page")):
        response = await client.get(f"{url}?{refused}")
        assert response.status_code == 400, (refused, response.text)
        assert field in response.json()["errors"], response.text
    last = await client.get(f"{url}?page=100000")
    assert last.status_code != 400 and "page" not in last.json().get("errors", {}), last.text
    # A limit over 100 is not refused: it is read as 100 (fewer categories than that here).
    big = await client.get(f"{url}?limit=101")
    assert big.status_code == 200 and len(big.json()["results"]) == min(100, everything["count"])

"""Requests that race (issue 15, item 4), on SQLite and PostgreSQL.

Each test runs two app instances on the same database, as production runs several
``hireflow serve`` processes, each serving on its own event loop (a ``TestClient`` portal
thread), and sends the racing requests from a pool of threads released together by a barrier,
so they really are in flight at once. (``AsyncTestClient`` would not do: it completes one
request before it starts the next.)
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings
from tests.integration.cast import API, APPS, JOBS, Cast, ok
from tests.integration.conftest import STRONG

Servers = tuple[TestClient[Litestar], TestClient[Litestar]]
Call = Callable[[], httpx.Response]


@pytest.fixture
def servers(settings: Settings, seeded_cast: Cast) -> Iterator[Servers]:
    """Two app instances on one database: two ``hireflow serve`` processes."""
    with (
        TestClient(app=create_app(settings)) as first,
        TestClient(app=create_app(settings)) as second,
    ):
        yield first, second


def at_once(calls: list[Call]) -> list[httpx.Response]:
    """Run every call in its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(calls))

    def run(call: Call) -> httpx.Response:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def history(client: TestClient[Litestar], application: int, headers: Any) -> list[Any]:
    return list(ok(client.get(f"{APPS}{application}/history/", headers=headers))["results"])


def test_the_same_refresh_token_twice_at_once_one_wins_and_the_family_is_revoked(
    servers: Servers, seeded_cast: Cast
) -> None:
    person = seeded_cast.people["candidate"]
    first, second = servers
    for _ in range(3):
        tokens = ok(
            first.post(f"{API}/auth/token/", json={"username": person.username, "password": STRONG})
        )
        url, body = f"{API}/auth/token/refresh/", {"refresh": tokens["refresh"]}
        responses = at_once([partial(s.post, url, json=body) for s in servers])
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 401], [r.text for r in responses]
        winner = next(r.json() for r in responses if r.status_code == 200)
        loser = next(r.json() for r in responses if r.status_code == 401)
        assert "already used" in loser["detail"], loser
        # The reuse ended the session: the winner's new tokens are refused, as are the old.
        again = second.post(url, json={"refresh": winner["refresh"]})
        assert again.status_code == 401, again.text
        for token in (winner["access"], tokens["access"]):
            me = first.get(f"{API}/users/me/", headers={"Authorization": f"Bearer {token}"})
            assert me.status_code == 401, me.text
    # The person's other session (the cast's) is untouched.
    assert first.get(f"{API}/users/me/", headers=person.headers).status_code == 200


def test_two_recruiters_moving_one_application_at_once_make_one_transition(
    servers: Servers, seeded_cast: Cast
) -> None:
    people = seeded_cast.people
    candidate = people["candidate"].headers
    managers = (people["recruiter"].headers, people["company_admin"].headers)
    first, _ = servers
    for round_ in range(8):
        # A fresh application each round; both managers move it from "pending" at once.
        job = ok(first.post(JOBS, json={"title": f"Race {round_}"}, headers=managers[0]))["id"]
        application = ok(first.post(APPS, json={"job": job}, headers=candidate), 201)["id"]
        url = f"{APPS}{application}/status/"
        moves = at_once(
            [
                partial(s.patch, url, json={"status": "reviewed"}, headers=h)
                for s, h in zip(servers, managers, strict=True)
            ]
        )
        # The loser either read the moved application (400: "reviewed can move to ..., not
        # to reviewed") or raced it (409: moved meanwhile): never a second transition.
        codes = sorted(m.status_code for m in moves)
        assert codes[0] == 200 and codes[1] in (400, 409), [m.text for m in moves]
        steps = [
            (h["from_status"], h["to_status"]) for h in history(first, application, managers[0])
        ]
        assert steps == [(None, "pending"), ("pending", "reviewed")], steps
        # Different moves at once: each that succeeds is one step of a consistent chain.
        targets = ["shortlisted", "rejected", "shortlisted", "rejected"]
        moves = at_once(
            [
                partial(s.patch, url, json={"status": t}, headers=h)
                for s, t, h in zip(
                    itertools.cycle(servers), targets, itertools.cycle(managers), strict=False
                )
            ]
        )
        assert all(m.status_code in (200, 400, 409) for m in moves), [m.text for m in moves]
        won = [m for m in moves if m.status_code == 200]
        chain = history(first, application, managers[0])
        assert len(chain) == 2 + len(won), (chain, [m.text for m in moves])
        for before, after in itertools.pairwise(chain):
            assert after["from_status"] == before["to_status"], chain
        listing = ok(first.get(f"{APPS}job/{job}/", headers=managers[0]))
        assert listing["results"][0]["status"] == chain[-1]["to_status"]


def test_fifty_concurrent_applications_to_fifty_jobs_all_land(
    servers: Servers, seeded_cast: Cast
) -> None:
    people = seeded_cast.people
    recruiter, candidate = people["recruiter"].headers, people["candidate"].headers
    first, _ = servers
    jobs = [
        ok(first.post(JOBS, json={"title": f"Opening {n}"}, headers=recruiter))["id"]
        for n in range(50)
    ]
    before = ok(first.get(f"{APPS}my-applications/", headers=candidate))["count"]
    responses = at_once(
        [
            partial(s.post, APPS, json={"job": j}, headers=candidate)
            for s, j in zip(itertools.cycle(servers), jobs, strict=False)
        ]
    )
    assert [r.status_code for r in responses] == [201] * 50, [
        r.text for r in responses if r.status_code != 201
    ]
    assert len({r.json()["id"] for r in responses}) == 50
    mine = ok(first.get(f"{APPS}my-applications/", params={"limit": 100}, headers=candidate))
    assert mine["count"] == before + 50
    assert {a["job"]["id"] for a in mine["results"]} >= set(jobs)
    for job in jobs:
        assert ok(first.get(f"{APPS}job/{job}/", headers=recruiter))["count"] == 1, job

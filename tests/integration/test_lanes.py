"""Long work does not delay what users wait for: while a matching recalculation keeps the
``long`` lane busy, a notification still appears within a second of the change that caused
it, on the embedded default (SQLite and PostgreSQL) and with a separate worker over Redis."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest
from dishka import Provider, Scope, provide
from litestar import Litestar
from litestar.testing import AsyncTestClient

from adapters.matching.pairwise import PairwiseBatchScorer
from bootstrap.app import create_app
from bootstrap.container import make_task_system, start_worker
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from core.domain.matching.score import CandidateFeatures, JobFeatures
from core.ports.matching import BatchScorer
from tests.integration.conftest import Outbox, signed_in

BUSY_SECONDS = 4.0


class HoggingScorer(PairwiseBatchScorer):
    """Scores like the reference scorer after burning the CPU in Python for a few seconds,
    holding the interpreter the way scoring 100k candidates does (it releases the GIL only
    between bytecodes)."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.finished = threading.Event()

    def job_totals(self, job: JobFeatures, candidates: Sequence[CandidateFeatures]) -> list[float]:
        self.started.set()
        deadline = time.perf_counter() + BUSY_SECONDS
        spins = 0
        while time.perf_counter() < deadline:
            spins += sum(i * i for i in range(200))
        totals = super().job_totals(job, candidates)
        self.finished.set()
        return totals


def hogging(scorer: HoggingScorer) -> Provider:
    class Hogging(Provider):
        @provide(scope=Scope.APP)
        def scorer(self) -> BatchScorer:
            return scorer

    return Hogging()


async def _notified_quickly_while_recalculating(
    client: AsyncTestClient[Litestar], outbox: Outbox, scorer: HoggingScorer
) -> float:
    jane = await signed_in(client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter")
    john = await signed_in(client, outbox, "john_doe", "john@example.com")
    job = await client.post("/jobs/api/v1/jobs/", json={"title": "Python dev"}, headers=jane)
    assert job.status_code == 201
    # Posting the job started its recalculation on the long lane: wait until it is busy.
    assert await asyncio.to_thread(scorer.started.wait, 15)
    applied = await client.post(
        "/applications/api/v1/applications/", json={"job": job.json()["id"]}, headers=john
    )
    assert applied.status_code == 201
    start = time.perf_counter()
    while True:
        notes = (await client.get("/notifications/api/v1/notifications/", headers=jane)).json()
        if notes["count"]:
            elapsed = time.perf_counter() - start
            break
        assert time.perf_counter() - start < 10, "the notification never came"
        await asyncio.sleep(0.02)
    assert notes["results"][0]["type"] == "new_application"
    assert not scorer.finished.is_set(), "the recalculation ended first: nothing was measured"
    return elapsed


async def test_a_notification_does_not_wait_for_a_recalculation(
    settings: Settings, outbox: Outbox
) -> None:
    scorer = HoggingScorer()
    app = create_app(settings, hogging(scorer))
    async with AsyncTestClient(app=app) as client:
        elapsed = await _notified_quickly_while_recalculating(client, outbox, scorer)
    # What proves the lanes apart is the order (checked above: the notification came while the
    # recalculation still ran); the time is only a loose sanity bound, not a speed target (a
    # loaded CI box once took 1.01 s).
    assert elapsed < BUSY_SECONDS / 2, f"the notification took {elapsed:.2f}s"


@pytest.mark.redis
async def test_a_separate_worker_keeps_its_lanes_apart(
    settings: Settings, outbox: Outbox, redis_server: Any
) -> None:
    import redis

    with redis.Redis.from_url(redis_server.url) as flush:
        flush.flushdb()
    prod = replace_settings(settings, redis_url=redis_server.url, outbox_sweep_seconds=0.5)
    scorer = HoggingScorer()
    worker = make_task_system(prod, hogging(scorer))
    start_worker(worker, prod, embedded=False)
    try:
        async with AsyncTestClient(app=create_app(prod)) as client:
            elapsed = await _notified_quickly_while_recalculating(client, outbox, scorer)
    finally:
        worker.close()
    # What proves the lanes apart is the order (checked above: the notification came while the
    # recalculation still ran); the time is only a loose sanity bound, not a speed target (a
    # loaded CI box once took 1.01 s).
    assert elapsed < BUSY_SECONDS / 2, f"the notification took {elapsed:.2f}s"

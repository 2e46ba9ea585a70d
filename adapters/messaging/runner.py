"""Runs outbox tasks inside a dishka REQUEST scope: claim the row, call the use case, mark it
done. Actors stay thin — decoding and dispatching is all that happens here."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import assert_never

from dishka import AsyncContainer

from adapters.messaging.dramatiq_tasks import Publish, TaskRunner
from adapters.persistence.outbox import OutboxStore
from core.domain.tasks import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    InterviewChanged,
    JobPosted,
    JobTestDefined,
    MatchCandidate,
    MatchJob,
    SendEmail,
    Task,
    TeamInvitationAnswered,
    TeamInvitationSent,
)
from core.ports.clock import Clock
from core.use_cases.matching.recalculate import Matching
from core.use_cases.notifications.deliver_email import DeliverEmail, DeliverEmailCommand
from core.use_cases.notifications.notify import HandleEvent, HandleEventCommand

log = logging.getLogger(__name__)

#: How long a worker may hold a task before another may take it over.
LEASE = timedelta(minutes=5)


class ContainerTaskRunner(TaskRunner):
    def __init__(self, container: AsyncContainer) -> None:
        self._container = container

    async def run(self, task_id: str) -> None:
        async with self._container() as scope:
            store = await scope.get(OutboxStore)
            clock = await scope.get(Clock)
            task = await store.claim(task_id, clock.now(), LEASE)
            if task is None:
                return  # done already, or another worker holds it
            try:
                await self._execute(task, task_id, scope)
            except Exception as exc:
                log.warning("Task %s failed (%s); it will be retried", task_id, exc)
                await store.fail(task_id, f"{type(exc).__name__}: {exc}")
                raise
            await store.complete(task_id, clock.now())

    async def warm_up(self) -> None:
        started = time.perf_counter()
        try:
            async with self._container() as scope:
                matching = await scope.get(Matching)
                ready = await matching.warm_up()
        except Exception:
            log.exception("Matching warm-up failed; features will load on first use")
            return
        log.info(
            "Matching features of %d candidates ready in %.1fs",
            ready,
            time.perf_counter() - started,
        )

    @staticmethod
    async def _execute(task: Task, task_id: str, scope: AsyncContainer) -> None:
        match task:
            case SendEmail():
                deliver = await scope.get(DeliverEmail)
                await deliver(DeliverEmailCommand(email=task, message_id=task_id))
            case (
                ApplicationSubmitted()
                | ApplicationStatusChanged()
                | JobPosted()
                | InterviewChanged()
                | JobTestDefined()
                | TeamInvitationSent()
                | TeamInvitationAnswered()
            ):
                handle = await scope.get(HandleEvent)
                await handle(HandleEventCommand(event=task, event_key=task_id))
            case MatchJob(job_id=job_id):
                matching = await scope.get(Matching)
                await matching.for_job(job_id, alert=True)
            case MatchCandidate(candidate_id=candidate_id):
                matching = await scope.get(Matching)
                await matching.for_candidate(candidate_id)
            case _:  # a new task type without a handler is a bug: fail loudly, retry later
                assert_never(task)

    async def sweep(self, *, grace_seconds: float, publish: Publish) -> int:
        async with self._container() as scope:
            store = await scope.get(OutboxStore)
            clock = await scope.get(Clock)
            ids = await store.due_for_dispatch(
                clock.now(),
                grace=timedelta(seconds=grace_seconds),
                redispatch_after=LEASE,
            )
            if ids:
                await publish(ids)
                await store.mark_dispatched(ids, clock.now())
            return len(ids)

    async def close(self) -> None:
        await self._container.close()

"""Runs outbox tasks inside a dishka REQUEST scope: claim the row, find its handler by route
key, call it with the decoded message, mark the row done. Actors stay thin: decoding and
dispatching is all that happens here."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from dishka import AsyncContainer
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from adapters.messaging.dramatiq_tasks import DependencyUnavailable, Publish, TaskRunner
from adapters.messaging.routes import Routes
from adapters.persistence.outbox import OutboxStore
from core.domain.messages import decode_message
from core.ports.clock import Clock
from core.ports.file_storage import FileStorageUnavailable

log = logging.getLogger(__name__)

#: How long a worker may hold a task before another may take it over (a worker that dies in
#: the middle of a task leaves it claimed until then). Longer than any task takes.
LEASE = timedelta(minutes=5)


class ContainerTaskRunner(TaskRunner):
    def __init__(
        self,
        container: AsyncContainer,
        routes: Routes,
        warm_up: Callable[[AsyncContainer, bool], Awaitable[Any]] | None = None,
        lease: timedelta = LEASE,
    ) -> None:
        self._container = container
        self._routes = routes
        self._warm_up = warm_up
        self._lease = lease

    async def run(self, task_id: str) -> None:
        try:
            await self._run(task_id)
        except Exception as exc:
            what = unavailable(exc)
            if what is None:
                raise
            reason = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
            first = (str(reason).splitlines() or [""])[0][:200]
            raise DependencyUnavailable(
                f"{what} unreachable ({type(reason).__name__}: {first})"
            ) from None

    async def _run(self, task_id: str) -> None:
        async with self._container() as scope:
            store = await scope.get(OutboxStore)
            clock = await scope.get(Clock)
            claimed = await store.claim(task_id, clock.now(), self._lease)
            if claimed is None:
                return  # done already, or another worker holds it
            try:
                route = self._routes.by_key(claimed.key)
                message = decode_message(claimed.payload, route.message)
                handler = await scope.get(route.handler)
                await handler(message, task_id)
            except Exception as exc:
                log.warning(
                    "Task %s failed (%s: %s); it will be retried",
                    task_id,
                    type(exc).__name__,
                    (str(exc).splitlines() or [""])[0][:200],
                )
                await store.fail(task_id, f"{type(exc).__name__}: {exc}")
                raise
            await store.complete(task_id, clock.now())

    async def warm_up(self, embedded: bool) -> None:
        if self._warm_up is None:
            return
        started = time.perf_counter()
        try:
            async with self._container() as scope:
                ready = await self._warm_up(scope, embedded)
        except Exception:
            log.exception("Warm-up failed; caches will fill on first use")
            return
        if ready:
            log.info("Warm-up done (%s) in %.1fs", ready, time.perf_counter() - started)

    async def sweep(self, *, grace_seconds: float, publish: Publish) -> int:
        async with self._container() as scope:
            store = await scope.get(OutboxStore)
            clock = await scope.get(Clock)
            due = await store.due_for_dispatch(
                clock.now(),
                grace=timedelta(seconds=grace_seconds),
                redispatch_after=self._lease,
            )
            if due:
                await publish(due)
                await store.mark_dispatched([d.task_id for d in due], clock.now())
            return len(due)

    async def close(self) -> None:
        await self._container.close()


def unavailable(exc: BaseException) -> str | None:
    """Which dependency ``exc`` says cannot be reached right now (a lost or refused database
    connection, a server shutting down, an exhausted pool, Redis, the file store), or
    ``None`` for a failure of the task itself."""
    if isinstance(exc, OperationalError | InterfaceError | PoolTimeout):
        return "database"
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return "database"
    if isinstance(exc, RedisConnectionError | RedisTimeoutError):
        return "redis"
    if isinstance(exc, FileStorageUnavailable):
        return "file storage"
    return None

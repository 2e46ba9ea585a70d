"""The dramatiq side of background work.

Messages carry only an outbox row id; the row (written in the same transaction as the change)
is the source of truth. ``TaskSystem`` owns one broker, one actor and, in a worker process or
in the embedded server, one dramatiq ``Worker`` plus an event-loop thread where the async task
runner and the outbox sweeper live. Nothing here is a module-level global, so tests can run
several apps (several task systems) in one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future
from typing import Any, Protocol

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

log = logging.getLogger(__name__)

ACTOR_NAME = "hireflow.run_outbox_task"
QUEUE_NAME = "hireflow"


Publish = Callable[[Sequence[str]], Awaitable[None]]


class TaskRunner(Protocol):
    """Runs the outbox task with this id (claim, execute, mark done). Raises to get a retry."""

    async def run(self, task_id: str) -> None: ...

    async def sweep(self, *, grace_seconds: float, publish: Publish) -> int:
        """Publish pending tasks that nobody relayed (older than the grace period); how many."""
        ...

    async def warm_up(self) -> None:
        """Fill this process's caches before the first task needs them (never raises)."""
        ...

    async def close(self) -> None: ...


def make_broker(redis_url: str | None) -> dramatiq.Broker:
    if redis_url:
        return RedisBroker(url=redis_url, namespace="hireflow")  # type: ignore[no-untyped-call]
    return StubBroker()


class _LoopThread(threading.Thread):
    def __init__(self) -> None:
        super().__init__(name="hireflow-tasks-loop", daemon=True)
        self.loop = asyncio.new_event_loop()

    def run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Awaitable[Any]) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)  # type: ignore[arg-type]

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.join(timeout=10)


class TaskSystem:
    def __init__(
        self,
        broker: dramatiq.Broker,
        *,
        runner_factory: Callable[[], Awaitable[TaskRunner]] | None = None,
        max_retries: int = 20,
        min_backoff_ms: int = 1_000,
        max_backoff_ms: int = 600_000,
    ) -> None:
        self.broker = broker
        self._runner_factory = runner_factory
        self._runner: TaskRunner | None = None
        self._loop_thread: _LoopThread | None = None
        self._worker: dramatiq.Worker | None = None
        self._sweeper: Future[Any] | None = None
        self.actor: dramatiq.Actor[[str], None] = dramatiq.Actor(
            self._execute,
            broker=broker,
            actor_name=ACTOR_NAME,
            queue_name=QUEUE_NAME,
            priority=0,
            options={
                "max_retries": max_retries,
                "min_backoff": min_backoff_ms,
                "max_backoff": max_backoff_ms,
            },
        )

    # --- producing -------------------------------------------------------------------------

    async def publish(self, task_ids: Sequence[str]) -> None:
        """Relay committed outbox rows. Blocking broker I/O runs off the event loop."""

        def send_all() -> None:
            for task_id in task_ids:
                self.actor.send(task_id)

        await asyncio.to_thread(send_all)

    # --- consuming -------------------------------------------------------------------------

    def _execute(self, task_id: str) -> None:
        if self._loop_thread is None or self._runner is None:
            raise RuntimeError("task system is not running a worker")
        self._loop_thread.submit(self._runner.run(task_id)).result()

    def start_worker(
        self,
        *,
        threads: int = 2,
        sweep_every: float = 15.0,
        grace: float = 30.0,
        first_sweep_grace: float | None = None,
        warm_up: bool = False,
    ) -> None:
        if self._runner_factory is None:
            raise RuntimeError("no runner factory: this task system only publishes")
        self._loop_thread = _LoopThread()
        self._loop_thread.start()
        self._runner = self._loop_thread.submit(self._runner_factory()).result(timeout=60)
        if warm_up:
            # On the worker's own loop, ahead of any task (tasks queue behind it).
            self._loop_thread.submit(self._runner.warm_up())
        self._sweeper = self._loop_thread.submit(
            self._sweep_forever(
                sweep_every, grace, grace if first_sweep_grace is None else first_sweep_grace
            )
        )
        self._worker = dramatiq.Worker(self.broker, worker_threads=threads, worker_timeout=100)
        self._worker.start()

    async def _sweep_forever(self, every: float, grace: float, first_grace: float) -> None:
        current = first_grace
        assert self._runner is not None
        while True:
            try:
                count = await self._runner.sweep(grace_seconds=current, publish=self.publish)
                if count:
                    log.info("Relayed %d pending task(s) from the outbox", count)
            except Exception:
                log.exception("Outbox sweep failed; will try again")
            current = grace
            await asyncio.sleep(every)

    def stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.stop(timeout=10_000)
            self._worker = None
        if self._loop_thread is not None:
            if self._sweeper is not None:
                self._sweeper.cancel()
            if self._runner is not None:
                with contextlib.suppress(Exception):
                    self._loop_thread.submit(self._runner.close()).result(timeout=10)
            self._loop_thread.stop()
            self._loop_thread = None
        self._runner = None

    def close(self) -> None:
        self.stop_worker()
        self.broker.close()

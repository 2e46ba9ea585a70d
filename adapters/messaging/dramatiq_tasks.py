"""The dramatiq side of background work.

Messages carry only an outbox row id; the row (written in the same transaction as the change)
is the source of truth. ``TaskSystem`` owns one broker and one actor per lane. A worker process
(or the embedded server) runs every lane apart: each has its own dramatiq ``Worker`` consuming
only its queue, its own event-loop thread and its own runner (container, database pool), so a
recalculation that takes seconds on the ``long`` lane never delays an e-mail or a notification
on the ``default`` one. Nothing here is a module-level global, so tests can run several apps
(several task systems) in one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

from adapters.messaging.routes import LANES, Dispatch, Lane

log = logging.getLogger(__name__)

#: Per lane: the actor's name and its queue. The default lane keeps the names it always had,
#: so messages already in a Redis broker are still consumed after an upgrade.
ACTORS: Mapping[Lane, tuple[str, str]] = {
    "default": ("hireflow.run_outbox_task", "hireflow"),
    "long": ("hireflow.run_long_outbox_task", "hireflow.long"),
}

Publish = Callable[[Sequence[Dispatch]], Awaitable[None]]


class DependencyUnavailable(Exception):
    """What a task needs cannot be reached right now (the database restarting, say): the task
    is retried later like any failure, but this is logged as one line, not a traceback. The
    message names the dependency and the driver's first line, never a secret."""


class TaskRunner(Protocol):
    """Runs the outbox task with this id (claim, execute, mark done). Raises to get a retry
    (``DependencyUnavailable`` when the cause is an outage rather than the task)."""

    async def run(self, task_id: str) -> None: ...

    async def sweep(self, *, grace_seconds: float, publish: Publish) -> int:
        """Publish pending tasks that nobody relayed (older than the grace period); how many."""
        ...

    async def warm_up(self, embedded: bool) -> None:
        """Fill this lane's caches before the first task needs them (never raises); told
        whether the worker runs inside the web server."""
        ...

    async def close(self) -> None: ...


def make_broker(redis_url: str | None) -> dramatiq.Broker:
    if redis_url:
        return RedisBroker(url=redis_url, namespace="hireflow")  # type: ignore[no-untyped-call]
    return StubBroker()


class _LoopThread(threading.Thread):
    def __init__(self, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self.loop = asyncio.new_event_loop()

    def run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Awaitable[Any]) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)  # type: ignore[arg-type]

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.join(timeout=10)


class _OneWorkerPerLane(logging.Filter):
    """Each lane's dramatiq ``Worker`` adds its own ``_WorkerMiddleware`` to the broker, which
    dramatiq allows but warns about; the warning says nothing useful here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "_WorkerMiddleware" not in record.getMessage()


@dataclass
class _Lane:
    loop: _LoopThread
    runner: TaskRunner
    worker: dramatiq.Worker


class TaskSystem:
    def __init__(
        self,
        broker: dramatiq.Broker,
        *,
        runner_factory: Callable[[Lane], Awaitable[TaskRunner]] | None = None,
        max_retries: int = 20,
        min_backoff_ms: int = 1_000,
        max_backoff_ms: int = 600_000,
    ) -> None:
        self.broker = broker
        broker.logger.addFilter(_OneWorkerPerLane())
        self._runner_factory = runner_factory
        self._lanes: dict[Lane, _Lane] = {}
        self._sweeper: Future[Any] | None = None
        self.actors: dict[Lane, dramatiq.Actor[[str], None]] = {
            lane: dramatiq.Actor(
                self._executor(lane),
                broker=broker,
                actor_name=actor_name,
                queue_name=queue_name,
                priority=0,
                options={
                    "max_retries": max_retries,
                    "min_backoff": min_backoff_ms,
                    "max_backoff": max_backoff_ms,
                },
            )
            for lane, (actor_name, queue_name) in ACTORS.items()
        }

    # --- producing -------------------------------------------------------------------------

    async def publish(self, dispatches: Sequence[Dispatch]) -> None:
        """Relay committed outbox rows, each to its lane's queue. Blocking broker I/O runs
        off the event loop."""

        def send_all() -> None:
            for task_id, lane in dispatches:
                self.actors[lane].send(task_id)

        await asyncio.to_thread(send_all)

    # --- consuming -------------------------------------------------------------------------

    def _executor(self, lane: Lane) -> Callable[[str], None]:
        def execute(task_id: str) -> None:
            running = self._lanes.get(lane)
            if running is None:
                raise RuntimeError(f"task system is not running the {lane} lane")
            try:
                running.loop.submit(running.runner.run(task_id)).result()
            except DependencyUnavailable as exc:
                log.warning("Task %s deferred: %s; it will be retried", task_id, exc)
                # Retried with the usual back-off; dramatiq logs a Retry without a traceback.
                raise dramatiq.Retry(str(exc)) from None

        execute.__name__ = f"run_{lane}_outbox_task"
        return execute

    def start_worker(
        self,
        *,
        threads: Mapping[Lane, int] | None = None,
        lanes: Sequence[Lane] = LANES,
        sweep_every: float = 15.0,
        grace: float = 30.0,
        first_sweep_grace: float | None = None,
        embedded: bool = False,
    ) -> None:
        """Run ``lanes`` (all by default) in this process: ``threads`` concurrent tasks per
        lane. The sweeper runs with the first lane: one per worker process."""
        if self._runner_factory is None:
            raise RuntimeError("no runner factory: this task system only publishes")
        threads = {"default": 2, "long": 1, **(threads or {})}
        for lane in lanes:
            loop = _LoopThread(f"hireflow-{lane}-loop")
            loop.start()
            runner = loop.submit(self._runner_factory(lane)).result(timeout=60)
            # On the lane's own loop, ahead of any task (tasks queue behind it).
            loop.submit(runner.warm_up(embedded))
            worker = dramatiq.Worker(
                self.broker,
                queues={ACTORS[lane][1]},
                worker_threads=threads[lane],
                worker_timeout=100,
            )
            self._lanes[lane] = _Lane(loop=loop, runner=runner, worker=worker)
        first = self._lanes[lanes[0]]
        self._sweeper = first.loop.submit(
            self._sweep_forever(
                first.runner,
                sweep_every,
                grace,
                grace if first_sweep_grace is None else first_sweep_grace,
            )
        )
        for running in self._lanes.values():
            running.worker.start()

    async def _sweep_forever(
        self, runner: TaskRunner, every: float, grace: float, first_grace: float
    ) -> None:
        current = first_grace
        while True:
            try:
                count = await runner.sweep(grace_seconds=current, publish=self.publish)
                if count:
                    log.info("Relayed %d pending task(s) from the outbox", count)
            except Exception as exc:  # the database or the broker away: try again
                log.warning(
                    "Outbox sweep failed (%s: %s); will try again",
                    type(exc).__name__,
                    (str(exc).splitlines() or [""])[0][:200],
                )
                log.debug("Outbox sweep failure", exc_info=exc)
            current = grace
            await asyncio.sleep(every)

    def stop_worker(self) -> None:
        for running in self._lanes.values():
            running.worker.stop(timeout=10_000)
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        for running in self._lanes.values():
            with contextlib.suppress(Exception):
                running.loop.submit(running.runner.close()).result(timeout=10)
            running.loop.stop()
        self._lanes.clear()

    def close(self) -> None:
        self.stop_worker()
        self.broker.close()

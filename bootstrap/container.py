"""Which providers make up a container, for the web app and for the worker."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import timedelta

import dramatiq
from dishka import AsyncContainer, Provider, make_async_container

from adapters.messaging.dramatiq_tasks import TaskRunner, TaskSystem, make_broker
from adapters.messaging.routes import LANES, Lane, Routes
from adapters.messaging.runner import ContainerTaskRunner
from bootstrap.modules import MODULES
from bootstrap.providers.context import ContextProvider
from bootstrap.providers.email import EmailProvider
from bootstrap.providers.live import LiveProvider
from bootstrap.providers.persistence import PersistenceProvider
from bootstrap.providers.security import ClockProvider, SecurityProvider
from bootstrap.providers.storage import StorageProvider
from bootstrap.settings import Settings


def core_providers() -> list[Provider]:
    """Everything but the HTTP adapter: the platform's providers, then every module's.

    Its ``LiveProvider`` has an in-memory hub of its own; ``create_app`` overrides it with one
    shared by the web app and its embedded worker (see ``LiveProvider``)."""
    platform: list[Provider] = [
        ContextProvider(),
        ClockProvider(),
        PersistenceProvider(),
        SecurityProvider(),
        EmailProvider(),
        StorageProvider(),
        LiveProvider(),
    ]
    return platform + [provider() for module in MODULES for provider in module.providers]


def routes() -> Routes:
    """Every module's reactions to messages."""
    return Routes(route for module in MODULES for route in module.routes)


def make_worker_container(
    settings: Settings, tasks: TaskSystem, *overrides: Provider
) -> AsyncContainer:
    return make_async_container(
        *core_providers(),
        *overrides,
        context={Settings: settings, TaskSystem: tasks, Routes: routes()},
    )


def make_task_system(
    settings: Settings, *overrides: Provider, broker: dramatiq.Broker | None = None
) -> TaskSystem:
    """The broker of this process and, to run tasks, a runner per lane built on its own
    container (created inside the lane's event loop, so its database pool belongs to it)."""
    broker = broker or make_broker(settings.redis.url or None)
    system: TaskSystem
    table = routes()
    warm_ups = [module.warm_up for module in MODULES if module.warm_up is not None]

    async def warm_up(scope: AsyncContainer, embedded: bool) -> Sequence[object]:
        return [done for step in warm_ups if (done := await step(scope, embedded)) is not None]

    async def runner_factory(lane: Lane) -> TaskRunner:
        return ContainerTaskRunner(
            make_worker_container(settings, system, *overrides),
            table,
            warm_up=warm_up if lane == "long" else None,
            lease=timedelta(seconds=settings.worker.task_lease_seconds),
        )

    system = TaskSystem(
        broker,
        runner_factory=runner_factory,
        min_backoff_ms=settings.worker.task_min_backoff_ms,
        max_backoff_ms=settings.worker.task_max_backoff_ms,
    )
    return system


#: The interpreter's thread switch interval where the long lane shares a process with other
#: work. The default (5 ms) lets a recalculation, which holds the interpreter in Python code,
#: delay every database round trip of the other lanes (and of requests, when embedded) by up
#: to 5 ms: measured with 100k candidates on SQLite, a notification then took 222 ms (p50)
#: and up to 1.2 s while a recalculation ran; at 0.2 ms, 70 ms and 165 ms, with no measurable
#: cost to the recalculation (bench/matching.py, (d)).
SHARED_SWITCH_INTERVAL = 0.0002


def start_worker(
    tasks: TaskSystem, settings: Settings, *, embedded: bool, lanes: Sequence[Lane] = LANES
) -> None:
    """Run tasks in this process, on ``lanes`` (all by default: a busy deployment may run
    ``hireflow worker --lanes long`` apart, so that recalculations share no interpreter with
    notifications). Embedded (one process owns the database), the first sweep takes every
    pending task at once: nothing else can be working on it."""
    if "long" in lanes and (embedded or len(lanes) > 1):
        sys.setswitchinterval(SHARED_SWITCH_INTERVAL)
    tasks.start_worker(
        threads={"default": 2 if embedded else settings.worker.worker_threads, "long": 1},
        lanes=lanes,
        sweep_every=settings.worker.outbox_sweep_seconds,
        grace=settings.worker.outbox_grace_seconds,
        first_sweep_grace=0.0 if embedded else None,
        embedded=embedded,
    )

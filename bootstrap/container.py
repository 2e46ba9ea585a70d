"""Which providers make up a container, for the web app and for the worker."""

from __future__ import annotations

import dramatiq
from dishka import AsyncContainer, Provider, make_async_container

from adapters.messaging.dramatiq_tasks import TaskRunner, TaskSystem, make_broker
from adapters.messaging.runner import ContainerTaskRunner
from bootstrap.providers.accounts import AccountsProvider
from bootstrap.providers.applications import ApplicationsProvider, NotificationsProvider
from bootstrap.providers.context import ContextProvider
from bootstrap.providers.email import EmailProvider
from bootstrap.providers.matching import MatchingProvider
from bootstrap.providers.persistence import PersistenceProvider
from bootstrap.providers.profiles import (
    CompaniesProvider,
    JobsProvider,
    ProfilesProvider,
    StorageProvider,
)
from bootstrap.providers.security import ClockProvider, SecurityProvider
from bootstrap.settings import Settings


def core_providers() -> list[Provider]:
    """Everything but the HTTP adapter: what both the web app and the worker need."""
    return [
        ContextProvider(),
        ClockProvider(),
        PersistenceProvider(),
        SecurityProvider(),
        EmailProvider(),
        AccountsProvider(),
        StorageProvider(),
        ProfilesProvider(),
        CompaniesProvider(),
        JobsProvider(),
        ApplicationsProvider(),
        NotificationsProvider(),
        MatchingProvider(),
    ]


def make_worker_container(
    settings: Settings, tasks: TaskSystem, *overrides: Provider
) -> AsyncContainer:
    return make_async_container(
        *core_providers(), *overrides, context={Settings: settings, TaskSystem: tasks}
    )


def make_task_system(
    settings: Settings, *overrides: Provider, broker: dramatiq.Broker | None = None
) -> TaskSystem:
    """The broker of this process and, to run tasks, a runner built on its own container
    (created inside the worker's event loop, so its database pool belongs to that loop)."""
    broker = broker or make_broker(settings.redis_url or None)
    system: TaskSystem

    async def runner_factory() -> TaskRunner:
        return ContainerTaskRunner(make_worker_container(settings, system, *overrides))

    system = TaskSystem(
        broker,
        runner_factory=runner_factory,
        min_backoff_ms=settings.task_min_backoff_ms,
        max_backoff_ms=settings.task_max_backoff_ms,
    )
    return system


def start_worker(tasks: TaskSystem, settings: Settings, *, embedded: bool) -> None:
    """Run tasks in this process. Embedded (one process owns the database), the first sweep
    takes every pending task at once: nothing else can be working on it."""
    tasks.start_worker(
        threads=2 if embedded else settings.worker_threads,
        sweep_every=settings.outbox_sweep_seconds,
        grace=settings.outbox_grace_seconds,
        first_sweep_grace=0.0 if embedded else None,
        warm_up=not embedded if settings.matching_warm_up is None else settings.matching_warm_up,
    )

"""Which providers make up a container, for the web app and for the worker."""

from __future__ import annotations

from dishka import AsyncContainer, Provider, make_async_container

from adapters.messaging.dramatiq_tasks import TaskRunner, TaskSystem, make_broker
from adapters.messaging.runner import ContainerTaskRunner
from bootstrap.providers.accounts import AccountsProvider
from bootstrap.providers.context import ContextProvider
from bootstrap.providers.email import EmailProvider
from bootstrap.providers.persistence import PersistenceProvider
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
    ]


def make_worker_container(
    settings: Settings, tasks: TaskSystem, *overrides: Provider
) -> AsyncContainer:
    return make_async_container(
        *core_providers(), *overrides, context={Settings: settings, TaskSystem: tasks}
    )


def make_task_system(settings: Settings, *overrides: Provider) -> TaskSystem:
    """The broker of this process and, to run tasks, a runner built on its own container
    (created inside the worker's event loop, so its database pool belongs to that loop)."""
    broker = make_broker(settings.redis_url or None)
    system: TaskSystem

    async def runner_factory() -> TaskRunner:
        return ContainerTaskRunner(make_worker_container(settings, system, *overrides))

    system = TaskSystem(broker, runner_factory=runner_factory)
    return system

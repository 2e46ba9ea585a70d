from __future__ import annotations

from dishka import Provider, Scope, from_context

from adapters.messaging.dramatiq_tasks import TaskSystem
from bootstrap.settings import Settings


class ContextProvider(Provider):
    """What the process hands to the container: its settings and its task system."""

    settings = from_context(provides=Settings, scope=Scope.APP)
    tasks = from_context(provides=TaskSystem, scope=Scope.APP)

from __future__ import annotations

from dishka import Provider, Scope, from_context

from adapters.messaging.dramatiq_tasks import TaskSystem
from adapters.messaging.routes import Routes
from bootstrap.settings import Settings


class ContextProvider(Provider):
    """What the process hands to the container: its settings, its task system and the routing
    table of messages to handlers (collected from the modules)."""

    settings = from_context(provides=Settings, scope=Scope.APP)
    tasks = from_context(provides=TaskSystem, scope=Scope.APP)
    routes = from_context(provides=Routes, scope=Scope.APP)

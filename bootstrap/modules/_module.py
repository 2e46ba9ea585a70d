"""What a module is to the composition root: everything it adds, declared in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from dishka import AsyncContainer, Provider
from litestar import Controller

from adapters.messaging.routes import Route
from bootstrap.settings import SettingsGroup


@dataclass(frozen=True)
class Module:
    """A Hireflow module (accounts, companies, jobs, ...): its dishka providers, its HTTP
    controllers, its reactions to messages (``Route``: message type, handler, lane), its
    settings groups and, if it has caches to fill, what a starting worker does first.

    Its tables are ``adapters/persistence/tables/<name>.py`` (loaded with the package)."""

    name: str
    providers: tuple[type[Provider], ...] = ()
    controllers: tuple[type[Controller], ...] = ()
    routes: tuple[Route, ...] = ()
    settings: tuple[type[SettingsGroup], ...] = ()
    #: Run by a starting worker on the ``long`` lane before its first task, told whether the
    #: worker is embedded in ``hireflow serve``; returns what it readied (logged), or ``None``
    #: when it chose not to. Failures are logged and ignored: caches fill on first use.
    warm_up: Callable[[AsyncContainer, bool], Awaitable[object | None]] | None = None

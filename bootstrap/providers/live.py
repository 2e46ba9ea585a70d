"""The real-time fan-out (``adapters.messaging.live``) for the web app and the workers."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide

from adapters.messaging.live import LiveHub, MemoryLiveHub, RedisLiveHub
from adapters.messaging.live_updates import HubLiveUpdates
from bootstrap.settings import Settings
from core.ports.live_updates import LiveUpdates


class LiveProvider(Provider):
    """With ``HIREFLOW_REDIS_URL``: Redis pub/sub, each container its own connections (every
    container runs on an event loop of its own). Without: one in-memory hub for the process,
    which ``create_app`` hands to the web app and to its embedded worker's lanes alike (the
    same provider instance), so a notification made by the worker reaches a socket."""

    def __init__(self, memory: MemoryLiveHub | None = None) -> None:
        super().__init__()
        self._memory = memory or MemoryLiveHub()

    @provide(scope=Scope.APP)
    async def hub(self, settings: Settings) -> AsyncIterator[LiveHub]:
        if not settings.redis.url:
            yield self._memory
            return
        hub = RedisLiveHub(settings.redis.url)
        try:
            yield hub
        finally:
            await hub.close()

    live_updates = provide(HubLiveUpdates, provides=LiveUpdates, scope=Scope.REQUEST)

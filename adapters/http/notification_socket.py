"""``ws/notifications/``: every new notification of the caller, pushed live as
``{"type": "notification", "notification": {...}}`` (whichever process, server or worker,
created it). The client may send ``{"type": "ping"}`` (answered ``{"type": "pong"}``); close
codes and error frames: ``adapters.http.live``."""

from __future__ import annotations

from typing import Any

from dishka import AsyncContainer
from litestar import Controller, WebSocket, websocket

from adapters.http.live import LiveSocket, authenticate, unknown_type
from adapters.messaging.live import LiveHub, user_channel

_PONG = b'{"type":"pong"}'
_SUBSCRIBED = b'{"type":"subscribed"}'


class NotificationSocketController(Controller):
    path = "/ws"

    @websocket("/notifications/")
    async def notifications(self, socket: WebSocket[Any, Any, Any]) -> None:
        await socket.accept()
        session: AsyncContainer = socket.state.dishka_container
        caller = await authenticate(socket, session)
        if caller is None:
            return
        hub = await session.get(LiveHub)
        live = LiveSocket(socket, caller, session)

        async def on_frame(frame: dict[str, Any]) -> None:
            if frame["type"] != "ping":
                raise unknown_type(frame, ["ping"])
            await live.send(_PONG)

        async def ready() -> None:
            # Sent once the socket listens: a client reads the list over REST after this frame
            # to fill any gap since its last visit, and misses nothing made from then on.
            await live.send(_SUBSCRIBED)

        await live.serve(hub, [user_channel(caller.user.require_id())], on_frame, ready=ready)

"""The core's ``LiveUpdates`` on a ``LiveHub``: pushes wait for their transaction to commit.
(Apart from ``live``, so the web adapter's sockets use the hub without reaching the
persistence layer's transactions.)"""

from __future__ import annotations

from adapters.messaging.live import LiveHub, conversation_channel, user_channel
from adapters.persistence.transaction import CommitHooks
from core.domain.live import LiveFrame, encode_frame
from core.ports.live_updates import LiveUpdates


class HubLiveUpdates(LiveUpdates):
    """The core's ``LiveUpdates``: frames are encoded at once and published after commit."""

    def __init__(self, hub: LiveHub, hooks: CommitHooks) -> None:
        self._hub = hub
        self._hooks = hooks

    async def to_conversation(self, conversation_id: int, frame: LiveFrame) -> None:
        self._after_commit(conversation_channel(conversation_id), frame)

    async def to_user(self, user_id: int, frame: LiveFrame) -> None:
        self._after_commit(user_channel(user_id), frame)

    def _after_commit(self, channel: str, frame: LiveFrame) -> None:
        data = encode_frame(frame)

        async def push() -> None:
            await self._hub.publish(channel, data)

        self._hooks.add(push)

from __future__ import annotations

from typing import Protocol

from core.domain.live import LiveFrame


class LiveUpdates(Protocol):
    """Pushes to open sockets, on every server process. A push joins the current transaction,
    as ``TaskQueue.enqueue`` does: it is sent once the transaction commits, and never if it
    does not (a socket is never told of a message that was rolled back). Delivery is at most
    once: a socket that was not open, or not reachable, reads the state over REST instead."""

    async def to_conversation(self, conversation_id: int, frame: LiveFrame) -> None:
        """Every socket open on this conversation, its participants' other tabs included."""
        ...

    async def to_user(self, user_id: int, frame: LiveFrame) -> None:
        """Every notifications socket this user has open."""
        ...

from __future__ import annotations

from typing import Protocol

from core.domain.messages import Message


class TaskQueue(Protocol):
    """Events and background commands. ``enqueue`` joins the current transaction: the message is
    recorded with the change that caused it, and every handler that reacts to it runs (each on
    its own, retried on its own) only if that change commits, at least once, even if the broker
    was down at the time."""

    async def enqueue(self, message: Message) -> None: ...

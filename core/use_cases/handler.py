"""What a reaction to a message looks like. Handlers are use cases run in the background, after
the change that produced the message committed; the composition root registers which handlers
react to which message, per module."""

from __future__ import annotations

from typing import Protocol, TypeVar

from core.domain.messages import Message

M_contra = TypeVar("M_contra", bound=Message, contravariant=True)


class Handler(Protocol[M_contra]):
    async def __call__(self, message: M_contra, key: str) -> None:
        """React to ``message``. ``key`` is unique to this (message, handler) pair and the same
        on every retry: a handler is idempotent on it, so a redelivered message changes nothing.
        A handler commits its own transaction; raising gets it retried, alone."""
        ...

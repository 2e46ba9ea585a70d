"""Messaging's messages (stored in the outbox with the change: never change a tag)."""

from __future__ import annotations

from core.domain.messages import Message


class MessageSent(Message, frozen=True, kw_only=True, tag="message_sent"):
    message_id: int
    conversation_id: int
    sender_id: int

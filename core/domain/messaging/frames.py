"""What a chat socket (``ws/messaging/{conversation_id}/``) is sent. The ``type`` of each is
the contract (see the README): never change a tag."""

from __future__ import annotations

from datetime import datetime

from core.domain.live import LiveFrame
from core.domain.messaging.views import MessageView


class MessageHistoryFrame(LiveFrame, frozen=True, kw_only=True, tag="message_history"):
    """Sent once, on connecting: the recent messages, oldest first."""

    conversation_id: int
    messages: list[MessageView]


class ChatMessageFrame(LiveFrame, frozen=True, kw_only=True, tag="chat_message"):
    """A new message, to every socket open on the conversation (the sender's tabs too)."""

    message: MessageView


class TypingFrame(LiveFrame, frozen=True, kw_only=True, tag="typing"):
    """Someone is (or stopped) typing: to the other participants' sockets only."""

    conversation_id: int
    user_id: int
    username: str
    is_typing: bool


class ReadFrame(LiveFrame, frozen=True, kw_only=True, tag="read"):
    """``reader_id`` read every message of the others up to ``up_to_id`` (so the sender sees
    that what they sent was read)."""

    conversation_id: int
    reader_id: int
    up_to_id: int
    count: int
    read_at: datetime

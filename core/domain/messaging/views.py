"""What the messaging API answers with, built by query adapters straight from SQL."""

from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.accounts.user import User


class Person(msgspec.Struct, frozen=True, kw_only=True):
    """A participant or a message's sender."""

    id: int
    username: str
    full_name: str
    profile_picture: str | None = None

    @classmethod
    def of(cls, user: User) -> Person:
        return cls(
            id=user.require_id(),
            username=user.username,
            full_name=user.full_name,
            profile_picture=user.profile_picture or None,
        )


class MessageView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    conversation_id: int
    #: Plain text, as it was sent (trimmed): never markup.
    content: str
    sender: Person
    created_at: datetime
    #: When the other participant read it.
    read_at: datetime | None = None
    is_read: bool = False


class ConversationView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    participants: list[Person]
    last_message: MessageView | None
    #: Messages of the others that the viewer has not read.
    unread_count: int
    job_id: int | None
    created_at: datetime
    #: Last activity: the last message, or the start.
    updated_at: datetime


class ConversationFilters(msgspec.Struct, frozen=True, kw_only=True):
    unread_only: bool = False
    #: The other participant, by id or username.
    with_user: int | str | None = None


class StartedConversation(msgspec.Struct, frozen=True, kw_only=True):
    conversation: ConversationView
    #: False when the two already shared it (it is answered, not made again).
    created: bool
    #: The first message, when one was sent with the start.
    message: MessageView | None = None


class ReadReceipt(msgspec.Struct, frozen=True, kw_only=True):
    """Messages of the others just marked read for a reader: every one up to ``up_to_id``."""

    count: int
    #: The newest of them; ``None`` exactly when none was marked (``count`` is 0).
    up_to_id: int | None
    read_at: datetime

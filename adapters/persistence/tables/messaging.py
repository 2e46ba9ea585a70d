"""Conversations, who is in them, and their messages."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    false,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

conversations = Table(
    "conversations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    #: ``"<low id>:<high id>"`` of its two participants: two people share one conversation,
    #: also when both start it at the same moment.
    Column("pair_key", String(41), nullable=False, unique=True),
    Column("job_id", Id, ForeignKey("jobs.id", ondelete="SET NULL"), nullable=True),
    Column("started_by", Id, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    #: Last activity (its start, then each message): the inbox's order.
    Column("updated_at", UtcDateTime, nullable=False),
)


conversation_participants = Table(
    "conversation_participants",
    metadata,
    Column(
        "conversation_id",
        Id,
        ForeignKey("conversations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("joined_at", UtcDateTime, nullable=False),
    #: An e-mail told this participant of unread messages here, and they have not read them
    #: since: no second e-mail until they do.
    Column("email_pending", Boolean, nullable=False, server_default=false()),
    Index("ix_conversation_participants_user_id", "user_id"),
)


messages = Table(
    "messages",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column(
        "conversation_id", Id, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    ),
    Column("sender_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("content", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    #: When the other participant read it (conversations have two participants).
    Column("read_at", UtcDateTime, nullable=True),
    Index("ix_messages_conversation_id", "conversation_id", "id"),
)


#: The unread messages only: an inbox counts them per conversation without reading the others.
Index(
    "ix_messages_unread",
    messages.c.conversation_id,
    messages.c.sender_id,
    postgresql_where=messages.c.read_at.is_(None),
    sqlite_where=messages.c.read_at.is_(None),
)

"""In-app notifications and who wants which by e-mail."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

notifications = Table(
    "notifications",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("related_object_type", String(40), nullable=False, server_default=""),
    Column("related_object_id", Id, nullable=True),
    Column("is_read", Boolean, nullable=False, server_default=false()),
    Column("read_at", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("event_key", String(64), nullable=False),
    UniqueConstraint("event_key", "user_id", name="uq_notifications_event_user"),
    Index("ix_notifications_user_created", "user_id", "created_at"),
    Index("ix_notifications_user_unread", "user_id", "is_read"),
)


notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email_types", JSON, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

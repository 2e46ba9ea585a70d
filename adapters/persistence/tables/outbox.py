"""Background work: the outbox of tasks written with the change that asked for them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from adapters.persistence.tables._base import UtcDateTime, metadata

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(32), primary_key=True),
    #: The route key of the handler this row is for (one row per message and handler).
    Column("name", String(100), nullable=False),
    #: The lane (worker queue) the handler runs in: ``default`` or ``long``.
    Column("lane", String(20), nullable=False, server_default="default"),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("dispatched_at", UtcDateTime, nullable=True),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("completed_at", UtcDateTime, nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=True),
    Index("ix_outbox_pending", "completed_at", "created_at"),
)

"""Accounts: users, sessions (token families) and their refresh tokens, OAuth states."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("username", String(30), nullable=False),
    Column("username_key", String(30), nullable=False, unique=True),
    Column("email", String(254), nullable=False),
    Column("email_key", String(254), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=True),
    Column("first_name", String(150), nullable=False, server_default=""),
    Column("last_name", String(150), nullable=False, server_default=""),
    Column("user_type", String(20), nullable=False),
    Column("phone", String(32), nullable=False, server_default=""),
    Column("location", String(255), nullable=False, server_default=""),
    Column("bio", Text, nullable=False, server_default=""),
    Column("profile_picture", String(2048), nullable=False, server_default=""),
    Column("is_active", Boolean, nullable=False, server_default=false()),
    Column("email_verified", Boolean, nullable=False, server_default=false()),
    Column("token_version", Integer, nullable=False, server_default="0"),
    Column("linkedin_sub", String(255), nullable=True, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("last_login", UtcDateTime, nullable=True),
)


refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("jti", String(64), primary_key=True),
    Column("family", String(64), nullable=False),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
    Index("ix_refresh_tokens_family", "family"),
    Index("ix_refresh_tokens_user_id", "user_id"),
    Index("ix_refresh_tokens_expires_at", "expires_at"),
)


#: One row per session (refresh-token family): access tokens carry their family, and an ended
#: session refuses them at once (logout, detected refresh-token reuse, password reset).
auth_sessions = Table(
    "auth_sessions",
    metadata,
    Column("family", String(64), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime, nullable=True),
    Index("ix_auth_sessions_user_id", "user_id"),
)


oauth_states = Table(
    "oauth_states",
    metadata,
    #: SHA-256 of the state: a leaked table does not hand out usable states.
    Column("state_hash", String(64), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Index("ix_oauth_states_expires_at", "expires_at"),
)

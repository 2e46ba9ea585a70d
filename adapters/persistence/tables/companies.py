"""Companies, their team invitations and followers."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

companies = Table(
    "companies",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    #: ``company_name_key(name)``: names are unique ignoring case and spacing.
    Column("name_key", String(200), nullable=False, unique=True),
    Column("slug", String(220), nullable=False, unique=True),
    Column("admin_id", Id, ForeignKey("users.id", ondelete="RESTRICT"), nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("industry", String(100), nullable=False, server_default=""),
    Column("location", String(255), nullable=False, server_default=""),
    Column("website", String(2048), nullable=False, server_default=""),
    Column("employee_count", String(20), nullable=False, server_default=""),
    Column("founded_year", Integer, nullable=True),
    Column("logo", String(2048), nullable=False, server_default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_companies_admin_id", "admin_id"),
    Index("ix_companies_industry", "industry"),
)


#: A recruiter joins a team only by accepting an invitation from its admin.
team_invitations = Table(
    "team_invitations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("invited_by", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(100), nullable=False, server_default=""),
    Column("status", String(20), nullable=False, server_default="pending"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("responded_at", UtcDateTime, nullable=True),
    Index("ix_team_invitations_user_id", "user_id"),
    Index("ix_team_invitations_company_id", "company_id"),
)


#: At most one pending invitation per team and recruiter.
Index(
    "uq_team_invitations_pending",
    team_invitations.c.company_id,
    team_invitations.c.user_id,
    unique=True,
    postgresql_where=team_invitations.c.status == "pending",
    sqlite_where=team_invitations.c.status == "pending",
)


company_followers = Table(
    "company_followers",
    metadata,
    Column("company_id", Id, ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "user_id"),
    Index("ix_company_followers_user_id", "user_id"),
)


#: Slugs a company had before a rename: links made with them keep leading to it.
company_slugs = Table(
    "company_slugs",
    metadata,
    Column("slug", String(220), primary_key=True),
    Column("company_id", Id, ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_company_slugs_company_id", "company_id"),
)

"""sessions, team invitations, unique company names

Revision ID: 0009_sessions_team_invitations
Revises: 0008_location_words_indexed
Create Date: 2026-12-01 09:00:00

* ``auth_sessions``: one row per session (refresh-token family), so that an access token of an
  ended session (logout, refresh-token reuse, password reset) is refused at once. Filled from
  the refresh tokens issued so far: a family with a revoked token has ended.
* ``team_invitations``: recruiters join a team by accepting an invitation.
* ``companies.name_key``: company names are unique ignoring case and spacing. Companies that
  already share a name keep it (the oldest holds the name; the others' keys get their id), so
  nothing is renamed behind anyone's back; they cannot be renamed into a taken name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_sessions_team_invitations"
down_revision: str | None = "0008_location_words_indexed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _name_key(name: str) -> str:
    # Frozen copy of core.domain.companies.company.company_name_key at this revision.
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def upgrade() -> None:
    op.create_table(
        "auth_sessions",
        sa.Column("family", sa.String(length=64), nullable=False),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_auth_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("family", name=op.f("pk_auth_sessions")),
    )
    op.create_index("ix_auth_sessions_user_id", "auth_sessions", ["user_id"])
    op.execute(
        "INSERT INTO auth_sessions (family, user_id, created_at, ended_at) "
        "SELECT family, min(user_id), min(issued_at), "
        "CASE WHEN count(revoked_at) > 0 THEN max(revoked_at) END "
        "FROM refresh_tokens GROUP BY family"
    )

    op.create_table(
        "team_invitations",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("invited_by", Id, nullable=False),
        sa.Column("role", sa.String(length=100), server_default="", nullable=False),
        sa.Column("status", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_team_invitations_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by"],
            ["users.id"],
            name=op.f("fk_team_invitations_invited_by_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_team_invitations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_invitations")),
    )
    op.create_index("ix_team_invitations_user_id", "team_invitations", ["user_id"])
    op.create_index("ix_team_invitations_company_id", "team_invitations", ["company_id"])
    pending = sa.text("status = 'pending'")
    op.create_index(
        "uq_team_invitations_pending",
        "team_invitations",
        ["company_id", "user_id"],
        unique=True,
        postgresql_where=pending,
        sqlite_where=pending,
    )

    op.add_column("companies", sa.Column("name_key", sa.String(length=200), nullable=True))
    connection = op.get_bind()
    companies = sa.table(
        "companies", sa.column("id", Id), sa.column("name"), sa.column("name_key")
    )
    seen: set[str] = set()
    rows = connection.execute(sa.select(companies.c.id, companies.c.name).order_by("id"))
    for company_id, name in list(rows):
        key = _name_key(name)
        if key in seen:
            key = f"{key[:180]}#{company_id}"
        seen.add(key)
        connection.execute(
            companies.update().where(companies.c.id == company_id).values(name_key=key)
        )
    with op.batch_alter_table("companies") as batch:
        batch.alter_column("name_key", existing_type=sa.String(length=200), nullable=False)
        batch.create_unique_constraint("uq_companies_name_key", ["name_key"])


def downgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.drop_constraint("uq_companies_name_key", type_="unique")
        batch.drop_column("name_key")
    op.drop_index("uq_team_invitations_pending", table_name="team_invitations")
    op.drop_index("ix_team_invitations_company_id", table_name="team_invitations")
    op.drop_index("ix_team_invitations_user_id", table_name="team_invitations")
    op.drop_table("team_invitations")
    op.drop_index("ix_auth_sessions_user_id", table_name="auth_sessions")
    op.drop_table("auth_sessions")

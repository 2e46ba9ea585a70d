"""live jobs index: newest first, live only

Revision ID: 0007_live_jobs_index
Revises: 0006_job_matches
Create Date: 2026-11-26 23:30:00

Replaces ``(is_active, created_at)`` with a partial index on ``(created_at DESC, id DESC)
WHERE is_active``: the public job list walks it newest first (the id breaks ties exactly as the
list orders them), and it only holds live jobs.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_live_jobs_index"
down_revision: str | None = "0006_job_matches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    live = sa.text("is_active IS true")
    op.create_index(
        "ix_jobs_live_created",
        "jobs",
        [sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=live,
        sqlite_where=live,
    )
    op.drop_index("ix_jobs_active_created", table_name="jobs")


def downgrade() -> None:
    op.create_index("ix_jobs_active_created", "jobs", ["is_active", "created_at"])
    op.drop_index("ix_jobs_live_created", table_name="jobs")

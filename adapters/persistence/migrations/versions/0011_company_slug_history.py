"""company slug history

Revision ID: 0011_company_slug_history
Revises: 0010_outbox_rows_per_handler
Create Date: 2026-12-01 11:00:00

A company's slug follows its name; the slugs it had before stay in ``company_slugs`` and keep
leading to it (``GET /companies/api/v1/companies/by-slug/{slug}/``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_company_slug_history"
down_revision: str | None = "0010_outbox_rows_per_handler"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "company_slugs",
        sa.Column("slug", sa.String(length=220), nullable=False),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_company_slugs_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_company_slugs")),
    )
    op.create_index("ix_company_slugs_company_id", "company_slugs", ["company_id"])


def downgrade() -> None:
    op.drop_index("ix_company_slugs_company_id", table_name="company_slugs")
    op.drop_table("company_slugs")

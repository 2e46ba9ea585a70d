"""outbox rows per handler, on lanes

Revision ID: 0010_outbox_rows_per_handler
Revises: 0009_sessions_team_invitations
Create Date: 2026-12-01 10:00:00

Messages are now delivered once per handler that reacts to them (each retried on its own), on
a lane: ``default`` for what users wait for, ``long`` for matching recalculations. ``name``
holds the handler's route key instead of the message's tag. Rows still pending from before are
split into one row per handler (the mapping below is frozen at this revision); the original
row is marked completed, so nothing is lost or run twice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0010_outbox_rows_per_handler"
down_revision: str | None = "0009_sessions_team_invitations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: tag of a message stored before -> (route key, lane, tag of the message it becomes)
LEGACY: dict[str, list[tuple[str, str, str]]] = {
    "send_email": [("email.deliver", "default", "send_email")],
    "application_submitted": [
        ("notifications.new_application", "default", "application_submitted"),
        ("notifications.test_for_applicant", "default", "application_submitted"),
    ],
    "application_status_changed": [
        ("notifications.status_changed", "default", "application_status_changed")
    ],
    "job_posted": [("notifications.job_posted_to_followers", "default", "job_posted")],
    "job_test_defined": [("notifications.test_for_applicants", "default", "job_test_defined")],
    "interview_changed": [
        ("notifications.interview_invitation", "default", "interview_changed")
    ],
    "team_invitation_sent": [
        ("notifications.team_invitation", "default", "team_invitation_sent")
    ],
    "team_invitation_answered": [
        ("notifications.invitation_answered", "default", "team_invitation_answered")
    ],
    "match_job": [("matching.job_updated", "long", "job_updated")],
    "match_candidate": [("matching.candidate_changed", "long", "candidate_profile_changed")],
}

outbox = sa.table(
    "outbox",
    sa.column("id"),
    sa.column("name"),
    sa.column("lane"),
    sa.column("payload"),
    sa.column("created_at"),
    sa.column("completed_at", sa.DateTime(timezone=True)),
    sa.column("last_error"),
)


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("lane", sa.String(length=20), server_default="default", nullable=False)
        )
    connection = op.get_bind()
    pending = connection.execute(
        sa.select(outbox.c.id, outbox.c.name, outbox.c.payload, outbox.c.created_at).where(
            outbox.c.completed_at.is_(None), outbox.c.name.in_(list(LEGACY))
        )
    ).all()
    now = datetime.now(UTC)
    for row in pending:
        payload = json.loads(row.payload)
        for key, lane, tag in LEGACY[row.name]:
            payload["type"] = tag
            connection.execute(
                outbox.insert().values(
                    id=uuid.uuid4().hex,
                    name=key,
                    lane=lane,
                    payload=json.dumps(payload, separators=(",", ":")),
                    created_at=row.created_at,
                )
            )
        connection.execute(
            outbox.update()
            .where(outbox.c.id == row.id)
            .values(completed_at=now, last_error="split into one row per handler (0010)")
        )


def downgrade() -> None:
    # Pending rows go back to being named after their message (the code of 0009 runs every
    # reaction of a message from one row): each per-handler row then runs all reactions of
    # its message, which may notify twice; downgrade with an empty outbox where possible.
    back = {"job_updated": "match_job", "candidate_profile_changed": "match_candidate"}
    connection = op.get_bind()
    pending = connection.execute(
        sa.select(outbox.c.id, outbox.c.payload).where(outbox.c.completed_at.is_(None))
    ).all()
    for row in pending:
        payload = json.loads(row.payload)
        tag = back.get(payload["type"], payload["type"])
        payload["type"] = tag
        connection.execute(
            outbox.update()
            .where(outbox.c.id == row.id)
            .values(name=tag, payload=json.dumps(payload, separators=(",", ":")))
        )
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("lane")

"""Applications, their status history, interviews and test submissions."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

applications = Table(
    "applications",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("job_id", Id, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("candidate_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(20), nullable=False, server_default="pending"),
    Column("cover_letter", Text, nullable=False, server_default=""),
    Column("applied_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("job_id", "candidate_id", name="uq_applications_job_candidate"),
    Index("ix_applications_candidate_id", "candidate_id"),
    Index("ix_applications_job_status", "job_id", "status"),
)


application_status_changes = Table(
    "application_status_changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("application_id", Id, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
    Column("from_status", String(20), nullable=True),
    Column("to_status", String(20), nullable=False),
    Column("changed_by", Id, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("notes", Text, nullable=False, server_default=""),
    Column("changed_at", UtcDateTime, nullable=False),
    Index("ix_application_status_changes_application_id", "application_id"),
)


interviews = Table(
    "interviews",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("application_id", Id, ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    #: The organiser's UTC offset in minutes, so the invitation shows their local time.
    Column("utc_offset_minutes", Integer, nullable=False, server_default="0"),
    Column("duration_minutes", Integer, nullable=False),
    Column("location", String(255), nullable=False, server_default=""),
    Column("video_link", String(2048), nullable=False, server_default=""),
    Column("interviewers", JSON, nullable=False, server_default="[]"),
    Column("status", String(20), nullable=False, server_default="scheduled"),
    Column("sequence", Integer, nullable=False, server_default="0"),
    Column("created_by", Id, ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_interviews_application_id", "application_id"),
)


test_submissions = Table(
    "test_submissions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column(
        "application_id",
        Id,
        ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("answers", JSON, nullable=False),
    Column("score", Float, nullable=True),
    Column("correct_answers", Integer, nullable=False),
    Column("total_questions", Integer, nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
)

"""Stored job matches (scores and their explanations)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Table,
    Text,
    UniqueConstraint,
    true,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

job_matches = Table(
    "job_matches",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("job_id", Id, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("candidate_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("match_score", Float, nullable=False),
    Column("skills_match", Float, nullable=False),
    Column("experience_match", Float, nullable=False),
    Column("technologies_match", Float, nullable=False),
    Column("description_match", Float, nullable=False),
    Column("location_match", Float, nullable=False),
    Column("salary_match", Float, nullable=False),
    Column("domain_match", Float, nullable=False),
    Column("contract_type_match", Float, nullable=False),
    Column("summary", Text, nullable=False),
    Column("recruiter_summary", Text, nullable=False),
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("last_calculated", UtcDateTime, nullable=False),
    UniqueConstraint("job_id", "candidate_id", name="uq_job_matches_job_candidate"),
    Index("ix_job_matches_job_score", "job_id", "match_score"),
    Index("ix_job_matches_candidate_score", "candidate_id", "match_score"),
)

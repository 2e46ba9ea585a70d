"""Candidate and recruiter profiles, and the dated entries of a candidate profile."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

candidate_profiles = Table(
    "candidate_profiles",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("headline", String(200), nullable=False, server_default=""),
    Column("skills", JSON, nullable=False, server_default="[]"),
    Column("years_of_experience", Float, nullable=True),
    Column("expected_salary_min", Integer, nullable=True),
    Column("expected_salary_max", Integer, nullable=True),
    Column("salary_currency", String(3), nullable=False, server_default="EUR"),
    Column("preferred_contract_types", JSON, nullable=False, server_default="[]"),
    Column("preferred_locations", JSON, nullable=False, server_default="[]"),
    Column("remote_preference", String(10), nullable=False, server_default="any"),
    Column("industries", JSON, nullable=False, server_default="[]"),
    Column("cv_file", String(255), nullable=False, server_default=""),
    Column("reputation_score", Float, nullable=False, server_default="0"),
    #: New jobs scoring at least this much are announced (new_job_match); null: the default.
    Column("alert_threshold", Float, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)


recruiter_profiles = Table(
    "recruiter_profiles",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("company_id", Id, ForeignKey("companies.id", ondelete="SET NULL"), nullable=True),
    Column("hiring_needs", Text, nullable=False, server_default=""),
    Column("role", String(100), nullable=False, server_default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_recruiter_profiles_company_id", "company_id"),
)


def _profile_fk() -> Column[int]:
    return Column(
        "profile_id", Id, ForeignKey("candidate_profiles.id", ondelete="CASCADE"), nullable=False
    )


work_experiences = Table(
    "work_experiences",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    _profile_fk(),
    Column("company", String(200), nullable=False),
    Column("position", String(200), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=True),
    Column("contract_type", String(20), nullable=False, server_default=""),
    Column("location", String(255), nullable=False, server_default=""),
    Column("description", Text, nullable=False, server_default=""),
    Index("ix_work_experiences_profile_id", "profile_id"),
)


educations = Table(
    "educations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    _profile_fk(),
    Column("institution", String(200), nullable=False),
    Column("degree", String(200), nullable=False, server_default=""),
    Column("field_of_study", String(200), nullable=False, server_default=""),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date, nullable=True),
    Column("gpa", Float, nullable=True),
    Column("description", Text, nullable=False, server_default=""),
    Index("ix_educations_profile_id", "profile_id"),
)


projects = Table(
    "projects",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    _profile_fk(),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("technologies", JSON, nullable=False, server_default="[]"),
    Column("url", String(2048), nullable=False, server_default=""),
    Column("start_date", Date, nullable=True),
    Column("end_date", Date, nullable=True),
    Index("ix_projects_profile_id", "profile_id"),
)

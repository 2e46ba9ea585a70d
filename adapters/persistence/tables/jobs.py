"""Jobs, their reference data (categories, types) and their tests."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    true,
)

from adapters.persistence.tables._base import Id, UtcDateTime, metadata

job_categories = Table(
    "job_categories",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("slug", String(100), nullable=False, unique=True),
)


job_types = Table(
    "job_types",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(50), nullable=False, unique=True),
    Column("code", String(20), nullable=False, unique=True),
)


jobs = Table(
    "jobs",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("title", String(200), nullable=False),
    Column("slug", String(255), nullable=False, unique=True),
    Column("company_id", Id, ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
    Column("recruiter_id", Id, ForeignKey("users.id", ondelete="RESTRICT"), nullable=False),
    Column("category_id", Id, ForeignKey("job_categories.id"), nullable=True),
    Column("job_type_id", Id, ForeignKey("job_types.id"), nullable=True),
    Column("location", String(255), nullable=False, server_default=""),
    Column("salary_min", Integer, nullable=True),
    Column("salary_max", Integer, nullable=True),
    Column("salary_currency", String(3), nullable=False, server_default="EUR"),
    Column("experience_level", String(10), nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("requirements", JSON, nullable=False, server_default="[]"),
    Column("benefits", JSON, nullable=False, server_default="[]"),
    Column("is_active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_jobs_company_id", "company_id"),
    Index("ix_jobs_recruiter_id", "recruiter_id"),
    Index("ix_jobs_category_id", "category_id"),
    Index("ix_jobs_job_type_id", "job_type_id"),
)


#: Live jobs, newest first: the public list walks it (and PostgreSQL's statistics of it say how
#: many live jobs there are without counting them).
Index(
    "ix_jobs_live_created",
    jobs.c.created_at.desc(),
    jobs.c.id.desc(),
    postgresql_where=jobs.c.is_active.is_(True),
    sqlite_where=jobs.c.is_active.is_(True),
)


job_tests = Table(
    "job_tests",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("job_id", Id, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)


test_questions = Table(
    "test_questions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("test_id", Id, ForeignKey("job_tests.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("question_type", String(20), nullable=False),
    Column("choices", JSON, nullable=False, server_default="[]"),
    Column("correct_answer", Text, nullable=True),
    Index("ix_test_questions_test_id", "test_id"),
)

"""SQLAlchemy Core tables. Migrations in ``migrations/`` create exactly these.

Constraint names are fixed (see ``NAMING``) because the repositories translate an
``IntegrityError`` into a core error by the name of the constraint that refused the row.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

#: 64-bit ids on Postgres; SQLite only auto-increments an INTEGER PRIMARY KEY.
Id = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


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

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("dispatched_at", UtcDateTime, nullable=True),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("completed_at", UtcDateTime, nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=True),
    Index("ix_outbox_pending", "completed_at", "created_at"),
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

company_followers = Table(
    "company_followers",
    metadata,
    Column("company_id", Id, ForeignKey("companies.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "user_id"),
    Index("ix_company_followers_user_id", "user_id"),
)

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

#: Minimal until the application pipeline issue: enough for real counts and CV access.
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

notifications = Table(
    "notifications",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("message", Text, nullable=False),
    Column("related_object_type", String(40), nullable=False, server_default=""),
    Column("related_object_id", Id, nullable=True),
    Column("is_read", Boolean, nullable=False, server_default=false()),
    Column("read_at", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("event_key", String(64), nullable=False),
    UniqueConstraint("event_key", "user_id", name="uq_notifications_event_user"),
    Index("ix_notifications_user_created", "user_id", "created_at"),
    Index("ix_notifications_user_unread", "user_id", "is_read"),
)

notification_preferences = Table(
    "notification_preferences",
    metadata,
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email_types", JSON, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
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

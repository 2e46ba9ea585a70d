from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.jobs.views import RecruiterRef


class CompanySummary(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    slug: str
    logo: str
    description: str
    industry: str
    location: str
    website: str
    employee_count: str
    active_jobs_count: int


class ActiveJobRef(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str
    location: str


class TeamMember(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    user: RecruiterRef
    role: str
    is_admin: bool


class CompanyDetail(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    slug: str
    logo: str
    description: str
    industry: str
    location: str
    website: str
    employee_count: str
    founded_year: int | None
    active_jobs: list[ActiveJobRef]
    team_members: list[TeamMember]
    followers_count: int


class CompanyFilters(msgspec.Struct, frozen=True, kw_only=True):
    search: str | None = None
    industry: str | None = None
    location: str | None = None


class CompanyBadge(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    logo: str


class InvitationView(msgspec.Struct, frozen=True, kw_only=True):
    """A team invitation, as the invited recruiter and the company's admin see it."""

    id: int
    company: CompanyBadge
    #: The invited recruiter.
    user: RecruiterRef
    invited_by: RecruiterRef
    role: str
    #: pending, accepted, declined, cancelled or expired.
    status: str
    created_at: datetime
    expires_at: datetime
    responded_at: datetime | None

from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.applications.views import CandidateBrief


class JobMatchForRecruiter(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    candidate: CandidateBrief
    match_score: float
    skills_match: float
    experience_match: float
    technologies_match: float
    description_match: float
    location_match: float
    salary_match: float
    domain_match: float
    contract_type_match: float
    summary: str
    recruiter_summary: str
    has_applied: bool
    application_id: int | None
    last_calculated: datetime


class MatchCompany(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    logo: str


class MatchJob(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str
    company: MatchCompany
    location: str
    salary_min: int | None
    salary_max: int | None


class JobMatchForCandidate(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    job: MatchJob
    match_score: float
    summary: str
    has_applied: bool
    last_calculated: datetime


class JobMatchFilters(msgspec.Struct, frozen=True, kw_only=True):
    min_score: float | None = None
    has_applied: bool | None = None
    ordering: str = "-match_score"


class CandidateMatchFilters(msgspec.Struct, frozen=True, kw_only=True):
    min_score: float | None = None
    is_active: bool | None = True
    location: str | None = None

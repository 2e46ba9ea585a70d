from __future__ import annotations

from typing import Any

import msgspec


class UserRef(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    username: str
    email: str


class CandidateProfileView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    user: UserRef
    headline: str
    bio: str
    work_experiences: list[dict[str, Any]]
    educations: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    skills: list[str]
    years_of_experience: float
    years_of_experience_is_derived: bool
    expected_salary_min: int | None
    expected_salary_max: int | None
    salary_currency: str
    preferred_contract_types: list[str]
    preferred_locations: list[str]
    remote_preference: str
    industries: list[str]
    cv_file: str | None
    reputation_score: float
    alert_threshold: float


class CompanyBrief(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    logo: str


class RecruiterProfileView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    user: UserRef
    company: CompanyBrief | None
    hiring_needs: str
    role: str
    bio: str
    total_hires: int
    active_jobs: int

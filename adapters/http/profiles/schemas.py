from __future__ import annotations

from datetime import date

import msgspec

UNSET = msgspec.UNSET
Unset = msgspec.UnsetType


class WorkExperienceOut(msgspec.Struct, kw_only=True):
    id: int
    company: str
    position: str
    start_date: date
    end_date: date | None
    contract_type: str
    location: str
    description: str


class EducationOut(msgspec.Struct, kw_only=True):
    id: int
    institution: str
    degree: str
    field_of_study: str
    start_date: date
    end_date: date | None
    gpa: float | None
    description: str


class ProjectOut(msgspec.Struct, kw_only=True):
    id: int
    name: str
    description: str
    technologies: list[str]
    url: str
    start_date: date | None
    end_date: date | None


class UserRefOut(msgspec.Struct, kw_only=True):
    id: int
    username: str
    email: str


class CandidateProfileOut(msgspec.Struct, kw_only=True):
    id: int
    user: UserRefOut
    headline: str
    bio: str
    work_experiences: list[WorkExperienceOut]
    educations: list[EducationOut]
    projects: list[ProjectOut]
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


class CvResponse(msgspec.Struct, kw_only=True):
    cv_url: str
    message: str


class CompanyBriefOut(msgspec.Struct, kw_only=True):
    id: int
    name: str
    logo: str


class RecruiterProfileOut(msgspec.Struct, kw_only=True):
    id: int
    user: UserRefOut
    company: CompanyBriefOut | None
    hiring_needs: str
    role: str
    bio: str
    total_hires: int
    active_jobs: int

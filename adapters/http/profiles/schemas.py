from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

UNSET = msgspec.UNSET
Unset = msgspec.UnsetType


class _In(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    def provided(self) -> dict[str, Any]:
        """Only the fields the client sent."""
        return {
            f: getattr(self, f)
            for f in self.__struct_fields__
            if getattr(self, f) is not msgspec.UNSET
        }


class CandidateProfilePatch(_In, kw_only=True):
    skills: list[str] | Unset = UNSET
    bio: str | Unset = UNSET
    headline: str | Unset = UNSET
    years_of_experience: float | Unset | None = UNSET
    expected_salary_min: int | Unset | None = UNSET
    expected_salary_max: int | Unset | None = UNSET
    salary_currency: str | Unset = UNSET
    preferred_contract_types: list[str] | Unset = UNSET
    preferred_locations: list[str] | Unset = UNSET
    remote_preference: str | Unset = UNSET
    industries: list[str] | Unset = UNSET
    #: Announce new jobs scoring at least this (0-100); null restores the default (70).
    alert_threshold: float | Unset | None = UNSET


class WorkExperienceIn(_In, kw_only=True):
    company: str
    position: str
    start_date: date
    end_date: date | None = None
    contract_type: str = ""
    location: str = ""
    description: str = ""


class WorkExperiencePatch(_In, kw_only=True):
    company: str | Unset = UNSET
    position: str | Unset = UNSET
    start_date: date | Unset = UNSET
    end_date: date | Unset | None = UNSET
    contract_type: str | Unset = UNSET
    location: str | Unset = UNSET
    description: str | Unset = UNSET


class WorkExperienceOut(msgspec.Struct, kw_only=True):
    id: int
    company: str
    position: str
    start_date: date
    end_date: date | None
    contract_type: str
    location: str
    description: str


class EducationIn(_In, kw_only=True):
    institution: str
    degree: str = ""
    field_of_study: str = ""
    start_date: date
    end_date: date | None = None
    gpa: float | None = None
    description: str = ""


class EducationPatch(_In, kw_only=True):
    institution: str | Unset = UNSET
    degree: str | Unset = UNSET
    field_of_study: str | Unset = UNSET
    start_date: date | Unset = UNSET
    end_date: date | Unset | None = UNSET
    gpa: float | Unset | None = UNSET
    description: str | Unset = UNSET


class EducationOut(msgspec.Struct, kw_only=True):
    id: int
    institution: str
    degree: str
    field_of_study: str
    start_date: date
    end_date: date | None
    gpa: float | None
    description: str


class ProjectIn(_In, kw_only=True):
    name: str
    description: str = ""
    technologies: list[str] = msgspec.field(default_factory=list)
    url: str = ""
    start_date: date | None = None
    end_date: date | None = None


class ProjectPatch(_In, kw_only=True):
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    technologies: list[str] | Unset = UNSET
    url: str | Unset = UNSET
    start_date: date | Unset | None = UNSET
    end_date: date | Unset | None = UNSET


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


class RecruiterProfilePatch(_In, kw_only=True):
    hiring_needs: str | Unset = UNSET
    bio: str | Unset = UNSET
    role: str | Unset = UNSET


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

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

import msgspec

from core.domain.numbers import Int64


class ContractType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    CONTRACT = "contract"
    INTERNSHIP = "internship"
    FREELANCE = "freelance"
    TEMPORARY = "temporary"


class RemotePreference(StrEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"
    ANY = "any"


@dataclass(slots=True, kw_only=True)
class WorkExperience:
    id: int | None = None
    profile_id: int
    company: str
    position: str
    start_date: date
    end_date: date | None = None
    contract_type: str = ""
    location: str = ""
    description: str = ""


@dataclass(slots=True, kw_only=True)
class Education:
    id: int | None = None
    profile_id: int
    institution: str
    degree: str = ""
    field_of_study: str = ""
    start_date: date
    end_date: date | None = None
    gpa: float | None = None
    description: str = ""


@dataclass(slots=True, kw_only=True)
class Project:
    id: int | None = None
    profile_id: int
    name: str
    description: str = ""
    technologies: list[str] = field(default_factory=list)
    url: str = ""
    start_date: date | None = None
    end_date: date | None = None


@dataclass(slots=True, kw_only=True)
class CandidateProfile:
    id: int
    user_id: int
    headline: str = ""
    skills: list[str] = field(default_factory=list)
    #: Given by the candidate; ``None`` means "derive it from the work experiences".
    years_of_experience: float | None = None
    expected_salary_min: int | None = None
    expected_salary_max: int | None = None
    salary_currency: str = "EUR"
    preferred_contract_types: list[str] = field(default_factory=list)
    preferred_locations: list[str] = field(default_factory=list)
    remote_preference: str = RemotePreference.ANY.value
    industries: list[str] = field(default_factory=list)
    cv_file: str = ""
    reputation_score: float = 0.0
    #: New jobs scoring at least this much are announced (None: the platform default, 70).
    alert_threshold: float | None = None
    updated_at: datetime


def derived_years(experiences: list[WorkExperience], today: date) -> float:
    """Years of experience from work entries, overlapping periods counted once."""
    spans = sorted(
        (e.start_date, min(e.end_date or today, today))
        for e in experiences
        if e.start_date <= today
    )
    total = 0
    current_start: date | None = None
    current_end: date | None = None
    for start, end in spans:
        if end < start:
            continue
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_start is not None and current_end is not None:
        total += (current_end - current_start).days
    return round(total / 365.25, 1)


class CandidateProfileChanges(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True
):
    """A candidate's patch of their profile: only the fields given change."""

    skills: list[str] | msgspec.UnsetType = msgspec.UNSET
    bio: str | msgspec.UnsetType = msgspec.UNSET
    headline: str | msgspec.UnsetType = msgspec.UNSET
    years_of_experience: float | msgspec.UnsetType | None = msgspec.UNSET
    expected_salary_min: Int64 | msgspec.UnsetType | None = msgspec.UNSET
    expected_salary_max: Int64 | msgspec.UnsetType | None = msgspec.UNSET
    salary_currency: str | msgspec.UnsetType = msgspec.UNSET
    preferred_contract_types: list[str] | msgspec.UnsetType = msgspec.UNSET
    preferred_locations: list[str] | msgspec.UnsetType = msgspec.UNSET
    remote_preference: str | msgspec.UnsetType = msgspec.UNSET
    industries: list[str] | msgspec.UnsetType = msgspec.UNSET
    #: Announce new jobs scoring at least this (0-100); null restores the default (70).
    alert_threshold: float | msgspec.UnsetType | None = msgspec.UNSET

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.money import CURRENCY_PATTERN
from core.domain.numbers import Salary
from core.domain.profiles.skills import MAX_SKILL_LENGTH, MAX_SKILLS
from core.domain.schema import documented

HEADLINE_MAX_LENGTH = 200
BIO_MAX_LENGTH = 5000
#: Years of experience a candidate may state.
MAX_YEARS = 70
#: Preferred contract types, locations, industries: at most this many of each.
MAX_PREFERENCES = 50
#: Scores (and alert thresholds) are between 0 and this.
MAX_SCORE = 100


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


UNSET = msgspec.UNSET
Unset = msgspec.UnsetType
Skills = Annotated[
    list[str],
    documented(maxItems=MAX_SKILLS, items={"type": "string", "maxLength": MAX_SKILL_LENGTH}),
]
Preferences = Annotated[list[str], documented(maxItems=MAX_PREFERENCES)]


class CandidateProfileChanges(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True
):
    """A candidate's patch of their profile: only the fields given change."""

    skills: Skills | Unset = UNSET
    bio: Annotated[str, documented(maxLength=BIO_MAX_LENGTH)] | Unset = UNSET
    headline: Annotated[str, documented(maxLength=HEADLINE_MAX_LENGTH)] | Unset = UNSET
    years_of_experience: (
        Annotated[float, documented(minimum=0, maximum=MAX_YEARS)] | Unset | None
    ) = UNSET
    expected_salary_min: Salary | Unset | None = UNSET
    expected_salary_max: Salary | Unset | None = UNSET
    salary_currency: Annotated[str, documented(pattern=CURRENCY_PATTERN)] | Unset = UNSET
    preferred_contract_types: Preferences | Unset = UNSET
    preferred_locations: Preferences | Unset = UNSET
    remote_preference: (
        Annotated[str, documented(enum=[r.value for r in RemotePreference])] | Unset
    ) = UNSET
    industries: Preferences | Unset = UNSET
    #: Announce new jobs scoring at least this (0-100); null restores the default (70).
    alert_threshold: Annotated[float, documented(minimum=0, maximum=MAX_SCORE)] | Unset | None = (
        UNSET
    )

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import msgspec

from core.domain.companies.company import Company
from core.domain.money import CURRENCY_PATTERN, currency_problem
from core.domain.numbers import MAX_SALARY, Id, Salary
from core.domain.schema import documented


class ExperienceLevel(StrEnum):
    INTERN = "intern"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"


TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 20_000
LOCATION_MAX_LENGTH = 255
#: Requirements and benefits: at most this many items, each of at most ITEM_MAX_LENGTH.
MAX_LIST_ITEMS = 50
ITEM_MAX_LENGTH = 500

# The limits as the request bodies document them (OpenAPI), from the same constants as the
# rules: ``job_problems`` enforces them, naming the field.
Title = Annotated[str, documented(maxLength=TITLE_MAX_LENGTH)]
Description = Annotated[str, documented(maxLength=DESCRIPTION_MAX_LENGTH)]
Location = Annotated[str, documented(maxLength=LOCATION_MAX_LENGTH)]
Items = Annotated[
    list[str],
    documented(maxItems=MAX_LIST_ITEMS, items={"type": "string", "maxLength": ITEM_MAX_LENGTH}),
]
Currency = Annotated[str, documented(pattern=CURRENCY_PATTERN)]
Level = Annotated[str, documented(enum=[level.value for level in ExperienceLevel])]


@dataclass(slots=True, kw_only=True)
class Job:
    id: int | None = None
    title: str
    slug: str = ""
    company_id: int
    recruiter_id: int
    category_id: int | None = None
    job_type_id: int | None = None
    location: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = "EUR"
    experience_level: str = ExperienceLevel.MID.value
    description: str = ""
    requirements: list[str] = field(default_factory=list)
    benefits: list[str] = field(default_factory=list)
    is_active: bool = True
    created_at: datetime
    updated_at: datetime

    def may_be_managed_by(self, user_id: int, *, member_of: int | None, company: Company) -> bool:
        """A company's jobs, and everything under them, belong to the company: a recruiter acts
        on one only while a member of that company's team (``member_of``: the company they
        belong to now), as the recruiter who posted it or as the company's admin. A recruiter
        who left keeps nothing; the admin keeps every job."""
        if company.id != self.company_id or member_of != self.company_id:
            return False
        return self.recruiter_id == user_id or company.is_admin(user_id)


class JobDetails(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a recruiter gives to post a job (``category``/``job_type`` are reference ids)."""

    title: Title
    #: Defaults to the recruiter's own company (the only one they may post for).
    company: Id | None = None
    category: Id | None = None
    job_type: Id | None = None
    location: Location = ""
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    salary_currency: Currency = "EUR"
    experience_level: Level = ExperienceLevel.MID.value
    description: Description = ""
    requirements: Items = msgspec.field(default_factory=list)
    benefits: Items = msgspec.field(default_factory=list)


class JobChanges(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A job's patch: only the fields given change (``is_active`` true reopens it)."""

    title: Title | msgspec.UnsetType = msgspec.UNSET
    category: Id | msgspec.UnsetType | None = msgspec.UNSET
    job_type: Id | msgspec.UnsetType | None = msgspec.UNSET
    location: Location | msgspec.UnsetType = msgspec.UNSET
    salary_min: Salary | msgspec.UnsetType | None = msgspec.UNSET
    salary_max: Salary | msgspec.UnsetType | None = msgspec.UNSET
    salary_currency: Currency | msgspec.UnsetType = msgspec.UNSET
    experience_level: Level | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    requirements: Items | msgspec.UnsetType = msgspec.UNSET
    benefits: Items | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET


def job_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Details or changes as ``Job`` fields: texts trimmed, references under their id names."""
    out = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    if isinstance(out.get("salary_currency"), str):
        out["salary_currency"] = out["salary_currency"].upper()  # "eur" is stored as EUR
    for name in ("category", "job_type"):
        if name in out:
            out[f"{name}_id"] = out.pop(name)
    return out


def job_problems(values: dict[str, object]) -> dict[str, list[str]]:
    """Rules of a complete job (after a patch is applied)."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    title = values.get("title")
    if not isinstance(title, str) or not title.strip():
        add("title", "This field may not be blank.")
    elif len(title) > TITLE_MAX_LENGTH:
        add("title", f"Ensure this field has no more than {TITLE_MAX_LENGTH} characters.")
    for name, limit in (("description", DESCRIPTION_MAX_LENGTH), ("location", LOCATION_MAX_LENGTH)):
        text = values.get(name)
        if isinstance(text, str) and len(text) > limit:
            add(name, f"Ensure this field has no more than {limit} characters.")
    low, high = values.get("salary_min"), values.get("salary_max")
    for name, value in (("salary_min", low), ("salary_max", high)):
        if isinstance(value, int) and value < 0:
            add(name, "Salary cannot be negative.")
        elif isinstance(value, int) and value > MAX_SALARY:
            add(name, f"Ensure this value is at most {MAX_SALARY}.")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        add("salary_min", "The minimum salary cannot exceed the maximum salary.")
    level = values.get("experience_level")
    if level not in {e.value for e in ExperienceLevel}:
        add("experience_level", f'"{level}" is not a valid choice ({", ".join(ExperienceLevel)}).')
    currency = values.get("salary_currency")
    if isinstance(currency, str) and (problem := currency_problem(currency)):
        add("salary_currency", problem)
    for name in ("requirements", "benefits"):
        items = values.get(name)
        if isinstance(items, list):
            if len(items) > MAX_LIST_ITEMS:
                add(name, f"Ensure there are no more than {MAX_LIST_ITEMS} items.")
            if any(not isinstance(i, str) or len(i) > ITEM_MAX_LENGTH for i in items):
                add(name, f"Each item must be text of at most {ITEM_MAX_LENGTH} characters.")
    return errors


def salary_overlaps(
    job_min: int | None, job_max: int | None, want_min: int | None, want_max: int | None
) -> bool:
    """Does the job's range meet [want_min, want_max]? A missing bound is open-ended; a job
    with no salary at all is not matched by a salary filter."""
    if job_min is None and job_max is None:
        return want_min is None and want_max is None
    low = job_min if job_min is not None else job_max
    high = job_max if job_max is not None else job_min
    assert low is not None
    assert high is not None
    if want_min is not None and high < want_min:
        return False
    return not (want_max is not None and low > want_max)

"""The three kinds of dated entries on a candidate profile and their validation rules.

Each kind validates a mapping of field → value (already typed by the HTTP adapter: dates are
``datetime.date``, GPA a float) and returns the cleaned values or a field → problems map.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

import msgspec

from core.domain.profiles.candidate import ContractType, Skills
from core.domain.profiles.skills import dedupe_skills, skill_problems
from core.domain.schema import documented

EntryKind = Literal["work_experience", "education", "project"]

GPA_MAX = 4.0
TEXT_LIMITS = {
    "company": 200,
    "position": 200,
    "location": 255,
    "description": 5000,
    "institution": 200,
    "degree": 200,
    "field_of_study": 200,
    "name": 200,
    "url": 2048,
    "contract_type": 20,
}
REQUIRED: dict[EntryKind, tuple[str, ...]] = {
    "work_experience": ("company", "position", "start_date"),
    "education": ("institution", "start_date"),
    "project": ("name",),
}
FIELDS: dict[EntryKind, tuple[str, ...]] = {
    "work_experience": (
        "company",
        "position",
        "start_date",
        "end_date",
        "contract_type",
        "location",
        "description",
    ),
    "education": (
        "institution",
        "degree",
        "field_of_study",
        "start_date",
        "end_date",
        "gpa",
        "description",
    ),
    "project": ("name", "description", "technologies", "url", "start_date", "end_date"),
}


def entry_problems(kind: EntryKind, values: Mapping[str, Any], today: date) -> dict[str, list[str]]:
    """Problems of a complete entry (after a patch is applied to the stored one)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    for field in REQUIRED[kind]:
        value = values.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            add(field, "This field is required.")
    for field, limit in TEXT_LIMITS.items():
        value = values.get(field)
        if isinstance(value, str) and len(value) > limit:
            add(field, f"Ensure this field has no more than {limit} characters.")
    start, end = values.get("start_date"), values.get("end_date")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        add("end_date", "The end date cannot be before the start date.")
    if kind in ("work_experience", "education") and isinstance(start, date) and start > today:
        add("start_date", "The start date cannot be in the future.")
    if kind == "education":
        gpa = values.get("gpa")
        if gpa is not None and not (0 <= gpa <= GPA_MAX):
            add("gpa", f"GPA must be between 0 and {GPA_MAX}.")
    if kind == "work_experience":
        contract = values.get("contract_type") or ""
        if contract and contract not in {c.value for c in ContractType}:
            choices = ", ".join(c.value for c in ContractType)
            add("contract_type", f'"{contract}" is not a valid choice ({choices}).')
    if kind == "project":
        url = values.get("url") or ""
        if url and not str(url).startswith(("https://", "http://")):
            add("url", "Enter a valid http(s) URL.")
        if problems := skill_problems(list(values.get("technologies") or [])):
            errors["technologies"] = problems
    return errors


def clean_entry(kind: EntryKind, values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for field in FIELDS[kind]:
        if field not in values:
            continue
        value = values[field]
        if isinstance(value, str):
            value = value.strip()
        if field == "technologies":
            value = dedupe_skills(value or [])
        cleaned[field] = value
    return cleaned


UNSET = msgspec.UNSET
Unset = msgspec.UnsetType


class _Entry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    kind: ClassVar[EntryKind]


class WorkExperienceDetails(_Entry, frozen=True, kw_only=True):
    kind: ClassVar[EntryKind] = "work_experience"
    company: Annotated[str, documented(maxLength=TEXT_LIMITS["company"])]
    position: Annotated[str, documented(maxLength=TEXT_LIMITS["position"])]
    start_date: date
    end_date: date | None = None
    contract_type: Annotated[str, documented(maxLength=TEXT_LIMITS["contract_type"])] = ""
    location: Annotated[str, documented(maxLength=TEXT_LIMITS["location"])] = ""
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] = ""


class WorkExperienceChanges(_Entry, frozen=True, kw_only=True):
    kind: ClassVar[EntryKind] = "work_experience"
    company: Annotated[str, documented(maxLength=TEXT_LIMITS["company"])] | Unset = UNSET
    position: Annotated[str, documented(maxLength=TEXT_LIMITS["position"])] | Unset = UNSET
    start_date: date | Unset = UNSET
    end_date: date | Unset | None = UNSET
    contract_type: Annotated[str, documented(maxLength=TEXT_LIMITS["contract_type"])] | Unset = (
        UNSET
    )
    location: Annotated[str, documented(maxLength=TEXT_LIMITS["location"])] | Unset = UNSET
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] | Unset = UNSET


class EducationDetails(_Entry, frozen=True, kw_only=True):
    kind: ClassVar[EntryKind] = "education"
    institution: Annotated[str, documented(maxLength=TEXT_LIMITS["institution"])]
    degree: Annotated[str, documented(maxLength=TEXT_LIMITS["degree"])] = ""
    field_of_study: Annotated[str, documented(maxLength=TEXT_LIMITS["field_of_study"])] = ""
    start_date: date
    end_date: date | None = None
    gpa: Annotated[float, documented(minimum=0, maximum=GPA_MAX)] | None = None
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] = ""


class EducationChanges(_Entry, frozen=True, kw_only=True):
    kind: ClassVar[EntryKind] = "education"
    institution: Annotated[str, documented(maxLength=TEXT_LIMITS["institution"])] | Unset = UNSET
    degree: Annotated[str, documented(maxLength=TEXT_LIMITS["degree"])] | Unset = UNSET
    field_of_study: Annotated[str, documented(maxLength=TEXT_LIMITS["field_of_study"])] | Unset = (
        UNSET
    )
    start_date: date | Unset = UNSET
    end_date: date | Unset | None = UNSET
    gpa: Annotated[float, documented(minimum=0, maximum=GPA_MAX)] | Unset | None = UNSET
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] | Unset = UNSET


class ProjectDetails(_Entry, frozen=True, kw_only=True):
    kind: ClassVar[EntryKind] = "project"
    name: Annotated[str, documented(maxLength=TEXT_LIMITS["name"])]
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] = ""
    technologies: Skills = msgspec.field(default_factory=list)
    url: Annotated[str, documented(maxLength=TEXT_LIMITS["url"])] = ""
    start_date: date | None = None
    end_date: date | None = None


class ProjectChanges(_Entry, frozen=True, kw_only=True):
    kind: ClassVar[EntryKind] = "project"
    name: Annotated[str, documented(maxLength=TEXT_LIMITS["name"])] | Unset = UNSET
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] | Unset = UNSET
    technologies: Skills | Unset = UNSET
    url: Annotated[str, documented(maxLength=TEXT_LIMITS["url"])] | Unset = UNSET
    start_date: date | Unset | None = UNSET
    end_date: date | Unset | None = UNSET


#: A new entry of one of the three kinds, and a patch of one.
EntryDetails = WorkExperienceDetails | EducationDetails | ProjectDetails
EntryChanges = WorkExperienceChanges | EducationChanges | ProjectChanges

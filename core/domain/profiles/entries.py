"""The three kinds of dated entries on a candidate profile and their validation rules.

Each kind validates a mapping of field → value (already typed by the HTTP adapter: dates are
``datetime.date``, GPA a float) and returns the cleaned values or a field → problems map.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from core.domain.profiles.candidate import ContractType
from core.domain.profiles.skills import dedupe_skills, skill_problems

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

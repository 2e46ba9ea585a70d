from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import msgspec

from core.domain.errors import ValidationFailed
from core.domain.numbers import Int64
from core.domain.schema import documented

UNSET = msgspec.UNSET
Unset = msgspec.UnsetType

EMPLOYEE_COUNTS = ("1-10", "11-50", "51-100", "100-500", "500-1000", "1000+")
TEXT_LIMITS = {
    "name": 200,
    "industry": 100,
    "location": 255,
    "website": 2048,
    "logo": 2048,
    "description": 10000,
}
#: The oldest founding year a company may state (the newest is this year).
FIRST_FOUNDING_YEAR = 1600
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.IGNORECASE)


@dataclass(slots=True, kw_only=True)
class Company:
    id: int
    name: str
    slug: str
    admin_id: int
    description: str = ""
    industry: str = ""
    location: str = ""
    website: str = ""
    employee_count: str = ""
    founded_year: int | None = None
    logo: str = ""
    updated_at: datetime

    def is_admin(self, user_id: int) -> bool:
        return self.admin_id == user_id

    @property
    def has_profile(self) -> bool:
        """Has anyone filled in more than the name (what a freshly registered company has)?"""
        return bool(
            self.description
            or self.industry
            or self.location
            or self.website
            or self.employee_count
            or self.founded_year is not None
            or self.logo
        )


class CompanyChanges(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A company's patch, by its admin: only the fields given change."""

    name: Annotated[str, documented(maxLength=TEXT_LIMITS["name"])] | Unset = UNSET
    description: Annotated[str, documented(maxLength=TEXT_LIMITS["description"])] | Unset = UNSET
    industry: Annotated[str, documented(maxLength=TEXT_LIMITS["industry"])] | Unset = UNSET
    location: Annotated[str, documented(maxLength=TEXT_LIMITS["location"])] | Unset = UNSET
    website: Annotated[str, documented(maxLength=TEXT_LIMITS["website"])] | Unset = UNSET
    employee_count: Annotated[str, documented(enum=list(EMPLOYEE_COUNTS))] | Unset = UNSET
    founded_year: Annotated[Int64, documented(minimum=FIRST_FOUNDING_YEAR)] | Unset | None = UNSET
    logo: Annotated[str, documented(maxLength=TEXT_LIMITS["logo"])] | Unset = UNSET


def company_name_key(name: str) -> str:
    """What company-name uniqueness is decided on: "Tech  Corp" and "tech corp" are one name,
    so nobody can register or rename into a look-alike of an existing company."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def default_company_names(full_name: str, username: str, tries: int = 20) -> list[str]:
    """Names for the company a recruiter gets at sign-up, most natural first: names are
    unique, and two recruiters may well share a full name (usernames are unique)."""
    full_name = full_name[:150].strip()  # the names stay within a company name's 200 characters
    names = [f"{full_name or username}'s company"]
    if full_name:
        names.append(f"{full_name}'s company ({username})")
    names += [f"{username}'s company {n}" for n in range(2, tries)]
    return names


class CompanyNameTaken(ValidationFailed):
    """The store refused a company because another one already has that name."""

    code = "company_name_taken"
    MESSAGE = "A company with this name already exists (names are compared ignoring case)."

    def __init__(self, field: str = "name") -> None:
        super().__init__({field: [self.MESSAGE]})


def company_problems(values: dict[str, object], this_year: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, limit in TEXT_LIMITS.items():
        value = values.get(field)
        if isinstance(value, str) and len(value) > limit:
            errors.setdefault(field, []).append(
                f"Ensure this field has no more than {limit} characters."
            )
    if "name" in values and not str(values["name"] or "").strip():
        errors.setdefault("name", []).append("This field may not be blank.")
    for field in ("website", "logo"):
        value = values.get(field)
        if isinstance(value, str) and value and not _URL.match(value):
            errors.setdefault(field, []).append("Enter a valid http(s) URL.")
    count = values.get("employee_count")
    if isinstance(count, str) and count and count not in EMPLOYEE_COUNTS:
        errors.setdefault("employee_count", []).append(
            f"Choose one of: {', '.join(EMPLOYEE_COUNTS)}."
        )
    year = values.get("founded_year")
    if isinstance(year, int) and not (FIRST_FOUNDING_YEAR <= year <= this_year):
        errors.setdefault("founded_year", []).append(
            f"Enter a year between {FIRST_FOUNDING_YEAR} and {this_year}."
        )
    return errors

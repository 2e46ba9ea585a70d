from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

EMPLOYEE_COUNTS = ("1-10", "11-50", "51-100", "100-500", "500-1000", "1000+")
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


def company_problems(values: dict[str, object], this_year: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    limits = {
        "name": 200,
        "industry": 100,
        "location": 255,
        "website": 2048,
        "logo": 2048,
        "description": 10000,
    }
    for field, limit in limits.items():
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
    if isinstance(year, int) and not (1600 <= year <= this_year):
        errors.setdefault("founded_year", []).append(f"Enter a year between 1600 and {this_year}.")
    return errors

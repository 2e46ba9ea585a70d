"""Limits on the free-text fields a user fills in about themselves."""

from __future__ import annotations

import re

LIMITS = {
    "first_name": 150,
    "last_name": 150,
    "phone": 32,
    "location": 255,
    "bio": 5000,
    "profile_picture": 2048,
    "company_name": 200,
}
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().-]{3,30}$")


def field_problems(values: dict[str, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        limit = LIMITS.get(name)
        if limit is not None and len(value) > limit:
            errors.setdefault(name, []).append(
                f"Ensure this field has no more than {limit} characters."
            )
        if any(ord(c) < 32 and c not in "\n\r\t" for c in value):
            errors.setdefault(name, []).append("Control characters are not allowed.")
    phone = values.get("phone")
    if phone and not _PHONE_RE.match(phone):
        errors.setdefault("phone", []).append("Enter a valid phone number, e.g. +33612345678.")
    picture = values.get("profile_picture")
    if picture and not picture.startswith(("https://", "http://")):
        errors.setdefault("profile_picture", []).append("Enter a valid http(s) URL.")
    return errors

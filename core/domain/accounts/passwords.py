"""Password rules (the ones Django's validators popularised, documented for users).

A password is acceptable when it
1. has at least ``MIN_LENGTH`` characters (and at most ``MAX_LENGTH``),
2. is not made of digits only,
3. is not one of the 20 000 most common passwords (case-insensitive),
4. is not too similar to the username, the e-mail (whole address or its local part) or the
   first/last name: similarity ratio >= ``MAX_SIMILARITY`` on any of them or any of their words.

``password_problems`` returns one message per broken rule, in that order.
"""

from __future__ import annotations

import gzip
import re
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

MIN_LENGTH = 8
MAX_LENGTH = 128
MAX_SIMILARITY = 0.7

TOO_SHORT = f"This password is too short. It must contain at least {MIN_LENGTH} characters."
TOO_LONG = f"This password is too long. It must contain at most {MAX_LENGTH} characters."
ALL_DIGITS = "This password is entirely numeric."
TOO_COMMON = "This password is too common."
MISMATCH = "The two password fields didn't match."


def too_similar(attribute: str) -> str:
    return f"The password is too similar to the {attribute}."


@cache
def common_passwords() -> frozenset[str]:
    data = resources.files("core.domain.accounts.data").joinpath("common-passwords.txt.gz")
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def _similar(password: str, value: str) -> bool:
    if not value:
        return False
    pw = password.lower()
    parts = {value.lower(), *re.split(r"\W+", value.lower())}
    for part in parts:
        if not part:
            continue
        # Cheap upper bound first, as Django does, so long inputs do not cost a full diff.
        if SequenceMatcher(a=pw, b=part).quick_ratio() < MAX_SIMILARITY:
            continue
        if SequenceMatcher(a=pw, b=part).ratio() >= MAX_SIMILARITY:
            return True
    return False


def password_problems(
    password: str,
    *,
    username: str = "",
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> list[str]:
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    if len(password) > MAX_LENGTH:
        problems.append(TOO_LONG)
        return problems
    if password.isdigit():
        problems.append(ALL_DIGITS)
    if password.strip().lower() in common_passwords():
        problems.append(TOO_COMMON)
    attributes = (
        ("username", username),
        ("email address", email),
        ("email address", email.partition("@")[0]),
        ("first name", first_name),
        ("last name", last_name),
    )
    for label, value in attributes:
        if _similar(password, value):
            message = too_similar(label)
            if message not in problems:
                problems.append(message)
    return problems

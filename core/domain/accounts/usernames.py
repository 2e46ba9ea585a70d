"""Alternatives offered when a username is taken (the guide: numbers, underscores, suffixes,
year, random numbers). Every suggestion is a valid username; the use case keeps only free ones."""

from __future__ import annotations

import random
import re

from core.domain.accounts.identifiers import (
    USERNAME_MAX_LENGTH,
    USERNAME_MIN_LENGTH,
    is_valid_username,
)

_SUFFIXES = ("_user", "_pro", "_dev", "_hq", "_official")


def username_base(wanted: str) -> str:
    """``wanted`` reduced to the characters a username may hold, never shorter than allowed."""
    base = re.sub(r"[^A-Za-z0-9_.-]", "", wanted.strip())
    base = base.lstrip("_.-")
    if len(base) < USERNAME_MIN_LENGTH:
        # "jo" -> "jouser", "" -> "user": a word, rather than "jo" cut short to "jou".
        base += "user"
    return base


def _fit(base: str, suffix: str) -> str:
    return base[: USERNAME_MAX_LENGTH - len(suffix)] + suffix


def username_candidates(
    wanted: str, *, year: int, rng: random.Random, count: int = 12
) -> list[str]:
    """Distinct valid usernames derived from ``wanted``, most natural first."""
    base = username_base(wanted)
    suffixes = ["1", f"_{year}", *_SUFFIXES, "2", f"_{rng.randint(10, 99)}"]
    suffixes += [str(rng.randint(100, 9999)) for _ in range(count)]
    seen: set[str] = set()
    out: list[str] = []
    for suffix in suffixes:
        name = _fit(base, suffix)
        key = name.casefold()
        if key in seen or key == wanted.strip().casefold() or not is_valid_username(name):
            continue
        seen.add(key)
        out.append(name)
        if len(out) >= count:
            break
    return out

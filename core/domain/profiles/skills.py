"""Skills are free text: kept as the user spelled them, de-duplicated case-insensitively."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

MAX_SKILLS = 100
MAX_SKILL_LENGTH = 60


def skill_key(skill: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", skill).casefold().split())


def dedupe_skills(skills: Iterable[str]) -> list[str]:
    """First spelling wins; blanks dropped; inner whitespace collapsed."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in skills:
        skill = " ".join(raw.split())
        key = skill_key(skill)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(skill)
    return out


def skill_problems(skills: list[str]) -> list[str]:
    problems = []
    if len(skills) > MAX_SKILLS:
        problems.append(f"Ensure there are no more than {MAX_SKILLS} items.")
    if any(len(s) > MAX_SKILL_LENGTH for s in skills):
        problems.append(f"Each item must have at most {MAX_SKILL_LENGTH} characters.")
    return problems

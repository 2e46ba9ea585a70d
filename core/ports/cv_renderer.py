from __future__ import annotations

from typing import Any, Protocol

import msgspec


class CvDocument(msgspec.Struct, frozen=True, kw_only=True):
    full_name: str
    headline: str
    email: str
    phone: str
    location: str
    bio: str
    skills: list[str]
    work_experiences: list[dict[str, Any]]
    educations: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    years_of_experience: float


class CvRenderer(Protocol):
    def render(self, cv: CvDocument) -> bytes:
        """A PDF document."""
        ...

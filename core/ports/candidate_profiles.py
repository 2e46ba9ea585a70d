from __future__ import annotations

from typing import Any, Protocol

from core.domain.profiles.candidate import CandidateProfile
from core.domain.profiles.entries import EntryKind


class CandidateProfileRepository(Protocol):
    async def by_user(self, user_id: int) -> CandidateProfile | None: ...

    async def update(self, profile: CandidateProfile) -> None: ...

    async def applied_to_company(self, candidate_user_id: int, company_id: int) -> bool:
        """Has this candidate applied to any job of this company?"""
        ...


class ProfileEntryRepository(Protocol):
    """Work experiences, educations and projects, as field → value mappings with an ``id``."""

    async def add(self, kind: EntryKind, profile_id: int, values: dict[str, Any]) -> int: ...

    async def get(self, kind: EntryKind, entry_id: int) -> tuple[int, dict[str, Any]] | None:
        """(owning profile id, values) of one entry."""
        ...

    async def update(self, kind: EntryKind, entry_id: int, values: dict[str, Any]) -> None: ...

    async def delete(self, kind: EntryKind, entry_id: int) -> None: ...

    async def list(self, kind: EntryKind, profile_id: int) -> list[dict[str, Any]]: ...

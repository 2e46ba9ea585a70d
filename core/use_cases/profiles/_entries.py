from __future__ import annotations

from typing import Any

from core.domain.accounts.user import User
from core.domain.errors import NotFound
from core.domain.profiles.candidate import CandidateProfile
from core.domain.profiles.entries import EntryKind
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.use_cases.profiles._candidate import own_profile

LABELS: dict[EntryKind, str] = {
    "work_experience": "Work experience",
    "education": "Education",
    "project": "Project",
}


async def own_entry(
    actor: User,
    kind: EntryKind,
    entry_id: int,
    profiles: CandidateProfileRepository,
    entries: ProfileEntryRepository,
) -> tuple[CandidateProfile, dict[str, Any]]:
    """The caller's entry. Someone else's is reported exactly like a missing one (404)."""
    profile = await own_profile(actor, profiles)
    found = await entries.get(kind, entry_id)
    if found is None or found[0] != profile.id:
        raise NotFound(f"{LABELS[kind]} not found.")
    return profile, found[1]

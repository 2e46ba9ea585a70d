from __future__ import annotations

from typing import Any

import msgspec

from core.domain.accounts.user import User
from core.domain.profiles.entries import EntryKind
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.use_cases.profiles._candidate import own_profile


class ListProfileEntriesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    kind: EntryKind


class ListProfileEntries:
    def __init__(
        self, profiles: CandidateProfileRepository, entries: ProfileEntryRepository
    ) -> None:
        self._profiles = profiles
        self._entries = entries

    async def __call__(self, cmd: ListProfileEntriesCommand) -> list[dict[str, Any]]:
        profile = await own_profile(cmd.actor, self._profiles)
        return await self._entries.list(cmd.kind, profile.id)

from __future__ import annotations

from typing import Any

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.profiles.entries import EntryDetails, clean_entry, entry_problems
from core.domain.profiles.events import CandidateProfileChanged
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.profiles._candidate import own_profile


class AddProfileEntryCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    entry: EntryDetails


class AddProfileEntry:
    """Add a work experience, an education or a project to the caller's profile."""

    def __init__(
        self,
        tx: TransactionManager,
        tasks: TaskQueue,
        profiles: CandidateProfileRepository,
        entries: ProfileEntryRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tasks = tasks
        self._profiles = profiles
        self._entries = entries
        self._clock = clock

    async def __call__(self, cmd: AddProfileEntryCommand) -> dict[str, Any]:
        profile = await own_profile(cmd.actor, self._profiles)
        kind = cmd.entry.kind
        values = clean_entry(kind, msgspec.structs.asdict(cmd.entry))
        if errors := entry_problems(kind, values, self._clock.now().date()):
            raise ValidationFailed(errors)
        entry_id = await self._entries.add(kind, profile.id, values)
        profile.updated_at = self._clock.now()
        await self._profiles.update(profile)
        await self._tasks.enqueue(CandidateProfileChanged(candidate_id=cmd.actor.require_id()))
        await self._tx.commit()
        found = await self._entries.get(kind, entry_id)
        assert found is not None
        return found[1]

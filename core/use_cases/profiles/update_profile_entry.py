from __future__ import annotations

from typing import Any

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.patches import sent
from core.domain.profiles.entries import EntryChanges, clean_entry, entry_problems
from core.domain.profiles.events import CandidateProfileChanged
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.profiles._entries import own_entry


class UpdateProfileEntryCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    entry_id: int
    changes: EntryChanges


class UpdateProfileEntry:
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

    async def __call__(self, cmd: UpdateProfileEntryCommand) -> dict[str, Any]:
        kind = cmd.changes.kind
        profile, current = await own_entry(
            cmd.actor, kind, cmd.entry_id, self._profiles, self._entries
        )
        changes = clean_entry(kind, sent(cmd.changes))
        merged = {**current, **changes}
        if errors := entry_problems(kind, merged, self._clock.now().date()):
            raise ValidationFailed(errors)
        await self._entries.update(kind, cmd.entry_id, changes)
        profile.updated_at = self._clock.now()  # what matching reads has changed
        await self._profiles.update(profile)
        await self._tasks.enqueue(CandidateProfileChanged(candidate_id=cmd.actor.require_id()))
        await self._tx.commit()
        found = await self._entries.get(kind, cmd.entry_id)
        assert found is not None
        return found[1]

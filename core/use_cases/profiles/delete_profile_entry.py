from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.profiles.entries import EntryKind
from core.domain.profiles.events import CandidateProfileChanged
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.profiles._entries import own_entry


class DeleteProfileEntryCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    kind: EntryKind
    entry_id: int


class DeleteProfileEntry:
    def __init__(
        self,
        tx: TransactionManager,
        tasks: TaskQueue,
        profiles: CandidateProfileRepository,
        entries: ProfileEntryRepository,
        clock: Clock,
    ) -> None:
        self._clock = clock
        self._tx = tx
        self._tasks = tasks
        self._profiles = profiles
        self._entries = entries

    async def __call__(self, cmd: DeleteProfileEntryCommand) -> None:
        profile, _ = await own_entry(
            cmd.actor, cmd.kind, cmd.entry_id, self._profiles, self._entries
        )
        await self._entries.delete(cmd.kind, cmd.entry_id)
        profile.updated_at = self._clock.now()  # what matching reads has changed
        await self._profiles.update(profile)
        await self._tasks.enqueue(CandidateProfileChanged(candidate_id=cmd.actor.require_id()))
        await self._tx.commit()

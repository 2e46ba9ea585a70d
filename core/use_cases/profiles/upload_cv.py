from __future__ import annotations

import secrets

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.profiles.cv import cv_key, cv_upload_problem
from core.ports.candidate_profiles import CandidateProfileRepository
from core.ports.clock import Clock
from core.ports.file_storage import FileStorage
from core.ports.transaction_manager import TransactionManager
from core.use_cases.profiles._candidate import own_profile


class UploadCvCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    data: bytes


class UploadCv:
    def __init__(
        self,
        tx: TransactionManager,
        profiles: CandidateProfileRepository,
        storage: FileStorage,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._profiles = profiles
        self._storage = storage
        self._clock = clock

    async def __call__(self, cmd: UploadCvCommand) -> str:
        profile = await own_profile(cmd.actor, self._profiles)
        if problem := cv_upload_problem(cmd.data):
            raise ValidationFailed.single("cv_file", problem)
        key = cv_key(cmd.actor.require_id(), secrets.token_hex(8))
        await self._storage.save(key, cmd.data, "application/pdf")
        previous = profile.cv_file
        profile.cv_file = key
        profile.updated_at = self._clock.now()
        await self._profiles.update(profile)
        await self._tx.commit()
        if previous and previous != key:
            await self._storage.delete(previous)
        return key

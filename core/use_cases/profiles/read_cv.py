from __future__ import annotations

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied
from core.ports.candidate_profiles import CandidateProfileRepository
from core.ports.file_storage import FileStorage, StoredFile
from core.ports.recruiter_profiles import RecruiterProfileRepository


class ReadCvCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    candidate_user_id: int


class ReadCv:
    """A candidate's CV, for the candidate, for recruiters of a company they applied to, and
    for site admins. Everyone else is refused."""

    def __init__(
        self,
        profiles: CandidateProfileRepository,
        recruiters: RecruiterProfileRepository,
        storage: FileStorage,
    ) -> None:
        self._profiles = profiles
        self._recruiters = recruiters
        self._storage = storage

    async def __call__(self, cmd: ReadCvCommand) -> StoredFile:
        actor = cmd.actor
        if actor.require_id() != cmd.candidate_user_id and actor.user_type is not UserType.ADMIN:
            recruiter = (
                await self._recruiters.by_user(actor.require_id())
                if actor.user_type is UserType.RECRUITER
                else None
            )
            if (
                recruiter is None
                or recruiter.company_id is None
                or not await self._profiles.applied_to_company(
                    cmd.candidate_user_id, recruiter.company_id
                )
            ):
                raise PermissionDenied("You may only see the CVs of candidates who applied.")
        profile = await self._profiles.by_user(cmd.candidate_user_id)
        found = await self._storage.open(profile.cv_file) if profile and profile.cv_file else None
        if found is None:
            raise NotFound("This candidate has no CV.")
        return found

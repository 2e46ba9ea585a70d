from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.profiles.views import CandidateProfileView
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.use_cases.profiles._candidate import own_profile, profile_view


class GetCandidateProfileCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User


class GetCandidateProfile:
    def __init__(
        self,
        profiles: CandidateProfileRepository,
        entries: ProfileEntryRepository,
        clock: Clock,
    ) -> None:
        self._profiles = profiles
        self._entries = entries
        self._clock = clock

    async def __call__(self, cmd: GetCandidateProfileCommand) -> CandidateProfileView:
        profile = await own_profile(cmd.actor, self._profiles)
        return await profile_view(
            cmd.actor, profile, self._entries, self._clock.now().date(), profile.cv_file or None
        )

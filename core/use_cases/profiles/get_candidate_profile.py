from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.profiles.views import CandidateProfileView
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.clock import Clock
from core.use_cases.profiles._candidate import own_profile, profile_view


class GetCandidateProfileCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    #: How the API shows a stored CV key (a URL); None when there is no CV.
    cv_url_base: str = ""


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
        url = f"{cmd.cv_url_base}{profile.cv_file}" if profile.cv_file else None
        return await profile_view(cmd.actor, profile, self._entries, self._clock.now().date(), url)

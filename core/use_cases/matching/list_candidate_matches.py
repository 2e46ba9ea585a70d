from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.matching.views import CandidateMatchFilters, JobMatchForCandidate
from core.domain.pages import Listing, Page
from core.ports.matching import MatchQueries


class CandidateMatchesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    filters: CandidateMatchFilters
    page: Page


class ListCandidateMatches:
    """The jobs that suit the calling candidate best."""

    def __init__(self, queries: MatchQueries) -> None:
        self._queries = queries

    async def __call__(self, cmd: CandidateMatchesCommand) -> Listing[JobMatchForCandidate]:
        require_type(cmd.actor, UserType.CANDIDATE)
        return await self._queries.for_candidate(cmd.actor.require_id(), cmd.filters, cmd.page)

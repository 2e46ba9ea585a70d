from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.jobs.views import Page
from core.domain.matching.views import (
    CandidateMatchFilters,
    JobMatchFilters,
    JobMatchForCandidate,
    JobMatchForRecruiter,
)
from core.ports.matching import MatchQueries
from core.use_cases.jobs.job_access import JobAccess


class JobMatchesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    filters: JobMatchFilters
    page: Page


class CandidateMatchesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    filters: CandidateMatchFilters
    page: Page


class ReadMatches:
    def __init__(self, queries: MatchQueries, access: JobAccess) -> None:
        self._queries = queries
        self._access = access

    async def for_job(self, cmd: JobMatchesCommand) -> tuple[int, list[JobMatchForRecruiter]]:
        """The job's best candidates, for its recruiter and the company admin only."""
        await self._access.managed(cmd.actor, cmd.job_id)
        return await self._queries.for_job(cmd.job_id, cmd.filters, cmd.page)

    async def for_candidate(
        self, cmd: CandidateMatchesCommand
    ) -> tuple[int, list[JobMatchForCandidate]]:
        require_type(cmd.actor, UserType.CANDIDATE)
        return await self._queries.for_candidate(cmd.actor.require_id(), cmd.filters, cmd.page)

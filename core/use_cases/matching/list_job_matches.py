from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.matching.views import JobMatchFilters, JobMatchForRecruiter
from core.domain.pages import Listing, Page
from core.ports.matching import MatchQueries
from core.use_cases.jobs.job_access import JobAccess


class JobMatchesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    filters: JobMatchFilters
    page: Page


class ListJobMatches:
    """A job's best candidates, for the job's managers only."""

    def __init__(self, queries: MatchQueries, access: JobAccess) -> None:
        self._queries = queries
        self._access = access

    async def __call__(self, cmd: JobMatchesCommand) -> Listing[JobMatchForRecruiter]:
        await self._access.managed(cmd.actor, cmd.job_id)
        return await self._queries.for_job(cmd.job_id, cmd.filters, cmd.page)

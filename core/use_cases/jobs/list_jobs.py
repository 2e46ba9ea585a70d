from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.jobs.views import JobFilters, JobSummary, Page
from core.ports.job_repository import JobQueries
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.use_cases.jobs._access import recruiter_company_id


class ListJobsCommand(msgspec.Struct, frozen=True, kw_only=True):
    viewer: User | None
    filters: JobFilters
    page: Page


class ListJobs:
    """Public job search. Inactive jobs appear only to recruiters of their own company, and
    only when they ask for them (``is_active=false``)."""

    def __init__(self, queries: JobQueries, recruiters: RecruiterProfileRepository) -> None:
        self._queries = queries
        self._recruiters = recruiters

    async def __call__(self, cmd: ListJobsCommand) -> tuple[int, list[JobSummary]]:
        own = None
        if cmd.filters.is_active is False:
            own = await recruiter_company_id(cmd.viewer, self._recruiters)
            if own is None:
                return 0, []
        return await self._queries.search(cmd.filters, cmd.page, include_inactive_of_company=own)

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.jobs.views import JobFilters, JobSummary
from core.domain.pages import Listing, Page
from core.ports.job_search import JobSearch
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.use_cases.jobs.job_access import member_company


class ListJobsCommand(msgspec.Struct, frozen=True, kw_only=True):
    viewer: User | None
    filters: JobFilters
    page: Page


class ListJobs:
    """Public job search. Inactive jobs appear only to recruiters of their own company, and
    only when they ask for them (``is_active=false``)."""

    def __init__(self, search: JobSearch, recruiters: RecruiterProfileRepository) -> None:
        self._search = search
        self._recruiters = recruiters

    async def __call__(self, cmd: ListJobsCommand) -> Listing[JobSummary]:
        own = None
        if cmd.filters.is_active is False:
            own = await member_company(cmd.viewer, self._recruiters)
            if own is None:
                return Listing[JobSummary](count=0, items=[], has_more=False)
        return await self._search.search(cmd.filters, cmd.page, include_inactive_of_company=own)

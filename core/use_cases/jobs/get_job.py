from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import NotFound
from core.domain.jobs.views import JobDetail
from core.ports.job_repository import JobQueries
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.use_cases.jobs.job_access import member_company


class GetJobCommand(msgspec.Struct, frozen=True, kw_only=True):
    viewer: User | None
    job_id: int


class GetJob:
    def __init__(self, queries: JobQueries, recruiters: RecruiterProfileRepository) -> None:
        self._queries = queries
        self._recruiters = recruiters

    async def __call__(self, cmd: GetJobCommand) -> JobDetail:
        detail = await self._queries.detail(cmd.job_id)
        if detail is None:
            raise NotFound("Job not found.")
        if not detail.is_active:
            own = await member_company(cmd.viewer, self._recruiters)
            if own != detail.company.id:
                raise NotFound("Job not found.")
        return detail

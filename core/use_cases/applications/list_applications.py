from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.applications.views import ApplicationFilters, JobApplication, MyApplication
from core.domain.pages import Listing, Page
from core.ports.application_repository import ApplicationQueries
from core.use_cases.jobs.job_access import JobAccess


class ListMyApplicationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    filters: ApplicationFilters
    page: Page


class ListMyApplications:
    def __init__(self, queries: ApplicationQueries) -> None:
        self._queries = queries

    async def __call__(self, cmd: ListMyApplicationsCommand) -> Listing[MyApplication]:
        require_type(cmd.actor, UserType.CANDIDATE)
        return await self._queries.mine(cmd.actor.require_id(), cmd.filters, cmd.page)


class ListJobApplicationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    filters: ApplicationFilters
    page: Page


class ListJobApplications:
    """A job's applicants, for its recruiter and the company admin only."""

    def __init__(self, queries: ApplicationQueries, access: JobAccess) -> None:
        self._queries = queries
        self._access = access

    async def __call__(self, cmd: ListJobApplicationsCommand) -> Listing[JobApplication]:
        await self._access.managed(cmd.actor, cmd.job_id)
        return await self._queries.for_job(cmd.job_id, cmd.filters, cmd.page)

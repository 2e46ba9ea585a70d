from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.jobs.job import ExperienceLevel
from core.domain.jobs.views import JobFilters, JobSummary, Ref
from core.domain.pages import Listing, Page
from core.ports.job_repository import JobQueries
from core.ports.job_search import JobSearch
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.use_cases.jobs.job_access import member_company


class ListJobsCommand(msgspec.Struct, frozen=True, kw_only=True):
    viewer: User | None
    filters: JobFilters
    page: Page


def _key(name: str) -> list[str]:
    """A name's words, case folded: how a typed name is compared with the listed ones."""
    return name.casefold().split()


def _by_name(field: str, wanted: str, refs: list[Ref]) -> int:
    for ref in refs:
        if _key(ref.name) == _key(wanted):
            return ref.id
    names = ", ".join(ref.name for ref in refs)
    label = field.replace("_", " ")
    raise ValidationFailed.single(field, f'Unknown {label} "{wanted}": choose one of {names}.')


class ListJobs:
    """Public job search. Inactive jobs appear only to recruiters of their own company, and
    only when they ask for them (``is_active=false``). Categories and job types may be named
    as the reference lists show them; they are resolved to their ids here."""

    def __init__(
        self, search: JobSearch, recruiters: RecruiterProfileRepository, queries: JobQueries
    ) -> None:
        self._search = search
        self._recruiters = recruiters
        self._queries = queries

    async def __call__(self, cmd: ListJobsCommand) -> Listing[JobSummary]:
        filters = await self._resolved(cmd.filters)
        own = None
        if filters.is_active is False:
            own = await member_company(cmd.viewer, self._recruiters)
            if own is None:
                return Listing[JobSummary](count=0, items=[], has_more=False)
        return await self._search.search(filters, cmd.page, include_inactive_of_company=own)

    async def _resolved(self, filters: JobFilters) -> JobFilters:
        level = filters.experience_level
        if level and level not in {e.value for e in ExperienceLevel}:
            raise ValidationFailed.single(
                "experience_level", f'"{level}" is not a level ({", ".join(ExperienceLevel)}).'
            )
        changes: dict[str, object] = {}
        if isinstance(filters.category, str):
            changes["category"] = _by_name(
                "category", filters.category, await self._queries.categories()
            )
        if isinstance(filters.job_type, str):
            by_code = await self._queries.job_type_id(filters.job_type)
            changes["job_type"] = by_code or _by_name(
                "job_type", filters.job_type, await self._queries.job_types()
            )
        return msgspec.structs.replace(filters, **changes) if changes else filters

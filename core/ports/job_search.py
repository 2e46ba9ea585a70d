from __future__ import annotations

from typing import Protocol

from core.domain.jobs.views import JobFilters, JobSummary
from core.domain.pages import Listing, Page


class JobSearch(Protocol):
    """The public job search: the read side's hottest query, kept apart from the other job
    queries so that an adapter can serve it from the cheapest path its database offers."""

    async def search(
        self, filters: JobFilters, page: Page, *, include_inactive_of_company: int | None
    ) -> Listing[JobSummary]:
        """Jobs matching ``filters``: active ones, or with ``filters.is_active is False`` the
        inactive ones of ``include_inactive_of_company``."""
        ...

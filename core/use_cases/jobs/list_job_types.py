from __future__ import annotations

from core.domain.jobs.views import Ref
from core.ports.job_repository import JobQueries


class ListJobTypes:
    """Job types, for forms and filters (public)."""

    def __init__(self, queries: JobQueries) -> None:
        self._queries = queries

    async def __call__(self) -> list[Ref]:
        return await self._queries.job_types()

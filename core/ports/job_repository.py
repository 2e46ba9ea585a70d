from __future__ import annotations

from typing import Protocol

from core.domain.jobs.job import Job
from core.domain.jobs.views import JobDetail, Ref


class JobRepository(Protocol):
    async def add(self, job: Job, slug_base: str) -> Job:
        """Store a new job with a unique slug derived from ``slug_base``."""
        ...

    async def get(self, job_id: int) -> Job | None: ...

    async def update(self, job: Job) -> None: ...


class JobQueries(Protocol):
    async def detail(self, job_id: int) -> JobDetail | None: ...

    async def categories(self) -> list[Ref]: ...

    async def job_types(self) -> list[Ref]: ...

    async def category_exists(self, category_id: int) -> bool: ...

    async def job_type_id(self, id_or_code: int | str) -> int | None: ...

from __future__ import annotations

from typing import Protocol

from core.domain.companies.company import Company
from core.domain.companies.views import CompanyDetail, CompanyFilters, CompanySummary
from core.domain.jobs.views import Page


class CompanyRepository(Protocol):
    async def get(self, company_id: int) -> Company | None: ...

    async def update(self, company: Company) -> None: ...

    async def delete(self, company_id: int) -> None: ...

    async def member_count(self, company_id: int) -> int: ...

    async def job_count(self, company_id: int) -> int: ...

    async def follow(self, company_id: int, user_id: int) -> bool:
        """True if this created the follow (False: already following)."""
        ...

    async def unfollow(self, company_id: int, user_id: int) -> bool: ...


class CompanyQueries(Protocol):
    async def list(
        self, filters: CompanyFilters, page: Page
    ) -> tuple[int, list[CompanySummary]]: ...

    async def detail(self, company_id: int) -> CompanyDetail | None: ...

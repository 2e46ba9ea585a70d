from __future__ import annotations

from typing import Protocol

from core.domain.companies.company import Company
from core.domain.companies.team import CompanyFootprint
from core.domain.companies.views import CompanyDetail, CompanyFilters, CompanySummary
from core.domain.pages import Listing, Page


class CompanyRepository(Protocol):
    async def get(self, company_id: int) -> Company | None: ...

    async def update(self, company: Company) -> None:
        """Raises ``CompanyNameTaken`` when another company has the name (ignoring case)."""
        ...

    async def create(self, admin_user_id: int, name: str) -> int:
        """A new company administered by ``admin_user_id``, with a unique slug; its id.
        Raises ``CompanyNameTaken`` when the name is taken (ignoring case)."""
        ...

    async def reslug(self, company_id: int, name: str) -> str:
        """Give the company a unique slug made from ``name``; its previous slugs keep leading
        to it (``CompanyQueries.by_slug``). Returns the new slug."""
        ...

    async def delete(self, company_id: int) -> None: ...

    async def footprint(self, company_id: int) -> CompanyFootprint: ...

    async def follow(self, company_id: int, user_id: int) -> bool:
        """True if this created the follow (False: already following)."""
        ...

    async def unfollow(self, company_id: int, user_id: int) -> bool: ...


class CompanyQueries(Protocol):
    async def list(self, filters: CompanyFilters, page: Page) -> Listing[CompanySummary]: ...

    async def detail(self, company_id: int) -> CompanyDetail | None: ...

    async def by_slug(self, slug: str) -> int | None:
        """The company a slug names, now or before a rename."""
        ...

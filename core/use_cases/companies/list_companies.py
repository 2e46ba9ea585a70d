from __future__ import annotations

import msgspec

from core.domain.companies.views import CompanyFilters, CompanySummary
from core.domain.pages import Listing, Page
from core.ports.company_repository import CompanyQueries


class ListCompaniesCommand(msgspec.Struct, frozen=True, kw_only=True):
    filters: CompanyFilters
    page: Page


class ListCompanies:
    def __init__(self, queries: CompanyQueries) -> None:
        self._queries = queries

    async def __call__(self, cmd: ListCompaniesCommand) -> Listing[CompanySummary]:
        return await self._queries.list(cmd.filters, cmd.page)

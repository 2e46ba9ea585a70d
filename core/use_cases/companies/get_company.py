from __future__ import annotations

import msgspec

from core.domain.companies.views import CompanyDetail
from core.domain.errors import NotFound
from core.ports.company_repository import CompanyQueries


class GetCompanyCommand(msgspec.Struct, frozen=True, kw_only=True):
    company_id: int


class GetCompany:
    def __init__(self, queries: CompanyQueries) -> None:
        self._queries = queries

    async def __call__(self, cmd: GetCompanyCommand) -> CompanyDetail:
        detail = await self._queries.detail(cmd.company_id)
        if detail is None:
            raise NotFound("Company not found.")
        return detail

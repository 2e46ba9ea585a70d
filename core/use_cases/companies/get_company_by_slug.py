from __future__ import annotations

import msgspec

from core.domain.companies.views import CompanyDetail
from core.domain.errors import NotFound
from core.ports.company_repository import CompanyQueries


class GetCompanyBySlugCommand(msgspec.Struct, frozen=True, kw_only=True):
    slug: str


class GetCompanyBySlug:
    """A company by its slug, the current one or one it had before a rename (links keep
    working); the answer shows the current slug."""

    def __init__(self, queries: CompanyQueries) -> None:
        self._queries = queries

    async def __call__(self, cmd: GetCompanyBySlugCommand) -> CompanyDetail:
        company_id = await self._queries.by_slug(cmd.slug.strip().lower())
        detail = await self._queries.detail(company_id) if company_id is not None else None
        if detail is None:
            raise NotFound("Company not found.")
        return detail

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.companies.company import CompanyChanges, company_problems
from core.domain.companies.views import CompanyDetail
from core.domain.errors import ValidationFailed
from core.domain.patches import sent
from core.ports.clock import Clock
from core.ports.company_repository import CompanyQueries, CompanyRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.companies._admin import administered_company


class UpdateCompanyCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    changes: CompanyChanges


class UpdateCompany:
    def __init__(
        self,
        tx: TransactionManager,
        companies: CompanyRepository,
        queries: CompanyQueries,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._companies = companies
        self._queries = queries
        self._clock = clock

    async def __call__(self, cmd: UpdateCompanyCommand) -> CompanyDetail:
        company = await administered_company(cmd.actor, cmd.company_id, self._companies)
        changes = {k: v.strip() if isinstance(v, str) else v for k, v in sent(cmd.changes).items()}
        if errors := company_problems(changes, self._clock.now().year):
            raise ValidationFailed(errors)
        retitled = "name" in changes and changes["name"] != company.name
        for name, value in changes.items():
            setattr(company, name, value)
        company.updated_at = self._clock.now()
        await self._companies.update(company)  # raises CompanyNameTaken for a taken name
        if retitled:
            # The slug follows the name (new jobs' slugs use it); the old one still resolves.
            await self._companies.reslug(company.id, company.name)
        await self._tx.commit()
        detail = await self._queries.detail(company.id)
        assert detail is not None
        return detail

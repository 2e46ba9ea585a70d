from __future__ import annotations

from core.domain.accounts.user import User
from core.domain.companies.company import Company
from core.domain.errors import NotFound, PermissionDenied
from core.ports.company_repository import CompanyRepository


async def administered_company(
    actor: User, company_id: int, companies: CompanyRepository
) -> Company:
    company = await companies.get(company_id)
    if company is None:
        raise NotFound("Company not found.")
    if not company.is_admin(actor.require_id()):
        raise PermissionDenied("Only the company's admin can do this.")
    return company

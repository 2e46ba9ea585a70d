from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import Conflict, NotFound
from core.ports.company_repository import CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.companies._admin import administered_company


class RemoveTeamMemberCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    user_id: int


class RemoveTeamMember:
    """The admin removes a recruiter from the team. Their jobs stay with the company."""

    def __init__(
        self,
        tx: TransactionManager,
        companies: CompanyRepository,
        recruiters: RecruiterProfileRepository,
    ) -> None:
        self._tx = tx
        self._companies = companies
        self._recruiters = recruiters

    async def __call__(self, cmd: RemoveTeamMemberCommand) -> None:
        company = await administered_company(cmd.actor, cmd.company_id, self._companies)
        if company.is_admin(cmd.user_id):
            raise Conflict("The company's admin cannot be removed from the team.")
        profile = await self._recruiters.member_profile(company.id, cmd.user_id)
        if profile is None:
            raise NotFound("This user is not a member of the team.")
        profile.company_id = None
        profile.role = ""
        await self._recruiters.update(profile)
        await self._tx.commit()

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import Conflict, NotFound, PermissionDenied
from core.ports.company_repository import CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.transaction_manager import TransactionManager


class RemoveTeamMemberCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    user_id: int


class RemoveTeamMember:
    """The admin removes a recruiter from the team, or a member leaves it. The jobs they posted
    stay with the company (its admin manages them); the recruiter keeps no access to them."""

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
        company = await self._companies.get(cmd.company_id)
        if company is None:
            raise NotFound("Company not found.")
        actor_id = cmd.actor.require_id()
        if not company.is_admin(actor_id) and actor_id != cmd.user_id:
            raise PermissionDenied("Only the company's admin can remove someone from the team.")
        if company.is_admin(cmd.user_id):
            raise Conflict("The company's admin cannot leave or be removed from the team.")
        profile = await self._recruiters.member_profile(company.id, cmd.user_id)
        if profile is None:
            raise NotFound("This user is not a member of the team.")
        profile.company_id = None
        profile.role = ""
        await self._recruiters.update(profile)
        await self._tx.commit()

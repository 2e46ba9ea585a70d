from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.companies.views import InvitationView
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.team_invitations import TeamInvitationRepository
from core.use_cases.companies._admin import administered_company


class ListCompanyInvitationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int


class ListCompanyInvitations:
    """The team's open invitations, for its admin."""

    def __init__(
        self, companies: CompanyRepository, invitations: TeamInvitationRepository, clock: Clock
    ) -> None:
        self._companies = companies
        self._invitations = invitations
        self._clock = clock

    async def __call__(self, cmd: ListCompanyInvitationsCommand) -> list[InvitationView]:
        company = await administered_company(cmd.actor, cmd.company_id, self._companies)
        return await self._invitations.open_for_company(company.id, self._clock.now())

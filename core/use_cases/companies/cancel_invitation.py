from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.companies.team import InvitationStatus
from core.domain.errors import NotFound
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.team_invitations import TeamInvitationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.companies._admin import administered_company


class CancelInvitationCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    invitation_id: int


class CancelInvitation:
    """The company's admin withdraws an open invitation."""

    def __init__(
        self,
        tx: TransactionManager,
        companies: CompanyRepository,
        invitations: TeamInvitationRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._companies = companies
        self._invitations = invitations
        self._clock = clock

    async def __call__(self, cmd: CancelInvitationCommand) -> None:
        company = await administered_company(cmd.actor, cmd.company_id, self._companies)
        invitation = await self._invitations.get(cmd.invitation_id)
        if invitation is None or invitation.company_id != company.id:
            raise NotFound("Invitation not found.")
        invitation.close(InvitationStatus.CANCELLED, self._clock.now())
        await self._invitations.update(invitation)
        await self._tx.commit()

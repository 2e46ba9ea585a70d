from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.companies.views import InvitationView
from core.ports.clock import Clock
from core.ports.team_invitations import TeamInvitationRepository


class ListMyInvitationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User


class ListMyInvitations:
    """The open invitations a recruiter has received, newest first."""

    def __init__(self, invitations: TeamInvitationRepository, clock: Clock) -> None:
        self._invitations = invitations
        self._clock = clock

    async def __call__(self, cmd: ListMyInvitationsCommand) -> list[InvitationView]:
        require_type(cmd.actor, UserType.RECRUITER)
        return await self._invitations.open_for_user(cmd.actor.require_id(), self._clock.now())

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.domain.companies.team import TeamInvitation
from core.domain.companies.views import InvitationView


class TeamInvitationRepository(Protocol):
    async def add(self, invitation: TeamInvitation) -> TeamInvitation:
        """Raises ``AlreadyInvited`` when the recruiter has a pending invitation to the team
        (a unique constraint: of concurrent invitations exactly one is stored)."""
        ...

    async def get(self, invitation_id: int) -> TeamInvitation | None: ...

    async def update(self, invitation: TeamInvitation) -> None: ...

    async def pending(self, company_id: int, user_id: int) -> TeamInvitation | None:
        """The pending invitation of this recruiter to this team, open or expired."""
        ...

    async def view(self, invitation_id: int, now: datetime) -> InvitationView | None: ...

    async def open_for_user(self, user_id: int, now: datetime) -> list[InvitationView]: ...

    async def open_for_company(self, company_id: int, now: datetime) -> list[InvitationView]: ...

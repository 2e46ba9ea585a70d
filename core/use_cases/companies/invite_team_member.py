from __future__ import annotations

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.companies.events import TeamInvitationSent
from core.domain.companies.team import (
    INVITATION_TTL,
    ROLE_MAX_LENGTH,
    AlreadyInvited,
    InvitationStatus,
    TeamInvitation,
)
from core.domain.companies.views import InvitationView
from core.domain.errors import Conflict, ValidationFailed
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.task_queue import TaskQueue
from core.ports.team_invitations import TeamInvitationRepository
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.companies._admin import administered_company


class InviteTeamMemberCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    email: str
    role: str = ""


class InviteTeamMember:
    """The company's admin invites an existing recruiter by e-mail. Nothing changes for the
    recruiter until they accept (``AnswerInvitation``); they are told at once."""

    def __init__(
        self,
        tx: TransactionManager,
        companies: CompanyRepository,
        invitations: TeamInvitationRepository,
        recruiters: RecruiterProfileRepository,
        users: UserRepository,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._companies = companies
        self._invitations = invitations
        self._recruiters = recruiters
        self._users = users
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: InviteTeamMemberCommand) -> InvitationView:
        company = await administered_company(cmd.actor, cmd.company_id, self._companies)
        role = cmd.role.strip()
        if len(role) > ROLE_MAX_LENGTH:
            raise ValidationFailed.single(
                "role", f"Ensure this field has no more than {ROLE_MAX_LENGTH} characters."
            )
        user = await self._users.by_email(cmd.email)
        profile = (
            await self._recruiters.by_user(user.require_id())
            if user is not None and user.user_type is UserType.RECRUITER
            else None
        )
        if user is None or profile is None:
            raise ValidationFailed.single("email", "No recruiter account uses this e-mail address.")
        if profile.company_id == company.id:
            raise Conflict("This recruiter is already in the team.")
        now = self._clock.now()
        earlier = await self._invitations.pending(company.id, user.require_id())
        if earlier is not None:
            if earlier.is_open(now):
                raise AlreadyInvited()
            earlier.status = InvitationStatus.EXPIRED  # make room for the new one
            await self._invitations.update(earlier)
        invitation = await self._invitations.add(
            TeamInvitation(
                company_id=company.id,
                user_id=user.require_id(),
                invited_by=cmd.actor.require_id(),
                role=role,
                created_at=now,
                expires_at=now + INVITATION_TTL,
            )
        )
        assert invitation.id is not None
        await self._tasks.enqueue(TeamInvitationSent(invitation_id=invitation.id))
        await self._tx.commit()
        view = await self._invitations.view(invitation.id, now)
        assert view is not None
        return view

from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.companies.events import TeamInvitationAnswered
from core.domain.companies.team import InvitationStatus, leaving_problem
from core.domain.companies.views import InvitationView
from core.domain.errors import Conflict, NotFound
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.task_queue import TaskQueue
from core.ports.team_invitations import TeamInvitationRepository
from core.ports.transaction_manager import TransactionManager


class AnswerInvitationCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    invitation_id: int
    accept: bool


class AnswerInvitation:
    """The invited recruiter accepts (and joins the team) or declines.

    Joining leaves the team they are in: a member leaves freely (their jobs stay with that
    company and its admin); an admin only leaves an untouched company of one, which is removed
    (see ``leaving_problem``). The inviting admin is told either way.
    """

    def __init__(
        self,
        tx: TransactionManager,
        invitations: TeamInvitationRepository,
        companies: CompanyRepository,
        recruiters: RecruiterProfileRepository,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._invitations = invitations
        self._companies = companies
        self._recruiters = recruiters
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: AnswerInvitationCommand) -> InvitationView:
        require_type(cmd.actor, UserType.RECRUITER)
        invitation = await self._invitations.get(cmd.invitation_id)
        if invitation is None or invitation.user_id != cmd.actor.require_id():
            raise NotFound("Invitation not found.")
        now = self._clock.now()
        if not cmd.accept:
            invitation.close(InvitationStatus.DECLINED, now)
        else:
            invitation.close(InvitationStatus.ACCEPTED, now)
            profile = await self._recruiters.by_user(cmd.actor.require_id())
            if profile is None:
                raise NotFound("Recruiter profile not found.")
            current = await self._companies.get(profile.company_id) if profile.company_id else None
            if current is not None:
                footprint = await self._companies.footprint(current.id)
                if problem := leaving_problem(current, cmd.actor.require_id(), footprint):
                    raise Conflict(problem)
            profile.company_id = invitation.company_id
            profile.role = invitation.role
            await self._recruiters.update(profile)
            if current is not None and current.is_admin(cmd.actor.require_id()):
                # The admin's untouched company of one (``leaving_problem``) gives way.
                await self._companies.delete(current.id)
        await self._invitations.update(invitation)
        assert invitation.id is not None
        await self._tasks.enqueue(TeamInvitationAnswered(invitation_id=invitation.id))
        await self._tx.commit()
        view = await self._invitations.view(invitation.id, now)
        assert view is not None
        return view

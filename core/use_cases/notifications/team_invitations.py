"""Telling recruiters about team invitations: the invited one when it is sent, the inviting
admin when it is answered."""

from __future__ import annotations

from core.domain.companies.events import TeamInvitationAnswered, TeamInvitationSent
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.clock import Clock
from core.ports.team_invitations import TeamInvitationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier


class NotifyInvitedRecruiter:
    def __init__(
        self,
        tx: TransactionManager,
        invitations: TeamInvitationRepository,
        notifier: Notifier,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._invitations = invitations
        self._notifier = notifier
        self._clock = clock

    async def __call__(self, message: TeamInvitationSent, key: str) -> None:
        invitation = await self._invitations.view(message.invitation_id, self._clock.now())
        if invitation is None or invitation.status != "pending":
            return  # withdrawn (or answered) before we got to it: nothing to tell
        role = f" as {invitation.role}" if invitation.role else ""
        await self._notifier.notify(
            NewNotification(
                user_id=invitation.user.id,
                type=NotificationType.TEAM_INVITATION,
                title=f"Join {invitation.company.name}'s team",
                message=f"{invitation.invited_by.full_name} invited you to join "
                f"{invitation.company.name}'s team{role}. Accept or decline it in your "
                "team invitations.",
                related_object_type="team_invitation",
                related_object_id=invitation.id,
                event_key=key,
            )
        )
        await self._tx.commit()


class NotifyInviterOfAnswer:
    def __init__(
        self,
        tx: TransactionManager,
        invitations: TeamInvitationRepository,
        notifier: Notifier,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._invitations = invitations
        self._notifier = notifier
        self._clock = clock

    async def __call__(self, message: TeamInvitationAnswered, key: str) -> None:
        invitation = await self._invitations.view(message.invitation_id, self._clock.now())
        if invitation is None or invitation.status not in ("accepted", "declined"):
            return
        await self._notifier.notify(
            NewNotification(
                user_id=invitation.invited_by.id,
                type=NotificationType.TEAM_INVITATION_ANSWERED,
                title=f"Invitation {invitation.status}",
                message=f"{invitation.user.full_name} {invitation.status} your invitation to "
                f"join {invitation.company.name}'s team",
                related_object_type="team_invitation",
                related_object_id=invitation.id,
                event_key=key,
            )
        )
        await self._tx.commit()

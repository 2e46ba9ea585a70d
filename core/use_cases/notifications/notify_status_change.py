from __future__ import annotations

from core.domain.applications.events import ApplicationStatusChanged
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.application_repository import ApplicationQueries
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier

#: What the candidate is told of each move made for them (a withdrawal is theirs: the company
#: is told of it instead).
STATUS_WORDS = {
    "reviewed": "reviewed",
    "shortlisted": "shortlisted",
    "interview": "moved to the interview stage",
    "accepted": "accepted",
    "rejected": "declined",
    "cancelled": "cancelled because the job was withdrawn",
}


class NotifyOfStatusChange:
    """An application moved: its candidate is told, or (when they withdrew it) the company's
    person for it (the poster while in the team, else the admin)."""

    def __init__(
        self, tx: TransactionManager, applications: ApplicationQueries, notifier: Notifier
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._notifier = notifier

    async def __call__(self, message: ApplicationStatusChanged, key: str) -> None:
        ctx = await self._applications.context(message.application_id)
        if ctx is None:
            return
        if message.to_status == "withdrawn":
            notification = NewNotification(
                user_id=ctx.contact_id,
                type=NotificationType.APPLICATION_STATUS_CHANGED,
                title="Application withdrawn",
                message=f"{ctx.candidate_name} withdrew their application for '{ctx.job_title}'",
                related_object_type="application",
                related_object_id=ctx.application_id,
                event_key=key,
            )
        else:
            words = STATUS_WORDS[message.to_status]  # every status a move can reach
            notification = NewNotification(
                user_id=ctx.candidate_id,
                type=NotificationType.APPLICATION_STATUS_CHANGED,
                title="Application Status Updated",
                message=f"Your application for '{ctx.job_title}' has been {words}",
                related_object_type="application",
                related_object_id=ctx.application_id,
                event_key=key,
            )
        await self._notifier.notify(notification)
        await self._tx.commit()

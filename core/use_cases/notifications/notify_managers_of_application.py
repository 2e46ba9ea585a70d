from __future__ import annotations

from core.domain.applications.events import ApplicationSubmitted
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.application_repository import ApplicationQueries
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier


class NotifyManagersOfApplication:
    """A candidate applied: the job's managers in the company's team hear about it (the poster
    while still a member, and the company's admin)."""

    def __init__(
        self, tx: TransactionManager, applications: ApplicationQueries, notifier: Notifier
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._notifier = notifier

    async def __call__(self, message: ApplicationSubmitted, key: str) -> None:
        ctx = await self._applications.context(message.application_id)
        if ctx is None:
            return
        for user_id in sorted(ctx.managers):
            await self._notifier.notify(
                NewNotification(
                    user_id=user_id,
                    type=NotificationType.NEW_APPLICATION,
                    title="New application",
                    message=f"{ctx.candidate_name} applied for '{ctx.job_title}'",
                    related_object_type="application",
                    related_object_id=ctx.application_id,
                    event_key=key,
                )
            )
        await self._tx.commit()

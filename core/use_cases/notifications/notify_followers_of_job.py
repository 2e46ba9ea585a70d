from __future__ import annotations

from core.domain.jobs.events import JobPosted
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.job_repository import JobQueries
from core.ports.notification_repository import NotificationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier


class NotifyFollowersOfJob:
    """A company posted a job: who followed it before then hears about it."""

    def __init__(
        self,
        tx: TransactionManager,
        jobs: JobQueries,
        notifications: NotificationRepository,
        notifier: Notifier,
    ) -> None:
        self._tx = tx
        self._jobs = jobs
        self._notifications = notifications
        self._notifier = notifier

    async def __call__(self, message: JobPosted, key: str) -> None:
        job = await self._jobs.detail(message.job_id)
        if job is None or not job.is_active:
            return
        for user_id in await self._notifications.followers(job.company.id, job.created_at):
            await self._notifier.notify(
                NewNotification(
                    user_id=user_id,
                    type=NotificationType.JOB_POSTED,
                    title=f"New job at {job.company.name}",
                    message=f"{job.company.name} posted '{job.title}'",
                    related_object_type="job",
                    related_object_id=message.job_id,
                    event_key=key,
                )
            )
        await self._tx.commit()

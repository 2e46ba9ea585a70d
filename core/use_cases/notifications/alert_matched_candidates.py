from __future__ import annotations

from core.domain.matching.events import CandidatesMatched
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier


class AlertMatchedCandidates:
    """A job suits candidates at or above their alert threshold: each is told once per job,
    however often the job is recalculated (the notification's key is the job's, not the
    event's)."""

    def __init__(self, tx: TransactionManager, notifier: Notifier) -> None:
        self._tx = tx
        self._notifier = notifier

    async def __call__(self, message: CandidatesMatched, key: str) -> None:
        for alert in message.alerts:
            await self._notifier.notify(
                NewNotification(
                    user_id=alert.candidate_id,
                    type=NotificationType.NEW_JOB_MATCH,
                    title="A new job matches your profile",
                    message=f"'{message.job_title}' at {message.company_name} matches your "
                    f"profile at {alert.score:g}%",
                    related_object_type="job",
                    related_object_id=message.job_id,
                    event_key=f"new_job_match:{message.job_id}",
                )
            )
        await self._tx.commit()

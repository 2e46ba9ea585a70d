"""Telling candidates that a job they applied to has a test to take: when they apply to a job
that has one, and when a test is defined for a job they applied to."""

from __future__ import annotations

from core.domain.applications.events import ApplicationSubmitted
from core.domain.jobs.events import JobTestDefined
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.application_repository import ApplicationQueries
from core.ports.job_tests import JobTestRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier


async def _tell(application_id: int, applications: ApplicationQueries, notifier: Notifier) -> None:
    """Once per application, whichever handler gets there first (a test defined while the
    application's own event waits would otherwise tell the candidate twice)."""
    ctx = await applications.context(application_id)
    if ctx is None:
        return
    await notifier.notify(
        NewNotification(
            user_id=ctx.candidate_id,
            type=NotificationType.TEST_ASSIGNED,
            title="Test assigned",
            message=f"'{ctx.job_title}' at {ctx.company_name} has a test for you to take",
            related_object_type="application",
            related_object_id=application_id,
            event_key=f"test_assigned:{application_id}",
        )
    )


class NotifyApplicantOfJobTest:
    """A candidate applied to a job that has a test."""

    def __init__(
        self,
        tx: TransactionManager,
        applications: ApplicationQueries,
        tests: JobTestRepository,
        notifier: Notifier,
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._tests = tests
        self._notifier = notifier

    async def __call__(self, message: ApplicationSubmitted, key: str) -> None:
        ctx = await self._applications.context(message.application_id)
        if ctx is None or await self._tests.for_job(ctx.job_id) is None:
            return
        await _tell(message.application_id, self._applications, self._notifier)
        await self._tx.commit()


class NotifyApplicantsOfJobTest:
    """A job got a test: everyone whose application is still open hears about it."""

    def __init__(
        self, tx: TransactionManager, applications: ApplicationQueries, notifier: Notifier
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._notifier = notifier

    async def __call__(self, message: JobTestDefined, key: str) -> None:
        for application_id in await self._applications.open_applications(message.job_id):
            await _tell(application_id, self._applications, self._notifier)
        await self._tx.commit()

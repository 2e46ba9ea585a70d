from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.applications.application import MAX_COVER_LETTER, Application, StatusChange
from core.domain.applications.events import ApplicationSubmitted
from core.domain.applications.views import ApplicationCreated
from core.domain.errors import ValidationFailed
from core.ports.application_repository import (
    ApplicationQueries,
    ApplicationQuota,
    ApplicationRepository,
)
from core.ports.clock import Clock
from core.ports.job_repository import JobRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager


class ApplyToJobCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    cover_letter: str = ""


class ApplyToJob:
    def __init__(
        self,
        tx: TransactionManager,
        applications: ApplicationRepository,
        queries: ApplicationQueries,
        jobs: JobRepository,
        quota: ApplicationQuota,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._queries = queries
        self._jobs = jobs
        self._quota = quota
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: ApplyToJobCommand) -> ApplicationCreated:
        require_type(cmd.actor, UserType.CANDIDATE)
        if len(cmd.cover_letter) > MAX_COVER_LETTER:
            raise ValidationFailed.single(
                "cover_letter", f"Ensure this field has no more than {MAX_COVER_LETTER} characters."
            )
        job = await self._jobs.get(cmd.job_id)
        if job is None:
            raise ValidationFailed.single("job", f"Job {cmd.job_id} does not exist.")
        if not job.is_active:
            raise ValidationFailed.single("job", "This job is no longer accepting applications.")
        await self._quota.check(cmd.actor.require_id())
        now = self._clock.now()
        application = await self._applications.add(
            Application(
                job_id=cmd.job_id,
                candidate_id=cmd.actor.require_id(),
                cover_letter=cmd.cover_letter.strip(),
                applied_at=now,
                updated_at=now,
            )
        )
        assert application.id is not None
        await self._applications.record(
            StatusChange(
                application_id=application.id,
                from_status=None,
                to_status=application.status,
                changed_by=cmd.actor.require_id(),
                notes="",
                changed_at=now,
            )
        )
        await self._tasks.enqueue(ApplicationSubmitted(application_id=application.id))
        await self._tx.commit()
        return await self._queries.created_view(application.id)

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.ports.application_repository import ApplicationRepository
from core.ports.clock import Clock
from core.ports.job_repository import JobRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.record_status_change import RecordStatusChange
from core.use_cases.jobs.job_access import JobAccess


class DeleteJobCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int


class DeleteJob:
    """Soft delete: the job becomes inactive and leaves the public list; nothing is erased.
    Its pending applications are cancelled and their candidates told."""

    def __init__(
        self,
        tx: TransactionManager,
        jobs: JobRepository,
        access: JobAccess,
        applications: ApplicationRepository,
        record: RecordStatusChange,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._jobs = jobs
        self._access = access
        self._applications = applications
        self._record = record
        self._clock = clock

    async def __call__(self, cmd: DeleteJobCommand) -> None:
        job = (await self._access.managed(cmd.actor, cmd.job_id)).job
        if not job.is_active:
            return
        now = self._clock.now()
        job.is_active = False
        job.updated_at = now
        await self._jobs.update(job)
        for application in await self._applications.pending_for_job(cmd.job_id):
            assert application.id is not None
            previous = application.cancel(now)
            await self._record(
                application,
                previous,
                by=cmd.actor.require_id(),
                notes="The job was withdrawn.",
                at=now,
            )
        await self._tx.commit()

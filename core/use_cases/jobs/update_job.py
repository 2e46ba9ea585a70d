from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.jobs.events import JobUpdated
from core.domain.jobs.job import JobChanges, job_fields, job_problems
from core.domain.jobs.views import JobDetail
from core.domain.patches import sent
from core.ports.clock import Clock
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.jobs._references import reference_problems
from core.use_cases.jobs.job_access import JobAccess

#: What ``job_problems`` judges of a job as a whole (a patch is checked merged into these).
CHECKED = (
    "title",
    "salary_min",
    "salary_max",
    "salary_currency",
    "experience_level",
    "description",
    "location",
    "requirements",
    "benefits",
)


class UpdateJobCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    changes: JobChanges


class UpdateJob:
    """A manager of the job changes it (including reopening it)."""

    def __init__(
        self,
        tx: TransactionManager,
        jobs: JobRepository,
        queries: JobQueries,
        access: JobAccess,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tasks = tasks
        self._tx = tx
        self._jobs = jobs
        self._queries = queries
        self._access = access
        self._clock = clock

    async def __call__(self, cmd: UpdateJobCommand) -> JobDetail:
        job = (await self._access.managed(cmd.actor, cmd.job_id)).job
        changes = job_fields(sent(cmd.changes))
        merged = {name: getattr(job, name) for name in CHECKED}
        merged.update(changes)
        errors = job_problems(merged)
        errors.update(await reference_problems(changes, self._queries))
        if errors:
            raise ValidationFailed(errors)
        for name, value in changes.items():
            setattr(job, name, value)
        job.updated_at = self._clock.now()
        await self._jobs.update(job)
        await self._tasks.enqueue(JobUpdated(job_id=cmd.job_id))
        await self._tx.commit()
        detail = await self._queries.detail(cmd.job_id)
        assert detail is not None  # it was just updated
        return detail

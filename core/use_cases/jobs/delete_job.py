from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.job_repository import JobRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.jobs._access import managed_job


class DeleteJobCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int


class DeleteJob:
    """Soft delete: the job becomes inactive and leaves the public list; nothing is erased."""

    def __init__(
        self,
        tx: TransactionManager,
        jobs: JobRepository,
        companies: CompanyRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._jobs = jobs
        self._companies = companies
        self._clock = clock

    async def __call__(self, cmd: DeleteJobCommand) -> None:
        job, _ = await managed_job(cmd.actor, cmd.job_id, self._jobs, self._companies)
        if job.is_active:
            job.is_active = False
            job.updated_at = self._clock.now()
            await self._jobs.update(job)
            await self._tx.commit()

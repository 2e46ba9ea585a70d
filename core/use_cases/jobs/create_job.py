from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.errors import PermissionDenied, ValidationFailed
from core.domain.jobs.events import JobPosted
from core.domain.jobs.job import Job, JobDetails, job_fields, job_problems
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.job_quota import JobPostingQuota
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.jobs._references import reference_problems
from core.use_cases.jobs.job_access import member_company


class CreateJobCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    details: JobDetails


class JobCreated(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str
    slug: str
    is_active: bool
    created_at: datetime


class CreateJob:
    """A recruiter posts a job for the company whose team they are in."""

    def __init__(
        self,
        tx: TransactionManager,
        jobs: JobRepository,
        queries: JobQueries,
        companies: CompanyRepository,
        recruiters: RecruiterProfileRepository,
        quota: JobPostingQuota,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tasks = tasks
        self._tx = tx
        self._jobs = jobs
        self._queries = queries
        self._companies = companies
        self._recruiters = recruiters
        self._quota = quota
        self._clock = clock

    async def __call__(self, cmd: CreateJobCommand) -> JobCreated:
        require_type(cmd.actor, UserType.RECRUITER)
        own_company = await member_company(cmd.actor, self._recruiters)
        if own_company is None:
            raise PermissionDenied("You are not a member of any company's team.")
        if (cmd.details.company or own_company) != own_company:
            raise PermissionDenied("You can only post jobs for your own company.")
        company = await self._companies.get(own_company)
        assert company is not None
        values = job_fields(msgspec.structs.asdict(cmd.details))
        values.pop("company")
        errors = job_problems(values)
        errors.update(await reference_problems(values, self._queries))
        if errors:
            raise ValidationFailed(errors)
        await self._quota.check(company.id)
        now = self._clock.now()
        job = await self._jobs.add(
            Job(
                company_id=company.id,
                recruiter_id=cmd.actor.require_id(),
                created_at=now,
                updated_at=now,
                **values,
            ),
            slug_base=f"{values['title']} {company.slug}",
        )
        assert job.id is not None
        await self._tasks.enqueue(JobPosted(job_id=job.id))
        await self._tx.commit()
        return JobCreated(
            id=job.id,
            title=job.title,
            slug=job.slug,
            is_active=job.is_active,
            created_at=job.created_at,
        )

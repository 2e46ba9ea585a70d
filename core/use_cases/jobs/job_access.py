"""Who manages a job: the one place that decides it, for the job itself and for everything
under it (its applicants, their cover letters and notes, its test and answer key, its matches).

The rule is ``Job.may_be_managed_by``: a company's jobs belong to the company, and a recruiter
acts on one only while a member of its team, as its poster or as the company's admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.accounts.user import User, UserType
from core.domain.companies.company import Company
from core.domain.errors import NotFound, PermissionDenied
from core.domain.jobs.job import Job
from core.ports.company_repository import CompanyRepository
from core.ports.job_repository import JobRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository


@dataclass(frozen=True, slots=True)
class ManagedJob:
    job: Job
    company: Company


async def member_company(actor: User | None, recruiters: RecruiterProfileRepository) -> int | None:
    """The company whose team ``actor`` belongs to now (recruiters only)."""
    if actor is None or actor.user_type is not UserType.RECRUITER:
        return None
    profile = await recruiters.by_user(actor.require_id())
    return profile.company_id if profile else None


class JobAccess:
    def __init__(
        self,
        jobs: JobRepository,
        companies: CompanyRepository,
        recruiters: RecruiterProfileRepository,
    ) -> None:
        self._jobs = jobs
        self._companies = companies
        self._recruiters = recruiters

    async def member_company(self, actor: User | None) -> int | None:
        return await member_company(actor, self._recruiters)

    async def manages(self, actor: User, job: Job) -> ManagedJob | None:
        """The job with its company if ``actor`` manages it, else ``None``."""
        if actor.user_type is not UserType.RECRUITER:
            return None
        company = await self._companies.get(job.company_id)
        if company is None:
            return None
        member_of = await self.member_company(actor)
        if not job.may_be_managed_by(actor.require_id(), member_of=member_of, company=company):
            return None
        return ManagedJob(job=job, company=company)

    async def manages_job_id(self, actor: User, job_id: int) -> ManagedJob | None:
        job = await self._jobs.get(job_id)
        return None if job is None else await self.manages(actor, job)

    async def managed(self, actor: User, job_id: int) -> ManagedJob:
        """The job if ``actor`` manages it; 404 when there is no such job, 403 otherwise
        (jobs are public, so their ids reveal nothing)."""
        job = await self._jobs.get(job_id)
        if job is None:
            raise NotFound("Job not found.")
        managed = await self.manages(actor, job)
        if managed is None:
            raise PermissionDenied(
                "Only the job's recruiter or its company's admin, as members of the company's "
                "team, can do this."
            )
        return managed

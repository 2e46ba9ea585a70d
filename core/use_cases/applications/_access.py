from __future__ import annotations

from core.domain.accounts.user import User
from core.domain.applications.application import Application
from core.domain.errors import NotFound, PermissionDenied
from core.domain.jobs.job import Job
from core.ports.application_repository import ApplicationRepository
from core.ports.company_repository import CompanyRepository
from core.ports.job_repository import JobRepository


async def job_managed_by(
    actor: User, job_id: int, jobs: JobRepository, companies: CompanyRepository
) -> Job:
    """The job, if ``actor`` is its recruiter or its company's admin (else 403; 404 if none)."""
    job = await jobs.get(job_id)
    company = await companies.get(job.company_id) if job else None
    if job is None or company is None:
        raise NotFound("Job not found.")
    if not job.may_be_managed_by(actor.require_id(), company):
        raise PermissionDenied("Only the job's recruiter or the company's admin can do this.")
    return job


async def application_for_recruiter(
    actor: User,
    application_id: int,
    applications: ApplicationRepository,
    jobs: JobRepository,
    companies: CompanyRepository,
) -> Application:
    application = await applications.get(application_id)
    if application is None:
        raise NotFound("Application not found.")
    await job_managed_by(actor, application.job_id, jobs, companies)
    return application

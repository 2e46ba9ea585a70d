from __future__ import annotations

from core.domain.accounts.user import User, UserType
from core.domain.companies.company import Company
from core.domain.errors import NotFound, PermissionDenied
from core.domain.jobs.job import Job
from core.ports.company_repository import CompanyRepository
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository

READ_ONLY_FIELDS = (
    "id",
    "slug",
    "company",
    "recruiter",
    "created_at",
    "updated_at",
    "application_count",
)


async def recruiter_company_id(
    actor: User | None, recruiters: RecruiterProfileRepository
) -> int | None:
    if actor is None or actor.user_type is not UserType.RECRUITER:
        return None
    profile = await recruiters.by_user(actor.require_id())
    return profile.company_id if profile else None


async def managed_job(
    actor: User, job_id: int, jobs: JobRepository, companies: CompanyRepository
) -> tuple[Job, Company]:
    job = await jobs.get(job_id)
    company = await companies.get(job.company_id) if job else None
    if job is None or company is None:
        raise NotFound("Job not found.")
    if not job.may_be_managed_by(actor.require_id(), company):
        raise PermissionDenied("Only the job's recruiter or the company's admin can do this.")
    return job, company


async def reference_problems(
    values: dict[str, object], queries: JobQueries
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    category = values.get("category_id")
    if category is not None and not await queries.category_exists(int(category)):  # type: ignore[call-overload]
        errors["category"] = [f"Unknown category {category}."]
    job_type = values.get("job_type_id")
    if job_type is not None and await queries.job_type_id(int(job_type)) is None:  # type: ignore[call-overload]
        errors["job_type"] = [f"Unknown job type {job_type}."]
    return errors

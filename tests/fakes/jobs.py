"""Jobs: the write side (keeping the companies' footprints as the tables would), their details
and reference data, the public search, and the posting quota."""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import TYPE_CHECKING

from core.domain.errors import PaymentRequired
from core.domain.jobs.job import Job
from core.domain.jobs.views import (
    CompanyRef,
    JobDetail,
    JobFilters,
    JobSummary,
    RecruiterRef,
    Ref,
)
from core.domain.pages import Listing, Page
from core.domain.slugs import slugify
from core.ports.job_quota import JobPostingQuota
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.job_search import JobSearch
from core.ports.user_repository import UserRepository
from tests.fakes.accounts import display_name
from tests.fakes.companies import InMemoryCompanies, InMemoryRecruiterProfiles

if TYPE_CHECKING:
    from tests.fakes.applications import InMemoryApplications

#: The reference data the migrations seed (0002), with the ids they get.
CATEGORIES = [
    "Engineering",
    "Data Science",
    "Design",
    "Product",
    "Marketing",
    "Sales",
    "Customer Support",
    "Finance",
    "Human Resources",
    "Operations",
    "Healthcare",
    "Education",
    "Legal",
    "Hospitality",
    "Logistics",
    "Other",
]
JOB_TYPES = [
    ("Full-time", "full_time"),
    ("Part-time", "part_time"),
    ("Contract", "contract"),
    ("Internship", "internship"),
    ("Freelance", "freelance"),
    ("Temporary", "temporary"),
]


class InMemoryJobs(JobRepository):
    def __init__(self, companies: InMemoryCompanies, profiles: InMemoryRecruiterProfiles) -> None:
        self.rows: dict[int, Job] = {}
        #: id -> name; id -> (code, name): the reference tables.
        self.categories: dict[int, str] = dict(enumerate(CATEGORIES, start=1))
        self.job_types: dict[int, tuple[str, str]] = {
            i: (code, name) for i, (name, code) in enumerate(JOB_TYPES, start=1)
        }
        self._companies = companies
        self._profiles = profiles
        self._next = 1

    def _sync(self) -> None:
        self._profiles.jobs_posted = [
            (j.recruiter_id, j.company_id, j.is_active) for j in self.rows.values()
        ]
        counts: dict[int, int] = {}
        for job in self.rows.values():
            counts[job.company_id] = counts.get(job.company_id, 0) + 1
        self._companies.job_counts = counts

    def _check_references(self, job: Job) -> None:
        # Foreign keys: the database would refuse the row.
        assert job.company_id in self._companies.rows, "jobs belong to an existing company"
        assert job.category_id is None or job.category_id in self.categories, "unknown category"
        assert job.job_type_id is None or job.job_type_id in self.job_types, "unknown job type"

    async def add(self, job: Job, slug_base: str) -> Job:
        self._check_references(job)
        taken = {j.slug for j in self.rows.values()}
        slug = base = slugify(slug_base, max_length=230) or "job"
        attempt = 1
        while slug in taken:
            attempt += 1
            slug = f"{base}-{attempt}"
        job.slug = slug
        job.id = self._next
        self._next += 1
        self.rows[job.id] = copy.deepcopy(job)
        self._sync()
        return job

    async def get(self, job_id: int) -> Job | None:
        job = self.rows.get(job_id)
        return copy.deepcopy(job) if job else None

    async def update(self, job: Job) -> None:
        assert job.id in self.rows
        self._check_references(job)
        stored = self.rows[job.id]
        updated = copy.deepcopy(job)
        updated.slug, updated.created_at = stored.slug, stored.created_at  # never rewritten
        self.rows[job.id] = updated
        self._sync()


def _refs(jobs: InMemoryJobs, job: Job) -> tuple[Ref | None, Ref | None]:
    category = (
        Ref(id=job.category_id, name=jobs.categories[job.category_id])
        if job.category_id is not None
        else None
    )
    job_type = (
        Ref(id=job.job_type_id, name=jobs.job_types[job.job_type_id][1])
        if job.job_type_id is not None
        else None
    )
    return category, job_type


class InMemoryJobQueries(JobQueries):
    """Details read from the write fakes, as the SQL join reads the tables."""

    def __init__(
        self,
        jobs: InMemoryJobs,
        companies: InMemoryCompanies,
        users: UserRepository,
        applications: InMemoryApplications,
    ) -> None:
        self._jobs = jobs
        self._companies = companies
        self._users = users
        self._applications = applications

    async def detail(self, job_id: int) -> JobDetail | None:
        job = self._jobs.rows.get(job_id)
        if job is None:
            return None
        company = self._companies.rows[job.company_id]
        recruiter = await self._users.get(job.recruiter_id)
        assert recruiter is not None
        category, job_type = _refs(self._jobs, job)
        return JobDetail(
            id=job_id,
            title=job.title,
            slug=job.slug,
            company=CompanyRef(
                id=company.id, name=company.name, logo=company.logo, description=company.description
            ),
            recruiter=RecruiterRef(
                id=job.recruiter_id, username=recruiter.username, full_name=display_name(recruiter)
            ),
            category=category,
            job_type=job_type,
            location=job.location,
            salary_min=job.salary_min,
            salary_max=job.salary_max,
            salary_currency=job.salary_currency,
            experience_level=job.experience_level,
            description=job.description,
            requirements=list(job.requirements),
            benefits=list(job.benefits),
            application_count=sum(
                1 for a in self._applications.rows.values() if a.job_id == job_id
            ),
            is_active=job.is_active,
            created_at=job.created_at,
            updated_at=job.updated_at,
        )

    async def categories(self) -> list[Ref]:
        return [Ref(id=i, name=n) for i, n in sorted(self._jobs.categories.items())]

    async def job_types(self) -> list[Ref]:
        return [Ref(id=i, name=n) for i, (_, n) in sorted(self._jobs.job_types.items())]

    async def category_exists(self, category_id: int) -> bool:
        return category_id in self._jobs.categories

    async def job_type_id(self, id_or_code: int | str) -> int | None:
        if isinstance(id_or_code, int):
            return id_or_code if id_or_code in self._jobs.job_types else None
        return next((i for i, (c, _) in self._jobs.job_types.items() if c == id_or_code), None)


def words(text: str) -> set[str]:
    """Words folded as the search indexes fold them (case and accents)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"\w+", plain))


class InMemoryJobSearch(JobSearch):
    """The public search over the write fakes: every word of ``search`` in the title or
    description, every word of ``location`` in the location (whole words, case and accents
    ignored, as FTS5 and the tsvector match), salary ranges that meet the filter's."""

    def __init__(self, jobs: InMemoryJobs, companies: InMemoryCompanies) -> None:
        self._jobs = jobs
        self._companies = companies

    def _matches(self, job: Job, f: JobFilters, own: int | None) -> bool:
        if f.is_active is False:
            if job.is_active or job.company_id != own:
                return False
        elif not job.is_active:
            return False
        if f.search and not words(f.search) <= words(f"{job.title} {job.description}"):
            return False
        if f.location and not words(f.location) <= words(job.location):
            return False
        if f.category is not None and job.category_id != f.category:
            return False
        if f.job_type is not None:
            wanted = (
                f.job_type
                if isinstance(f.job_type, int)
                else next((i for i, (c, _) in self._jobs.job_types.items() if c == f.job_type), -1)
            )
            if job.job_type_id != wanted:
                return False
        if f.experience_level and job.experience_level != f.experience_level:
            return False
        if f.company is not None and job.company_id != f.company:
            return False
        high = job.salary_max if job.salary_max is not None else job.salary_min
        low = job.salary_min if job.salary_min is not None else job.salary_max
        if f.min_salary is not None and (high is None or high < f.min_salary):
            return False
        return not (f.max_salary is not None and (low is None or low > f.max_salary))

    def _summary(self, job: Job) -> JobSummary:
        assert job.id is not None
        company = self._companies.rows[job.company_id]
        category, job_type = _refs(self._jobs, job)
        return JobSummary(
            id=job.id,
            title=job.title,
            slug=job.slug,
            company=CompanyRef(id=company.id, name=company.name, logo=company.logo),
            category=category,
            job_type=job_type,
            location=job.location,
            salary_min=job.salary_min,
            salary_max=job.salary_max,
            salary_currency=job.salary_currency,
            experience_level=job.experience_level,
            description=job.description,
            requirements=list(job.requirements),
            is_active=job.is_active,
            created_at=job.created_at,
        )

    async def search(
        self, filters: JobFilters, page: Page, *, include_inactive_of_company: int | None
    ) -> Listing[JobSummary]:
        found = [
            j
            for j in self._jobs.rows.values()
            if self._matches(j, filters, include_inactive_of_company)
        ]
        name = filters.ordering.lstrip("-")
        name = name if name in ("created_at", "salary_min", "salary_max", "title") else "created_at"
        descending = filters.ordering.startswith("-")
        present = [j for j in found if getattr(j, name) is not None]
        present.sort(key=lambda j: (getattr(j, name), j.id or 0), reverse=descending)
        absent = sorted(
            (j for j in found if getattr(j, name) is None),
            key=lambda j: j.id or 0,
            reverse=descending,
        )
        ordered = present + absent  # NULLS LAST either way
        items = [self._summary(j) for j in ordered[page.offset : page.offset + page.size]]
        return Listing[JobSummary](
            count=len(ordered), items=items, has_more=page.offset + len(items) < len(ordered)
        )


class FakeJobPostingQuota(JobPostingQuota):
    """No limit, unless a test lists the companies out of quota."""

    def __init__(self) -> None:
        self.exhausted: set[int] = set()
        self.checked: list[int] = []

    async def check(self, company_id: int) -> None:
        self.checked.append(company_id)
        if company_id in self.exhausted:
            raise PaymentRequired()

"""In-memory jobs (the write side), keeping the companies' footprints as the tables would."""

from __future__ import annotations

import copy

from core.domain.jobs.job import Job
from core.domain.slugs import slugify
from core.ports.job_repository import JobRepository
from tests.fakes.companies import InMemoryCompanies, InMemoryRecruiterProfiles


class InMemoryJobs(JobRepository):
    def __init__(self, companies: InMemoryCompanies, profiles: InMemoryRecruiterProfiles) -> None:
        self.rows: dict[int, Job] = {}
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

    async def add(self, job: Job, slug_base: str) -> Job:
        assert job.company_id in self._companies.rows, "jobs belong to an existing company"
        taken = {j.slug for j in self.rows.values()}
        slug = base = slugify(slug_base) or "job"
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
        self.rows[job.id] = copy.deepcopy(job)
        self._sync()

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.companies import full_name
from adapters.persistence.integrity import violated_constraint
from adapters.persistence.job_search import refs, summary_select
from adapters.persistence.tables.accounts import users
from adapters.persistence.tables.applications import applications
from adapters.persistence.tables.jobs import job_categories, job_types, jobs
from core.domain.jobs.job import Job
from core.domain.jobs.views import (
    CompanyRef,
    JobDetail,
    RecruiterRef,
    Ref,
)
from core.domain.slugs import slugify
from core.ports.job_repository import JobQueries, JobRepository

#: The write model's fields: every column but the id.
_FIELDS = tuple(c.key for c in jobs.c if c.key != "id")


class SqlJobs(JobRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, job: Job, slug_base: str) -> Job:
        base = slugify(slug_base, max_length=230) or "job"
        taken = {
            row[0]
            for row in await self._session.execute(
                select(jobs.c.slug).where(jobs.c.slug.like(f"{base}%"))
            )
        }
        for attempt in range(1, 1000):
            slug = base if attempt == 1 else f"{base}-{attempt}"
            if slug in taken:
                continue
            job.slug = slug
            try:
                async with self._session.begin_nested():
                    result = await self._session.execute(
                        jobs.insert()
                        .values(**{f: getattr(job, f) for f in _FIELDS})
                        .returning(jobs.c.id)
                    )
            except IntegrityError as exc:  # a concurrent twin took the slug
                if "slug" not in violated_constraint(exc):
                    raise
                taken.add(slug)
                continue
            job.id = int(result.scalar_one())
            return job
        raise RuntimeError("no free slug")  # pragma: no cover

    async def get(self, job_id: int) -> Job | None:
        row = (await self._session.execute(select(jobs).where(jobs.c.id == job_id))).first()
        if row is None:
            return None
        d = row._mapping
        return Job(id=d["id"], **{f: d[f] for f in _FIELDS})

    async def update(self, job: Job) -> None:
        await self._session.execute(
            update(jobs)
            .where(jobs.c.id == job.id)
            .values(**{f: getattr(job, f) for f in _FIELDS if f not in ("slug", "created_at")})
        )


class SqlJobQueries(JobQueries):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def detail(self, job_id: int) -> JobDetail | None:
        count = (
            select(func.count())
            .where(applications.c.job_id == jobs.c.id)
            .scalar_subquery()
            .label("application_count")
        )
        row = (
            await self._session.execute(
                summary_select()
                .add_columns(
                    jobs.c.benefits,
                    jobs.c.updated_at,
                    count,
                    users.c.username.label("recruiter_username"),
                    users.c.first_name.label("recruiter_first_name"),
                    users.c.last_name.label("recruiter_last_name"),
                )
                .join(users, users.c.id == jobs.c.recruiter_id)
                .where(jobs.c.id == job_id)
            )
        ).first()
        if row is None:
            return None
        d = row._mapping
        return JobDetail(
            id=d["id"],
            title=d["title"],
            slug=d["slug"],
            company=CompanyRef(
                id=d["company_id"],
                name=d["company_name"],
                logo=d["company_logo"],
                description=d["company_description"],
            ),
            recruiter=RecruiterRef(
                id=d["recruiter_id"],
                username=d["recruiter_username"],
                full_name=full_name(
                    d["recruiter_first_name"], d["recruiter_last_name"], d["recruiter_username"]
                ),
            ),
            location=d["location"],
            salary_min=d["salary_min"],
            salary_max=d["salary_max"],
            salary_currency=d["salary_currency"],
            experience_level=d["experience_level"],
            description=d["description"],
            requirements=d["requirements"],
            benefits=d["benefits"],
            application_count=int(d["application_count"]),
            is_active=d["is_active"],
            created_at=d["created_at"],
            updated_at=d["updated_at"],
            **refs(d),
        )

    async def categories(self) -> list[Ref]:
        rows = await self._session.execute(
            select(job_categories.c.id, job_categories.c.name).order_by(job_categories.c.id)
        )
        return [Ref(id=r.id, name=r.name) for r in rows]

    async def job_types(self) -> list[Ref]:
        rows = await self._session.execute(
            select(job_types.c.id, job_types.c.name).order_by(job_types.c.id)
        )
        return [Ref(id=r.id, name=r.name) for r in rows]

    async def category_exists(self, category_id: int) -> bool:
        row = await self._session.execute(
            select(job_categories.c.id).where(job_categories.c.id == category_id)
        )
        return row.first() is not None

    async def job_type_id(self, id_or_code: int | str) -> int | None:
        column = job_types.c.id if isinstance(id_or_code, int) else job_types.c.code
        row = (
            await self._session.execute(select(job_types.c.id).where(column == id_or_code))
        ).first()
        return None if row is None else int(row[0])


__all__ = ["SqlJobQueries", "SqlJobs"]

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import Integer, Row, String, bindparam, func, literal_column, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from adapters.persistence.companies import full_name, like_pattern
from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables import (
    applications,
    companies,
    job_categories,
    job_types,
    jobs,
    users,
)
from core.domain.jobs.job import Job
from core.domain.jobs.views import (
    CompanyRef,
    JobDetail,
    JobFilters,
    JobSummary,
    Page,
    RecruiterRef,
    Ref,
)
from core.domain.slugs import slugify
from core.ports.job_repository import JobQueries, JobRepository

_FIELDS = (
    "title",
    "slug",
    "company_id",
    "recruiter_id",
    "category_id",
    "job_type_id",
    "location",
    "salary_min",
    "salary_max",
    "salary_currency",
    "experience_level",
    "description",
    "requirements",
    "benefits",
    "is_active",
    "created_at",
    "updated_at",
)
_WORD = re.compile(r"\w+", re.UNICODE)
#: What lists show (``benefits`` and ``updated_at`` only appear on the detail page).
_SUMMARY_COLUMNS = (
    "id",
    "title",
    "slug",
    "company_id",
    "recruiter_id",
    "category_id",
    "job_type_id",
    "location",
    "salary_min",
    "salary_max",
    "salary_currency",
    "experience_level",
    "description",
    "requirements",
    "is_active",
    "created_at",
)


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


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _search_terms(search: str) -> list[str]:
    """Words of the query, case- and accent-folded as the indexes fold the jobs' text."""
    return [_fold(w) for w in _WORD.findall(search)][:10]


_ORDER_COLUMNS = {
    "created_at": jobs.c.created_at,
    "salary_min": jobs.c.salary_min,
    "salary_max": jobs.c.salary_max,
    "title": jobs.c.title,
}


#: Search statements by shape (which filters, which ordering, which dialect): a few dozen at
#: most, immutable, shared by every request of the process.
_STATEMENTS: dict[tuple[Any, ...], tuple[Any, Any, bool]] = {}


class SqlJobQueries(JobQueries):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name

    def _shape(
        self, filters: JobFilters, include_inactive_of_company: int | None
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """What decides the statement's structure, and the values it binds.

        Statements are built once per shape and reused with new values: building a CTE,
        subqueries and a dozen comparisons with SQLAlchemy costs more CPU per request than
        sending and reading the query."""
        params: dict[str, Any] = {}
        inactive = filters.is_active is False
        if inactive:
            params["own"] = include_inactive_of_company
        terms = _search_terms(filters.search) if filters.search else []
        if terms:
            # Every word of the query, whole, case- and accent-insensitively, via the index.
            # Whole words rather than prefixes: on PostgreSQL a prefix query (``word:*``)
            # cannot use the GIN posting trees and must recheck every candidate row's
            # tsvector, which made the common queries 5-25x slower at 100k jobs.
            if self._dialect == "postgresql":
                params["tsq"] = " & ".join(terms)
            else:
                params["fts"] = " AND ".join(f'"{t}"' for t in terms)
        job_type_kind = None
        if filters.job_type is not None:
            job_type_kind = "id" if isinstance(filters.job_type, int) else "code"
            params["job_type"] = filters.job_type
        for name, value in (
            ("category", filters.category),
            ("level", filters.experience_level or None),
            ("company", filters.company),
            ("min_salary", filters.min_salary),
            ("max_salary", filters.max_salary),
        ):
            if value is not None:
                params[name] = value
        if filters.location:
            params["loc"] = like_pattern(filters.location)
        shape = (
            self._dialect,
            inactive,
            job_type_kind,
            filters.ordering,
            tuple(sorted(k for k in params if k not in ("own", "job_type"))),
        )
        return shape, params

    @staticmethod
    def _criteria(shape: tuple[Any, ...]) -> list[ColumnElement[bool]]:
        _, inactive, job_type_kind, _, present = shape
        criteria: list[ColumnElement[bool]] = []
        if inactive:
            criteria += [jobs.c.is_active.is_(False), jobs.c.company_id == bindparam("own")]
        else:
            criteria.append(jobs.c.is_active.is_(True))
        if "tsq" in present:
            criteria.append(
                literal_column("jobs.search_vector").op("@@")(
                    func.to_tsquery("simple", bindparam("tsq", type_=String))
                )
            )
        if "fts" in present:
            criteria.append(
                jobs.c.id.in_(
                    text("SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH :fts").bindparams(
                        bindparam("fts", type_=String)
                    )
                )
            )
        if "category" in present:
            criteria.append(jobs.c.category_id == bindparam("category"))
        if job_type_kind == "id":
            criteria.append(jobs.c.job_type_id == bindparam("job_type"))
        elif job_type_kind == "code":
            codes = select(job_types.c.id).where(job_types.c.code == bindparam("job_type"))
            criteria.append(jobs.c.job_type_id.in_(codes))
        if "loc" in present:
            pattern = bindparam("loc", type_=String)
            criteria.append(func.lower(jobs.c.location).like(pattern, escape="\\"))
        if "level" in present:
            criteria.append(jobs.c.experience_level == bindparam("level"))
        if "company" in present:
            criteria.append(jobs.c.company_id == bindparam("company"))
        # Ranges overlap: a job is kept if its range meets [min_salary, max_salary].
        if "min_salary" in present:
            criteria.append(
                func.coalesce(jobs.c.salary_max, jobs.c.salary_min) >= bindparam("min_salary")
            )
        if "max_salary" in present:
            criteria.append(
                func.coalesce(jobs.c.salary_min, jobs.c.salary_max) <= bindparam("max_salary")
            )
        return criteria

    @classmethod
    def _statements(cls, shape: tuple[Any, ...]) -> tuple[Any, Any, bool]:
        """(page statement, count statement, selective) for this shape, built once."""
        if (cached := _STATEMENTS.get(shape)) is not None:
            return cached
        dialect, _, _, ordering, present = shape
        criteria = cls._criteria(shape)
        column = _ORDER_COLUMNS.get(ordering.lstrip("-"), jobs.c.created_at)
        descending = ordering.startswith("-")
        selective = bool({"tsq", "fts", "loc"} & set(present))
        if selective:
            # Search and location filters use their indexes (GIN / FTS5 / trigram): collect
            # the matches once, count them and take the page from that set. (Left alone,
            # PostgreSQL may walk the created_at index and filter 100k rows for 20 results.)
            matched = select(jobs.c.id, column.label("sort_key")).where(*criteria).cte("matched")
            if dialect == "postgresql":
                matched = matched.prefix_with("MATERIALIZED")
            source: Any = matched
            total: Any = select(func.count()).select_from(matched).scalar_subquery()
            count = select(func.count()).select_from(matched)
        else:
            # No text filter: count with the plain indexes, then walk the ordering index and
            # stop after the page.
            source = select(jobs.c.id, column.label("sort_key")).where(*criteria).subquery()
            total = bindparam("known", type_=Integer)
            count = select(func.count()).select_from(jobs).where(*criteria)
        key = source.c.sort_key.desc() if descending else source.c.sort_key.asc()
        tiebreak = source.c.id.desc() if descending else source.c.id.asc()
        chosen = (
            select(source.c.id, source.c.sort_key, total.label("total"))
            .order_by(key.nulls_last(), tiebreak)
            .limit(bindparam("lim", type_=Integer))
            .offset(bindparam("off", type_=Integer))
            .subquery("chosen")
        )
        outer_key = chosen.c.sort_key.desc() if descending else chosen.c.sort_key.asc()
        outer_tiebreak = chosen.c.id.desc() if descending else chosen.c.id.asc()
        page = (
            cls._summary_select()
            .add_columns(chosen.c.total)
            .join(chosen, chosen.c.id == jobs.c.id)
            .order_by(outer_key.nulls_last(), outer_tiebreak)
        )
        _STATEMENTS[shape] = (page, count, selective)
        return page, count, selective

    async def search(
        self, filters: JobFilters, page: Page, *, include_inactive_of_company: int | None
    ) -> tuple[int, list[JobSummary]]:
        """The page's jobs and the total, in one statement when there are results (the page's
        ids, sort keys and the count come from a subquery the summaries join)."""
        shape, params = self._shape(filters, include_inactive_of_company)
        statement, count, selective = self._statements(shape)
        params["lim"] = page.size
        params["off"] = (page.number - 1) * page.size
        known: int | None = None
        if not selective:
            known = int((await self._session.execute(count, params)).scalar_one())
            if not known or params["off"] >= known:
                return known, []
            params["known"] = known
        rows = (await self._session.execute(statement, params)).all()
        if rows:
            return int(rows[0].total), [self._summary(row) for row in rows]
        if known is not None:
            return known, []
        return int((await self._session.execute(count, params)).scalar_one()), []

    @staticmethod
    def _summary_select() -> Any:
        return (
            select(
                *(jobs.c[name] for name in _SUMMARY_COLUMNS),
                companies.c.name.label("company_name"),
                companies.c.logo.label("company_logo"),
                companies.c.description.label("company_description"),
                job_categories.c.name.label("category_name"),
                job_types.c.name.label("job_type_name"),
            )
            .join(companies, companies.c.id == jobs.c.company_id)
            .outerjoin(job_categories, job_categories.c.id == jobs.c.category_id)
            .outerjoin(job_types, job_types.c.id == jobs.c.job_type_id)
        )

    @staticmethod
    def _refs(d: Any) -> dict[str, Any]:
        return {
            "category": Ref(id=d["category_id"], name=d["category_name"])
            if d["category_id"] is not None
            else None,
            "job_type": Ref(id=d["job_type_id"], name=d["job_type_name"])
            if d["job_type_id"] is not None
            else None,
        }

    def _summary(self, row: Row[Any]) -> JobSummary:
        d = row._mapping
        return JobSummary(
            id=d["id"],
            title=d["title"],
            slug=d["slug"],
            company=CompanyRef(id=d["company_id"], name=d["company_name"], logo=d["company_logo"]),
            location=d["location"],
            salary_min=d["salary_min"],
            salary_max=d["salary_max"],
            salary_currency=d["salary_currency"],
            experience_level=d["experience_level"],
            description=d["description"],
            requirements=d["requirements"],
            is_active=d["is_active"],
            created_at=d["created_at"],
            **self._refs(d),
        )

    async def detail(self, job_id: int) -> JobDetail | None:
        count = (
            select(func.count())
            .where(applications.c.job_id == jobs.c.id)
            .scalar_subquery()
            .label("application_count")
        )
        row = (
            await self._session.execute(
                self._summary_select()
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
            **self._refs(d),
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

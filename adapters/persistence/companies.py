from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Row, case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables.accounts import users
from adapters.persistence.tables.companies import companies, company_followers, company_slugs
from adapters.persistence.tables.jobs import jobs
from adapters.persistence.tables.profiles import recruiter_profiles
from core.domain.companies.company import Company, CompanyNameTaken, company_name_key
from core.domain.companies.team import CompanyFootprint
from core.domain.companies.views import (
    ActiveJobRef,
    CompanyDetail,
    CompanyFilters,
    CompanySummary,
    TeamMember,
)
from core.domain.jobs.views import RecruiterRef
from core.domain.pages import Listing, Page
from core.domain.slugs import slugify
from core.ports.clock import Clock
from core.ports.company_repository import CompanyQueries, CompanyRepository

_FIELDS = (
    "name",
    "slug",
    "admin_id",
    "description",
    "industry",
    "location",
    "website",
    "employee_count",
    "founded_year",
    "logo",
    "updated_at",
)


def _name_taken(error: IntegrityError) -> bool:
    return "name_key" in violated_constraint(error)


async def _taken_slugs(session: AsyncSession, base: str, *, mine: int | None = None) -> set[str]:
    """Slugs starting with ``base`` that lead to a company (now, or before a rename) other
    than ``mine``."""
    current = select(companies.c.slug).where(
        companies.c.slug.like(f"{base}%"), companies.c.id != (mine or 0)
    )
    former = select(company_slugs.c.slug).where(
        company_slugs.c.slug.like(f"{base}%"), company_slugs.c.company_id != (mine or 0)
    )
    return {row[0] for row in await session.execute(current.union(former))}


def _candidates(base: str) -> Iterator[str]:
    yield base
    for attempt in range(2, 1001):
        yield f"{base}-{attempt}"


async def insert_company(
    session: AsyncSession, *, admin_user_id: int, name: str, now: datetime
) -> int:
    """A new company with a unique slug derived from its name; raises ``CompanyNameTaken``."""
    base = slugify(name) or "company"
    taken = await _taken_slugs(session, base)
    for attempt in range(1000):
        slug = base if attempt == 0 else f"{base}-{attempt + 1}"
        if slug in taken:
            continue
        try:
            async with session.begin_nested():
                result = await session.execute(
                    companies.insert()
                    .values(
                        name=name,
                        name_key=company_name_key(name),
                        slug=slug,
                        admin_id=admin_user_id,
                        created_at=now,
                        updated_at=now,
                    )
                    .returning(companies.c.id)
                )
            return int(result.scalar_one())
        except IntegrityError as exc:
            if _name_taken(exc):
                raise CompanyNameTaken() from exc
            if "slug" not in violated_constraint(exc):
                raise
            taken.add(slug)  # a concurrent company took the slug first
    raise RuntimeError("could not find a free company slug")  # pragma: no cover


def like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def full_name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


class SqlCompanies(CompanyRepository):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def get(self, company_id: int) -> Company | None:
        row = (
            await self._session.execute(select(companies).where(companies.c.id == company_id))
        ).first()
        if row is None:
            return None
        data = row._mapping
        return Company(id=data["id"], **{f: data[f] for f in _FIELDS})

    async def update(self, company: Company) -> None:
        values = {f: getattr(company, f) for f in _FIELDS if f not in ("slug", "admin_id")}
        # The key follows the name; an unchanged name keeps its key (companies that shared a
        # name before names were unique keep theirs, see migration 0009).
        values["name_key"] = case(
            (companies.c.name == company.name, companies.c.name_key),
            else_=company_name_key(company.name),
        )
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    update(companies).where(companies.c.id == company.id).values(**values)
                )
        except IntegrityError as exc:
            if _name_taken(exc):
                raise CompanyNameTaken() from exc
            raise

    async def create(self, admin_user_id: int, name: str) -> int:
        return await insert_company(
            self._session, admin_user_id=admin_user_id, name=name, now=self._clock.now()
        )

    async def reslug(self, company_id: int, name: str) -> str:
        base = slugify(name) or "company"
        old = (
            await self._session.execute(
                select(companies.c.slug).where(companies.c.id == company_id)
            )
        ).scalar_one()
        taken = await _taken_slugs(self._session, base, mine=company_id)
        slug = next(s for s in _candidates(base) if s not in taken)
        if slug == old:
            return slug
        if (
            await self._session.execute(
                select(company_slugs.c.slug).where(company_slugs.c.slug == old)
            )
        ).first() is None:
            await self._session.execute(
                company_slugs.insert().values(
                    slug=old, company_id=company_id, created_at=self._clock.now()
                )
            )
        # A slug it had before becomes current again: it is no longer a former one.
        await self._session.execute(delete(company_slugs).where(company_slugs.c.slug == slug))
        await self._session.execute(
            update(companies).where(companies.c.id == company_id).values(slug=slug)
        )
        return slug

    async def delete(self, company_id: int) -> None:
        await self._session.execute(delete(companies).where(companies.c.id == company_id))

    async def footprint(self, company_id: int) -> CompanyFootprint:
        def count(table: Any, column: Any) -> Any:
            return (
                select(func.count())
                .select_from(table)
                .where(column == company_id)
                .scalar_subquery()
            )

        row = (
            await self._session.execute(
                select(
                    count(recruiter_profiles, recruiter_profiles.c.company_id).label("members"),
                    count(jobs, jobs.c.company_id).label("jobs"),
                    count(company_followers, company_followers.c.company_id).label("followers"),
                )
            )
        ).one()
        return CompanyFootprint(
            members=int(row.members), jobs=int(row.jobs), followers=int(row.followers)
        )

    async def follow(self, company_id: int, user_id: int) -> bool:
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    company_followers.insert().values(
                        company_id=company_id, user_id=user_id, created_at=self._clock.now()
                    )
                )
        except IntegrityError:
            return False  # already following: following twice is still following
        return True

    async def unfollow(self, company_id: int, user_id: int) -> bool:
        result = await self._session.execute(
            delete(company_followers).where(
                company_followers.c.company_id == company_id,
                company_followers.c.user_id == user_id,
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _active_jobs_count() -> Any:
    return (
        select(func.count())
        .select_from(jobs)
        .where(jobs.c.company_id == companies.c.id, jobs.c.is_active.is_(True))
        .scalar_subquery()
    )


class SqlCompanyQueries(CompanyQueries):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list(self, filters: CompanyFilters, page: Page) -> Listing[CompanySummary]:
        criteria = []
        if filters.search:
            pattern = like_pattern(filters.search)
            criteria.append(
                or_(
                    func.lower(companies.c.name).like(pattern, escape="\\"),
                    func.lower(companies.c.description).like(pattern, escape="\\"),
                )
            )
        if filters.industry:
            criteria.append(func.lower(companies.c.industry) == filters.industry.lower())
        if filters.location:
            criteria.append(
                func.lower(companies.c.location).like(like_pattern(filters.location), escape="\\")
            )
        count = (
            await self._session.execute(
                select(func.count()).select_from(companies).where(*criteria)
            )
        ).scalar_one()
        rows = await self._session.execute(
            select(companies, _active_jobs_count().label("active_jobs_count"))
            .where(*criteria)
            .order_by(companies.c.name, companies.c.id)
            .limit(page.size)
            .offset((page.number - 1) * page.size)
        )
        return Listing(count=int(count), items=[self._summary(row) for row in rows])

    @staticmethod
    def _summary(row: Row[Any]) -> CompanySummary:
        d = row._mapping
        return CompanySummary(
            id=d["id"],
            name=d["name"],
            slug=d["slug"],
            logo=d["logo"],
            description=d["description"],
            industry=d["industry"],
            location=d["location"],
            website=d["website"],
            employee_count=d["employee_count"],
            active_jobs_count=int(d["active_jobs_count"]),
        )

    async def by_slug(self, slug: str) -> int | None:
        current = select(companies.c.id).where(companies.c.slug == slug)
        found = (await self._session.execute(current)).scalar_one_or_none()
        if found is None:
            former = select(company_slugs.c.company_id).where(company_slugs.c.slug == slug)
            found = (await self._session.execute(former)).scalar_one_or_none()
        return None if found is None else int(found)

    async def detail(self, company_id: int) -> CompanyDetail | None:
        row = (
            await self._session.execute(select(companies).where(companies.c.id == company_id))
        ).first()
        if row is None:
            return None
        d = row._mapping
        active = await self._session.execute(
            select(jobs.c.id, jobs.c.title, jobs.c.location)
            .where(jobs.c.company_id == company_id, jobs.c.is_active.is_(True))
            .order_by(jobs.c.created_at.desc())
            .limit(100)
        )
        team = await self._session.execute(
            select(
                recruiter_profiles.c.id,
                recruiter_profiles.c.role,
                users.c.id.label("user_id"),
                users.c.username,
                users.c.first_name,
                users.c.last_name,
            )
            .join(users, users.c.id == recruiter_profiles.c.user_id)
            .where(recruiter_profiles.c.company_id == company_id)
            .order_by(recruiter_profiles.c.id)
        )
        followers = await self._session.execute(
            select(func.count()).where(company_followers.c.company_id == company_id)
        )
        return CompanyDetail(
            id=d["id"],
            name=d["name"],
            slug=d["slug"],
            logo=d["logo"],
            description=d["description"],
            industry=d["industry"],
            location=d["location"],
            website=d["website"],
            employee_count=d["employee_count"],
            founded_year=d["founded_year"],
            active_jobs=[ActiveJobRef(id=j.id, title=j.title, location=j.location) for j in active],
            team_members=[
                TeamMember(
                    id=m.id,
                    user=RecruiterRef(
                        id=m.user_id,
                        username=m.username,
                        full_name=full_name(m.first_name, m.last_name, m.username),
                    ),
                    role=m.role,
                    is_admin=m.user_id == d["admin_id"],
                )
                for m in team
            ],
            followers_count=int(followers.scalar_one()),
        )

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.companies import full_name
from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables.accounts import users
from adapters.persistence.tables.applications import (
    application_status_changes,
    applications,
    test_submissions,
)
from adapters.persistence.tables.companies import companies
from adapters.persistence.tables.jobs import jobs
from adapters.persistence.tables.matching import job_matches
from adapters.persistence.tables.profiles import recruiter_profiles
from core.domain.applications.application import (
    FINAL,
    AlreadyApplied,
    Application,
    Status,
    StatusChange,
)
from core.domain.applications.views import (
    ApplicationContext,
    ApplicationCreated,
    ApplicationFilters,
    CandidateBrief,
    CompanyName,
    JobApplication,
    JobBrief,
    JobWithCompany,
    MyApplication,
    TestSubmissionBrief,
)
from core.domain.pages import Listing, Page
from core.ports.application_repository import (
    ApplicationQueries,
    ApplicationQuota,
    ApplicationRepository,
)


def _application(row: Row[Any]) -> Application:
    d = row._mapping
    return Application(
        id=d["id"],
        job_id=d["job_id"],
        candidate_id=d["candidate_id"],
        status=Status(d["status"]),
        cover_letter=d["cover_letter"],
        applied_at=d["applied_at"],
        updated_at=d["updated_at"],
    )


class SqlApplications(ApplicationRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, application: Application) -> Application:
        try:
            async with self._session.begin_nested():
                result = await self._session.execute(
                    applications.insert()
                    .values(
                        job_id=application.job_id,
                        candidate_id=application.candidate_id,
                        status=application.status.value,
                        cover_letter=application.cover_letter,
                        applied_at=application.applied_at,
                        updated_at=application.updated_at,
                    )
                    .returning(applications.c.id)
                )
        except IntegrityError as exc:
            text = violated_constraint(exc)
            if "uq_applications_job_candidate" in text or "applications.job_id" in text:
                raise AlreadyApplied() from exc
            raise
        application.id = int(result.scalar_one())
        return application

    async def get(self, application_id: int) -> Application | None:
        row = (
            await self._session.execute(
                select(applications).where(applications.c.id == application_id)
            )
        ).first()
        return None if row is None else _application(row)

    async def move(self, application: Application, previous: Status) -> bool:
        # Compare-and-set: a move read from a status someone has changed since writes nothing.
        result = await self._session.execute(
            update(applications)
            .where(applications.c.id == application.id, applications.c.status == previous.value)
            .values(status=application.status.value, updated_at=application.updated_at)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def record(self, change: StatusChange) -> None:
        await self._session.execute(
            application_status_changes.insert().values(
                application_id=change.application_id,
                from_status=change.from_status.value if change.from_status else None,
                to_status=change.to_status.value,
                changed_by=change.changed_by,
                notes=change.notes,
                changed_at=change.changed_at,
            )
        )

    async def history(self, application_id: int) -> list[StatusChange]:
        rows = await self._session.execute(
            select(application_status_changes)
            .where(application_status_changes.c.application_id == application_id)
            .order_by(application_status_changes.c.id)
        )
        return [
            StatusChange(
                application_id=r.application_id,
                from_status=Status(r.from_status) if r.from_status else None,
                to_status=Status(r.to_status),
                changed_by=r.changed_by,
                notes=r.notes,
                changed_at=r.changed_at,
            )
            for r in rows
        ]

    async def pending_for_job(self, job_id: int) -> list[Application]:
        rows = await self._session.execute(
            select(applications).where(
                applications.c.job_id == job_id, applications.c.status == Status.PENDING.value
            )
        )
        return [_application(r) for r in rows]


def _candidate(d: Any) -> CandidateBrief:
    return CandidateBrief(
        id=d["candidate_id"],
        username=d["username"],
        full_name=full_name(d["first_name"], d["last_name"], d["username"]),
        profile_picture=d["profile_picture"],
    )


class SqlApplicationQueries(ApplicationQueries):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _base(self) -> Any:
        return (
            select(
                job_matches.c.match_score,
                test_submissions.c.id.label("submission_id"),
                test_submissions.c.score.label("submission_score"),
                applications,
                jobs.c.title.label("job_title"),
                jobs.c.company_id,
                jobs.c.recruiter_id,
                companies.c.name.label("company_name"),
                companies.c.admin_id,
                (recruiter_profiles.c.company_id == jobs.c.company_id).label("recruiter_is_member"),
                users.c.username,
                users.c.first_name,
                users.c.last_name,
                users.c.profile_picture,
            )
            .join(jobs, jobs.c.id == applications.c.job_id)
            .join(companies, companies.c.id == jobs.c.company_id)
            .join(users, users.c.id == applications.c.candidate_id)
            .outerjoin(recruiter_profiles, recruiter_profiles.c.user_id == jobs.c.recruiter_id)
            .outerjoin(test_submissions, test_submissions.c.application_id == applications.c.id)
            .outerjoin(
                job_matches,
                (job_matches.c.job_id == applications.c.job_id)
                & (job_matches.c.candidate_id == applications.c.candidate_id),
            )
        )

    async def created_view(self, application_id: int) -> ApplicationCreated:
        row = (
            await self._session.execute(self._base().where(applications.c.id == application_id))
        ).one()
        d = row._mapping
        return ApplicationCreated(
            id=d["id"],
            job=JobBrief(id=d["job_id"], title=d["job_title"]),
            candidate=_candidate(d),
            status=d["status"],
            cover_letter=d["cover_letter"],
            applied_at=d["applied_at"],
        )

    async def _page(
        self, criteria: list[Any], filters: ApplicationFilters, page: Page
    ) -> tuple[int, list[Row[Any]]]:
        if filters.status:
            criteria.append(applications.c.status == filters.status)
        if filters.job is not None:
            criteria.append(applications.c.job_id == filters.job)
        count = (
            await self._session.execute(
                select(func.count()).select_from(applications).where(*criteria)
            )
        ).scalar_one()
        descending = filters.ordering.startswith("-")
        column = (
            job_matches.c.match_score
            if filters.ordering.lstrip("-") == "match_score"
            else applications.c.applied_at
        )
        key = (column.desc() if descending else column.asc()).nulls_last()
        tiebreak = applications.c.id.desc() if descending else applications.c.id.asc()
        rows = await self._session.execute(
            self._base()
            .where(*criteria)
            .order_by(key, tiebreak)
            .limit(page.size)
            .offset((page.number - 1) * page.size)
        )
        return int(count), list(rows)

    async def mine(
        self, candidate_id: int, filters: ApplicationFilters, page: Page
    ) -> Listing[MyApplication]:
        count, rows = await self._page([applications.c.candidate_id == candidate_id], filters, page)
        items = [
            MyApplication(
                id=r.id,
                job=JobWithCompany(
                    id=r.job_id,
                    title=r.job_title,
                    company=CompanyName(id=r.company_id, name=r.company_name),
                ),
                status=r.status,
                applied_at=r.applied_at,
                updated_at=r.updated_at,
            )
            for r in rows
        ]
        return Listing(count=count, items=items)

    async def for_job(
        self, job_id: int, filters: ApplicationFilters, page: Page
    ) -> Listing[JobApplication]:
        count, rows = await self._page([applications.c.job_id == job_id], filters, page)
        items = [
            JobApplication(
                id=r.id,
                candidate=_candidate(r._mapping),
                status=r.status,
                match_score=r.match_score,
                cover_letter=r.cover_letter,
                applied_at=r.applied_at,
                updated_at=r.updated_at,
                test_submission=(
                    TestSubmissionBrief(id=r.submission_id, score=r.submission_score)
                    if r.submission_id is not None
                    else None
                ),
            )
            for r in rows
        ]
        return Listing(count=count, items=items)

    async def context(self, application_id: int) -> ApplicationContext | None:
        row = (
            await self._session.execute(self._base().where(applications.c.id == application_id))
        ).first()
        if row is None:
            return None
        d = row._mapping
        return ApplicationContext(
            application_id=d["id"],
            job_id=d["job_id"],
            job_title=d["job_title"],
            company_id=d["company_id"],
            company_name=d["company_name"],
            recruiter_id=d["recruiter_id"],
            recruiter_is_member=bool(d["recruiter_is_member"]),
            company_admin_id=d["admin_id"],
            candidate_id=d["candidate_id"],
            candidate_name=full_name(d["first_name"], d["last_name"], d["username"]),
        )

    async def candidate_application(self, job_id: int, candidate_id: int) -> int | None:
        row = (
            await self._session.execute(
                select(applications.c.id).where(
                    applications.c.job_id == job_id, applications.c.candidate_id == candidate_id
                )
            )
        ).first()
        return None if row is None else int(row[0])

    async def open_applications(self, job_id: int) -> list[int]:
        final = [s.value for s in FINAL]
        rows = await self._session.execute(
            select(applications.c.id).where(
                applications.c.job_id == job_id, applications.c.status.not_in(final)
            )
        )
        return [int(r[0]) for r in rows]


class NoApplicationLimits(ApplicationQuota):
    """Until plans exist, candidates may apply without limit."""

    async def check(self, candidate_id: int) -> None:
        return None

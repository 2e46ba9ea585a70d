from __future__ import annotations

from typing import Any

from sqlalchemy import Row, and_, delete, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables.applications import applications
from adapters.persistence.tables.jobs import jobs
from adapters.persistence.tables.profiles import (
    candidate_profiles,
    educations,
    projects,
    recruiter_profiles,
    work_experiences,
)
from core.domain.profiles.candidate import CandidateProfile
from core.domain.profiles.entries import FIELDS, EntryKind
from core.domain.profiles.recruiter import RecruiterProfile
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository

_PROFILE_FIELDS = (
    "headline",
    "skills",
    "years_of_experience",
    "expected_salary_min",
    "expected_salary_max",
    "salary_currency",
    "preferred_contract_types",
    "preferred_locations",
    "remote_preference",
    "industries",
    "cv_file",
    "reputation_score",
    "alert_threshold",
    "updated_at",
)


def _profile(row: Row[Any]) -> CandidateProfile:
    data = row._mapping
    return CandidateProfile(
        id=data["id"], user_id=data["user_id"], **{f: data[f] for f in _PROFILE_FIELDS}
    )


class SqlCandidateProfiles(CandidateProfileRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_user(self, user_id: int) -> CandidateProfile | None:
        row = (
            await self._session.execute(
                select(candidate_profiles).where(candidate_profiles.c.user_id == user_id)
            )
        ).first()
        return None if row is None else _profile(row)

    async def update(self, profile: CandidateProfile) -> None:
        await self._session.execute(
            update(candidate_profiles)
            .where(candidate_profiles.c.id == profile.id)
            .values(**{f: getattr(profile, f) for f in _PROFILE_FIELDS})
        )

    async def applied_to_company(self, candidate_user_id: int, company_id: int) -> bool:
        query = select(
            exists().where(
                applications.c.candidate_id == candidate_user_id,
                applications.c.job_id == jobs.c.id,
                jobs.c.company_id == company_id,
            )
        )
        return bool((await self._session.execute(query)).scalar())


_TABLES = {"work_experience": work_experiences, "education": educations, "project": projects}
_ORDER = {"work_experience": "start_date", "education": "start_date", "project": "id"}


class SqlProfileEntries(ProfileEntryRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @staticmethod
    def _view(kind: EntryKind, row: Row[Any]) -> dict[str, Any]:
        data = row._mapping
        return {"id": data["id"], **{f: data[f] for f in FIELDS[kind]}}

    async def add(self, kind: EntryKind, profile_id: int, values: dict[str, Any]) -> int:
        table = _TABLES[kind]
        result = await self._session.execute(
            table.insert().values(profile_id=profile_id, **values).returning(table.c.id)
        )
        return int(result.scalar_one())

    async def get(self, kind: EntryKind, entry_id: int) -> tuple[int, dict[str, Any]] | None:
        table = _TABLES[kind]
        row = (await self._session.execute(select(table).where(table.c.id == entry_id))).first()
        return None if row is None else (row._mapping["profile_id"], self._view(kind, row))

    async def update(self, kind: EntryKind, entry_id: int, values: dict[str, Any]) -> None:
        if values:
            table = _TABLES[kind]
            await self._session.execute(
                update(table).where(table.c.id == entry_id).values(**values)
            )

    async def delete(self, kind: EntryKind, entry_id: int) -> None:
        table = _TABLES[kind]
        await self._session.execute(delete(table).where(table.c.id == entry_id))

    async def list(self, kind: EntryKind, profile_id: int) -> list[dict[str, Any]]:
        table = _TABLES[kind]
        order = table.c[_ORDER[kind]]
        rows = await self._session.execute(
            select(table).where(table.c.profile_id == profile_id).order_by(order.desc(), table.c.id)
        )
        return [self._view(kind, row) for row in rows]


class SqlRecruiterProfiles(RecruiterProfileRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @staticmethod
    def _profile(row: Row[Any]) -> RecruiterProfile:
        data = row._mapping
        return RecruiterProfile(
            id=data["id"],
            user_id=data["user_id"],
            company_id=data["company_id"],
            hiring_needs=data["hiring_needs"],
            role=data["role"],
        )

    async def by_user(self, user_id: int) -> RecruiterProfile | None:
        row = (
            await self._session.execute(
                select(recruiter_profiles).where(recruiter_profiles.c.user_id == user_id)
            )
        ).first()
        return None if row is None else self._profile(row)

    async def member_profile(self, company_id: int, user_id: int) -> RecruiterProfile | None:
        profile = await self.by_user(user_id)
        return profile if profile and profile.company_id == company_id else None

    async def update(self, profile: RecruiterProfile) -> None:
        await self._session.execute(
            update(recruiter_profiles)
            .where(recruiter_profiles.c.id == profile.id)
            .values(
                company_id=profile.company_id,
                hiring_needs=profile.hiring_needs,
                role=profile.role,
            )
        )

    async def hires_and_active_jobs(self, user_id: int, company_id: int | None) -> tuple[int, int]:
        hires = (
            select(func.count())
            .select_from(applications.join(jobs, applications.c.job_id == jobs.c.id))
            .where(and_(jobs.c.recruiter_id == user_id, applications.c.status == "accepted"))
        )
        active = (
            select(func.count())
            .select_from(jobs)
            .where(
                jobs.c.recruiter_id == user_id,
                jobs.c.company_id == company_id,
                jobs.c.is_active.is_(True),
            )
        )
        return (
            int((await self._session.execute(hires)).scalar_one()),
            int((await self._session.execute(active)).scalar_one()),
        )

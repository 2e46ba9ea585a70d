"""Matching's persistence: bulk feature loading, the kept matches, and reading them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, and_, cast, delete, exists, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.matching.feature_cache import FeatureCache, long_lived
from adapters.persistence.companies import full_name
from adapters.persistence.database import ReadSession
from adapters.persistence.job_search import location_words
from adapters.persistence.tables.accounts import users
from adapters.persistence.tables.applications import applications
from adapters.persistence.tables.companies import companies
from adapters.persistence.tables.jobs import job_categories, job_types, jobs
from adapters.persistence.tables.matching import job_matches
from adapters.persistence.tables.profiles import candidate_profiles, projects, work_experiences
from core.domain.applications.views import CandidateBrief
from core.domain.matching.policy import DEFAULT_ALERT_THRESHOLD
from core.domain.matching.score import (
    CandidateFeatures,
    JobFeatures,
    candidate_features,
    job_features,
)
from core.domain.matching.views import (
    CandidateMatchFilters,
    JobMatchFilters,
    JobMatchForCandidate,
    JobMatchForRecruiter,
    MatchCompany,
    MatchJob,
)
from core.domain.pages import Listing, Page
from core.domain.profiles.candidate import WorkExperience, derived_years
from core.ports.clock import Clock
from core.ports.gazetteer import Gazetteer
from core.ports.matching import MatchingFeatures, MatchQueries, MatchStore, StoredMatch


def _raw(column: Any) -> Any:
    """A stamp as text: stamps are only compared with stamps read the same way, so parsing
    100k of them into aware datetimes on every use would be wasted work."""
    return cast(column, String())


#: Above this many changed rows, reload everything rather than list ids in an IN clause.
FULL_RELOAD = 5000


class SqlMatchingFeatures(MatchingFeatures):
    """Bulk reads on their own read session (see ``ReadSession``): each load ends its read
    transaction at once."""

    def __init__(
        self, session: ReadSession, clock: Clock, cache: FeatureCache, gazetteer: Gazetteer
    ) -> None:
        self._session = session
        self._clock = clock
        self._cache = cache
        self._locate = gazetteer.locate

    async def _candidates(self, only: list[int] | None) -> list[CandidateFeatures]:
        query = (
            select(candidate_profiles, users.c.bio, users.c.location)
            .join(users, users.c.id == candidate_profiles.c.user_id)
            .where(users.c.is_active.is_(True))
        )
        if only is not None:
            query = query.where(candidate_profiles.c.user_id.in_(only))
        profiles = list(await self._session.execute(query))
        # The entries of the same profiles, by join (an IN list of 100k ids would exceed the
        # drivers' parameter limits).
        owners = (
            select(candidate_profiles.c.id)
            .join(users, users.c.id == candidate_profiles.c.user_id)
            .where(users.c.is_active.is_(True))
        )
        if only is not None:
            owners = owners.where(candidate_profiles.c.user_id.in_(only))
        work: dict[int, list[Any]] = defaultdict(list)
        built: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if profiles:
            for row in await self._session.execute(
                select(work_experiences).where(work_experiences.c.profile_id.in_(owners))
            ):
                work[row.profile_id].append(row)
            for row in await self._session.execute(
                select(
                    projects.c.profile_id, projects.c.technologies, projects.c.description
                ).where(projects.c.profile_id.in_(owners))
            ):
                built[row.profile_id].append(
                    {"technologies": row.technologies, "description": row.description}
                )
        today: date = self._clock.now().date()
        out = []
        for p in profiles:
            entries = work[p.id]
            years = p.years_of_experience
            if years is None and entries:
                years = derived_years(
                    [
                        WorkExperience(
                            profile_id=p.id,
                            company=e.company,
                            position=e.position,
                            start_date=e.start_date,
                            end_date=e.end_date,
                        )
                        for e in entries
                    ],
                    today,
                )
            out.append(
                candidate_features(
                    candidate_id=p.user_id,
                    skills=p.skills,
                    years=years,
                    projects=built[p.id],
                    texts=[p.headline, p.bio, *(f"{e.position} {e.description}" for e in entries)],
                    location=p.location,
                    preferred_locations=p.preferred_locations,
                    remote_preference=p.remote_preference,
                    salary_min=p.expected_salary_min,
                    salary_max=p.expected_salary_max,
                    industries=p.industries,
                    companies=[e.company for e in entries],
                    contract_types=p.preferred_contract_types,
                    locate=self._locate,
                )
            )
        return out

    async def candidate(self, candidate_id: int) -> CandidateFeatures | None:
        try:
            found = await self._candidates([candidate_id])
        finally:
            await self._session.rollback()
        return found[0] if found else None

    async def candidates(self) -> list[CandidateFeatures]:
        try:
            return await self._all_candidates()
        finally:
            await self._session.rollback()

    async def _all_candidates(self) -> list[CandidateFeatures]:
        rows = await self._session.execute(
            select(
                candidate_profiles.c.user_id,
                _raw(candidate_profiles.c.updated_at),
                _raw(users.c.updated_at),
            )
            .join(users, users.c.id == candidate_profiles.c.user_id)
            .where(users.c.is_active.is_(True))
        )
        stamps = {r[0]: (r[1], r[2]) for r in rows}
        cache = self._cache.candidates
        stale = [i for i, stamp in stamps.items() if i not in cache or cache[i][0] != stamp]
        gone = cache.keys() - stamps.keys()
        if not stale and not gone and self._cache.candidate_list is not None:
            return self._cache.candidate_list
        if stale:
            with long_lived(len(stale)):
                fresh = await self._candidates(None if len(stale) > FULL_RELOAD else stale)
            for features in fresh:
                stamp = stamps.get(features.candidate_id)
                if stamp is not None:
                    cache[features.candidate_id] = (stamp, features)
        for candidate_id in gone:
            del cache[candidate_id]
        self._cache.candidate_list = [cache[i][1] for i in sorted(stamps) if i in cache]
        return self._cache.candidate_list

    async def _jobs(self, only: list[int] | None) -> list[JobFeatures]:
        query = (
            select(
                jobs.c.id,
                jobs.c.title,
                jobs.c.description,
                jobs.c.requirements,
                jobs.c.experience_level,
                jobs.c.location,
                jobs.c.salary_min,
                jobs.c.salary_max,
                job_categories.c.name.label("category"),
                companies.c.industry,
                job_types.c.code.label("contract"),
            )
            .join(companies, companies.c.id == jobs.c.company_id)
            .outerjoin(job_categories, job_categories.c.id == jobs.c.category_id)
            .outerjoin(job_types, job_types.c.id == jobs.c.job_type_id)
            .where(jobs.c.is_active.is_(True))
        )
        if only is not None:
            query = query.where(jobs.c.id.in_(only))
        return [
            job_features(
                job_id=r.id,
                requirements=r.requirements,
                title=r.title,
                description=r.description,
                level=r.experience_level,
                location=r.location,
                salary_min=r.salary_min,
                salary_max=r.salary_max,
                domains=[d for d in (r.category, r.industry) if d],
                contract_type=r.contract or "",
                locate=self._locate,
            )
            for r in await self._session.execute(query)
        ]

    async def job(self, job_id: int) -> JobFeatures | None:
        try:
            found = await self._jobs([job_id])
        finally:
            await self._session.rollback()
        return found[0] if found else None

    async def active_jobs(self) -> list[JobFeatures]:
        try:
            return await self._all_jobs()
        finally:
            await self._session.rollback()

    async def _all_jobs(self) -> list[JobFeatures]:
        rows = await self._session.execute(
            select(jobs.c.id, _raw(jobs.c.updated_at), _raw(companies.c.updated_at))
            .join(companies, companies.c.id == jobs.c.company_id)
            .where(jobs.c.is_active.is_(True))
        )
        stamps = {r[0]: (r[1], r[2]) for r in rows}
        cache = self._cache.jobs
        stale = [i for i, stamp in stamps.items() if i not in cache or cache[i][0] != stamp]
        gone = cache.keys() - stamps.keys()
        if not stale and not gone and self._cache.job_list is not None:
            return self._cache.job_list
        if stale:
            with long_lived(len(stale)):
                fresh_jobs = await self._jobs(None if len(stale) > FULL_RELOAD else stale)
            for features in fresh_jobs:
                stamp = stamps.get(features.job_id)
                if stamp is not None:
                    cache[features.job_id] = (stamp, features)
        for job_id in gone:
            del cache[job_id]
        self._cache.job_list = [cache[i][1] for i in sorted(stamps) if i in cache]
        return self._cache.job_list


def _row(match: StoredMatch, now: datetime) -> dict[str, Any]:
    s = match.score.scores
    return {
        "job_id": match.job_id,
        "candidate_id": match.candidate_id,
        "match_score": match.score.total,
        "skills_match": s["skills"],
        "experience_match": s["experience"],
        "technologies_match": s["technologies"],
        "description_match": s["description"],
        "location_match": s["location"],
        "salary_match": s["salary"],
        "domain_match": s["domain"],
        "contract_type_match": s["contract_type"],
        "summary": match.summary,
        "recruiter_summary": match.recruiter_summary,
        "is_active": True,
        "last_calculated": now,
    }


class SqlMatchStore(MatchStore):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _upsert(self, matches: Sequence[StoredMatch], as_of: datetime) -> None:
        """Insert or refresh, unless a newer calculation already wrote the pair."""
        if not matches:
            return
        dialect = self._session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(job_matches)
        columns = [c for c in _row(matches[0], as_of) if c not in ("job_id", "candidate_id")]
        statement = statement.on_conflict_do_update(
            index_elements=["job_id", "candidate_id"],
            set_={c: statement.excluded[c] for c in columns},
            where=job_matches.c.last_calculated <= statement.excluded.last_calculated,
        )
        await self._session.execute(statement, [_row(m, as_of) for m in matches])

    async def replace_for_job(
        self, job_id: int, matches: Sequence[StoredMatch], as_of: datetime
    ) -> int:
        kept = [m.candidate_id for m in matches]
        await self._session.execute(
            delete(job_matches).where(
                job_matches.c.job_id == job_id,
                job_matches.c.candidate_id.not_in(kept),
                job_matches.c.last_calculated <= as_of,
            )
        )
        await self._upsert(matches, as_of)
        return len(matches)

    async def replace_for_candidate(
        self, candidate_id: int, matches: Sequence[StoredMatch], as_of: datetime
    ) -> int:
        kept = [m.job_id for m in matches]
        await self._session.execute(
            delete(job_matches).where(
                job_matches.c.candidate_id == candidate_id,
                job_matches.c.job_id.not_in(kept),
                job_matches.c.last_calculated <= as_of,
            )
        )
        await self._upsert(matches, as_of)
        return len(matches)

    async def due_alerts(self, job_id: int) -> list[tuple[int, float]]:
        applied = exists().where(
            applications.c.job_id == job_matches.c.job_id,
            applications.c.candidate_id == job_matches.c.candidate_id,
        )
        rows = await self._session.execute(
            select(job_matches.c.candidate_id, job_matches.c.match_score)
            .join(candidate_profiles, candidate_profiles.c.user_id == job_matches.c.candidate_id)
            .where(
                job_matches.c.job_id == job_id,
                job_matches.c.match_score
                >= func.coalesce(candidate_profiles.c.alert_threshold, DEFAULT_ALERT_THRESHOLD),
                ~applied,
            )
        )
        return [(int(r[0]), float(r[1])) for r in rows]


class SqlMatchQueries(MatchQueries):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_job(
        self, job_id: int, filters: JobMatchFilters, page: Page
    ) -> Listing[JobMatchForRecruiter]:
        application = (
            select(applications.c.id)
            .where(
                applications.c.job_id == job_matches.c.job_id,
                applications.c.candidate_id == job_matches.c.candidate_id,
            )
            .scalar_subquery()
        )
        criteria: list[Any] = [job_matches.c.job_id == job_id, job_matches.c.is_active.is_(True)]
        if filters.min_score is not None:
            criteria.append(job_matches.c.match_score >= filters.min_score)
        if filters.has_applied is not None:
            criteria.append(
                application.is_not(None) if filters.has_applied else application.is_(None)
            )
        count = (await self._session.execute(select(func.count()).where(*criteria))).scalar_one()
        key = job_matches.c.match_score
        order = key.asc() if filters.ordering == "match_score" else key.desc()
        rows = await self._session.execute(
            select(
                job_matches,
                application.label("application_id"),
                users.c.username,
                users.c.first_name,
                users.c.last_name,
                users.c.profile_picture,
            )
            .join(users, users.c.id == job_matches.c.candidate_id)
            .where(*criteria)
            .order_by(order, job_matches.c.id)
            .limit(page.size)
            .offset((page.number - 1) * page.size)
        )
        items = [
            JobMatchForRecruiter(
                id=r.id,
                candidate=CandidateBrief(
                    id=r.candidate_id,
                    username=r.username,
                    full_name=full_name(r.first_name, r.last_name, r.username),
                    profile_picture=r.profile_picture,
                ),
                match_score=r.match_score,
                skills_match=r.skills_match,
                experience_match=r.experience_match,
                technologies_match=r.technologies_match,
                description_match=r.description_match,
                location_match=r.location_match,
                salary_match=r.salary_match,
                domain_match=r.domain_match,
                contract_type_match=r.contract_type_match,
                summary=r.summary,
                recruiter_summary=r.recruiter_summary,
                has_applied=r.application_id is not None,
                application_id=r.application_id,
                last_calculated=r.last_calculated,
            )
            for r in rows
        ]
        return Listing(count=int(count), items=items)

    async def for_candidate(
        self, candidate_id: int, filters: CandidateMatchFilters, page: Page
    ) -> Listing[JobMatchForCandidate]:
        applied = exists().where(
            applications.c.job_id == job_matches.c.job_id,
            applications.c.candidate_id == job_matches.c.candidate_id,
        )
        criteria: list[Any] = [job_matches.c.candidate_id == candidate_id]
        if filters.min_score is not None:
            criteria.append(job_matches.c.match_score >= filters.min_score)
        if filters.is_active is not None:
            criteria.append(jobs.c.is_active.is_(filters.is_active))
        if filters.location:
            # The same words-in-the-location rule as the job list, through the same index.
            dialect = self._session.get_bind().dialect.name
            if (words := location_words(dialect, filters.location)) is not None:
                criteria.append(words)
        base = select(func.count()).select_from(
            job_matches.join(jobs, jobs.c.id == job_matches.c.job_id)
        )
        count = (await self._session.execute(base.where(and_(*criteria)))).scalar_one()
        rows = await self._session.execute(
            select(
                job_matches,
                applied.label("has_applied"),
                jobs.c.title,
                jobs.c.location,
                jobs.c.salary_min,
                jobs.c.salary_max,
                companies.c.name.label("company_name"),
                companies.c.logo,
            )
            .join(jobs, jobs.c.id == job_matches.c.job_id)
            .join(companies, companies.c.id == jobs.c.company_id)
            .where(*criteria)
            .order_by(job_matches.c.match_score.desc(), job_matches.c.id)
            .limit(page.size)
            .offset((page.number - 1) * page.size)
        )
        items = [
            JobMatchForCandidate(
                id=r.id,
                job=MatchJob(
                    id=r.job_id,
                    title=r.title,
                    company=MatchCompany(name=r.company_name, logo=r.logo),
                    location=r.location,
                    salary_min=r.salary_min,
                    salary_max=r.salary_max,
                ),
                match_score=r.match_score,
                summary=r.summary,
                has_applied=bool(r.has_applied),
                last_calculated=r.last_calculated,
            )
            for r in rows
        ]
        return Listing(count=int(count), items=items)

"""Matching: features built from the write fakes (active candidates' profiles and entries,
active jobs with their company and references) as the SQL loader builds them, the kept
matches (one per job and candidate), the alerts due, and the match lists. Scoring itself is
the real ``PairwiseBatchScorer`` (pure: ``score_match`` for every pair)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from core.domain.applications.views import CandidateBrief
from core.domain.matching.geo import Located
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
from core.domain.profiles.candidate import CandidateProfile, WorkExperience, derived_years
from core.ports.clock import Clock
from core.ports.gazetteer import Gazetteer
from core.ports.matching import MatchingFeatures, MatchQueries, MatchStore, StoredMatch
from tests.fakes.accounts import InMemoryUsers, display_name
from tests.fakes.applications import InMemoryApplications
from tests.fakes.companies import InMemoryCompanies
from tests.fakes.jobs import InMemoryJobs, words
from tests.fakes.profiles import InMemoryCandidateProfiles, InMemoryProfileEntries


class FakeGazetteer(Gazetteer):
    """Knows the places a test gives it (folded to lower case); nothing else."""

    def __init__(self, places: Mapping[str, Located] | None = None) -> None:
        self.places = {k.casefold(): v for k, v in (places or {}).items()}

    def locate(self, place: str) -> Located:
        return self.places.get(place.strip().casefold(), Located(point=None, country=""))


class InMemoryMatchingFeatures(MatchingFeatures):
    def __init__(
        self,
        users: InMemoryUsers,
        candidates: InMemoryCandidateProfiles,
        entries: InMemoryProfileEntries,
        jobs: InMemoryJobs,
        companies: InMemoryCompanies,
        clock: Clock,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self._users = users
        self._candidates = candidates
        self._entries = entries
        self._jobs = jobs
        self._companies = companies
        self._clock = clock
        self._locate = gazetteer.locate if gazetteer else None
        #: How many times each bulk read ran (matching must not read per pair).
        self.reads: dict[str, int] = {"candidates": 0, "active_jobs": 0}

    async def _features(self, profile: CandidateProfile) -> CandidateFeatures:
        user = self._users.rows[profile.user_id]
        work = await self._entries.list("work_experience", profile.id)
        projects = await self._entries.list("project", profile.id)
        years = profile.years_of_experience
        if years is None and work:
            years = derived_years(
                [
                    WorkExperience(
                        profile_id=profile.id,
                        company=e["company"],
                        position=e["position"],
                        start_date=e["start_date"],
                        end_date=e["end_date"],
                    )
                    for e in work
                ],
                self._clock.now().date(),
            )
        return candidate_features(
            candidate_id=profile.user_id,
            skills=profile.skills,
            years=years,
            projects=[
                {"technologies": p["technologies"], "description": p["description"]}
                for p in projects
            ],
            texts=[
                profile.headline,
                user.bio,
                *(f"{e['position']} {e['description']}" for e in work),
            ],
            location=user.location,
            preferred_locations=profile.preferred_locations,
            remote_preference=profile.remote_preference,
            salary_min=profile.expected_salary_min,
            salary_max=profile.expected_salary_max,
            industries=profile.industries,
            companies=[e["company"] for e in work],
            contract_types=profile.preferred_contract_types,
            locate=self._locate,
        )

    def _active_profiles(self) -> list[CandidateProfile]:
        return [
            p
            for user_id, p in sorted(self._candidates.rows.items())
            if self._users.rows[user_id].is_active
        ]

    async def candidate(self, candidate_id: int) -> CandidateFeatures | None:
        found = [p for p in self._active_profiles() if p.user_id == candidate_id]
        return await self._features(found[0]) if found else None

    async def candidates(self) -> list[CandidateFeatures]:
        self.reads["candidates"] += 1
        return [await self._features(p) for p in self._active_profiles()]

    def _job_features(self, job_id: int) -> JobFeatures:
        job = self._jobs.rows[job_id]
        company = self._companies.rows[job.company_id]
        category = self._jobs.categories.get(job.category_id) if job.category_id else None
        contract = self._jobs.job_types[job.job_type_id][0] if job.job_type_id else ""
        return job_features(
            job_id=job_id,
            requirements=job.requirements,
            title=job.title,
            description=job.description,
            level=job.experience_level,
            location=job.location,
            salary_min=job.salary_min,
            salary_max=job.salary_max,
            domains=[d for d in (category, company.industry) if d],
            contract_type=contract,
            locate=self._locate,
        )

    async def job(self, job_id: int) -> JobFeatures | None:
        job = self._jobs.rows.get(job_id)
        return self._job_features(job_id) if job is not None and job.is_active else None

    async def active_jobs(self) -> list[JobFeatures]:
        self.reads["active_jobs"] += 1
        return [self._job_features(i) for i, j in sorted(self._jobs.rows.items()) if j.is_active]


@dataclass(frozen=True, slots=True)
class MatchRow:
    id: int
    match: StoredMatch
    last_calculated: datetime


class InMemoryMatchStore(MatchStore):
    """One row per (job, candidate): a replacement deletes the side's other rows and upserts
    the kept ones (a refreshed row keeps its id)."""

    def __init__(
        self, candidates: InMemoryCandidateProfiles, applications: InMemoryApplications
    ) -> None:
        self.rows: dict[tuple[int, int], MatchRow] = {}
        self._candidates = candidates
        self._applications = applications
        self._next = 1

    def _upsert(self, matches: Sequence[StoredMatch], as_of: datetime) -> None:
        for m in matches:
            key = (m.job_id, m.candidate_id)
            existing = self.rows.get(key)
            if existing is not None and existing.last_calculated > as_of:
                continue  # a newer calculation wrote it
            row_id = existing.id if existing else self._next
            if existing is None:
                self._next += 1
            self.rows[key] = MatchRow(id=row_id, match=m, last_calculated=as_of)

    def _remove(self, gone: Callable[[tuple[int, int]], bool], as_of: datetime) -> None:
        self.rows = {k: r for k, r in self.rows.items() if not gone(k) or r.last_calculated > as_of}

    async def replace_for_job(
        self, job_id: int, matches: Sequence[StoredMatch], as_of: datetime
    ) -> int:
        kept = {m.candidate_id for m in matches}
        self._remove(lambda k: k[0] == job_id and k[1] not in kept, as_of)
        self._upsert(matches, as_of)
        return len(matches)

    async def replace_for_candidate(
        self, candidate_id: int, matches: Sequence[StoredMatch], as_of: datetime
    ) -> int:
        kept = {m.job_id for m in matches}
        self._remove(lambda k: k[1] == candidate_id and k[0] not in kept, as_of)
        self._upsert(matches, as_of)
        return len(matches)

    def applied(self, job_id: int, candidate_id: int) -> int | None:
        return next(
            (
                a.id
                for a in self._applications.rows.values()
                if (a.job_id, a.candidate_id) == (job_id, candidate_id)
            ),
            None,
        )

    async def due_alerts(self, job_id: int) -> list[tuple[int, float]]:
        due = []
        for (job, candidate), row in sorted(self.rows.items()):
            profile = self._candidates.rows.get(candidate)
            if job != job_id or profile is None or self.applied(job, candidate) is not None:
                continue
            threshold = (
                DEFAULT_ALERT_THRESHOLD
                if profile.alert_threshold is None
                else profile.alert_threshold
            )
            if row.match.score.total >= threshold:
                due.append((candidate, row.match.score.total))
        return due


class InMemoryMatchQueries(MatchQueries):
    def __init__(
        self,
        store: InMemoryMatchStore,
        jobs: InMemoryJobs,
        companies: InMemoryCompanies,
        users: InMemoryUsers,
    ) -> None:
        self._store = store
        self._jobs = jobs
        self._companies = companies
        self._users = users

    async def for_job(
        self, job_id: int, filters: JobMatchFilters, page: Page
    ) -> Listing[JobMatchForRecruiter]:
        rows = [r for (job, _), r in self._store.rows.items() if job == job_id]
        if filters.min_score is not None:
            rows = [r for r in rows if r.match.score.total >= filters.min_score]
        if filters.has_applied is not None:
            rows = [
                r
                for r in rows
                if (self._store.applied(job_id, r.match.candidate_id) is not None)
                == filters.has_applied
            ]
        ascending = filters.ordering == "match_score"
        rows.sort(key=lambda r: (r.match.score.total if ascending else -r.match.score.total, r.id))
        items = []
        for r in rows[page.offset : page.offset + page.size]:
            user = self._users.rows[r.match.candidate_id]
            s = r.match.score.scores
            application = self._store.applied(job_id, r.match.candidate_id)
            items.append(
                JobMatchForRecruiter(
                    id=r.id,
                    candidate=CandidateBrief(
                        id=user.require_id(),
                        username=user.username,
                        full_name=display_name(user),
                        profile_picture=user.profile_picture,
                    ),
                    match_score=r.match.score.total,
                    skills_match=s["skills"],
                    experience_match=s["experience"],
                    technologies_match=s["technologies"],
                    description_match=s["description"],
                    location_match=s["location"],
                    salary_match=s["salary"],
                    domain_match=s["domain"],
                    contract_type_match=s["contract_type"],
                    summary=r.match.summary,
                    recruiter_summary=r.match.recruiter_summary,
                    has_applied=application is not None,
                    application_id=application,
                    last_calculated=r.last_calculated,
                )
            )
        return Listing(count=len(rows), items=items)

    async def for_candidate(
        self, candidate_id: int, filters: CandidateMatchFilters, page: Page
    ) -> Listing[JobMatchForCandidate]:
        rows = [r for (_, c), r in self._store.rows.items() if c == candidate_id]
        if filters.min_score is not None:
            rows = [r for r in rows if r.match.score.total >= filters.min_score]
        if filters.is_active is not None:
            rows = [
                r for r in rows if self._jobs.rows[r.match.job_id].is_active is filters.is_active
            ]
        if filters.location and (wanted := words(filters.location)):
            rows = [r for r in rows if wanted <= words(self._jobs.rows[r.match.job_id].location)]
        rows.sort(key=lambda r: (-r.match.score.total, r.id))
        items = []
        for r in rows[page.offset : page.offset + page.size]:
            job = self._jobs.rows[r.match.job_id]
            company = self._companies.rows[job.company_id]
            items.append(
                JobMatchForCandidate(
                    id=r.id,
                    job=MatchJob(
                        id=r.match.job_id,
                        title=job.title,
                        company=MatchCompany(name=company.name, logo=company.logo),
                        location=job.location,
                        salary_min=job.salary_min,
                        salary_max=job.salary_max,
                    ),
                    match_score=r.match.score.total,
                    summary=r.match.summary,
                    has_applied=self._store.applied(r.match.job_id, candidate_id) is not None,
                    last_calculated=r.last_calculated,
                )
            )
        return Listing(count=len(rows), items=items)

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import msgspec

from core.domain.matching.score import CandidateFeatures, JobFeatures, MatchScore
from core.domain.matching.views import (
    CandidateMatchFilters,
    JobMatchFilters,
    JobMatchForCandidate,
    JobMatchForRecruiter,
)
from core.domain.pages import Listing, Page


class StoredMatch(msgspec.Struct, frozen=True, kw_only=True):
    job_id: int
    candidate_id: int
    score: MatchScore
    summary: str
    recruiter_summary: str


class MatchingFeatures(Protocol):
    """Everything scoring reads, loaded in bulk (one query per kind, not one per pair).
    Loads may take seconds at scale: an adapter must not hold locks that writers wait for
    while it reads."""

    async def candidate(self, candidate_id: int) -> CandidateFeatures | None: ...

    async def candidates(self) -> list[CandidateFeatures]: ...

    async def job(self, job_id: int) -> JobFeatures | None: ...

    async def active_jobs(self) -> list[JobFeatures]: ...


class BatchScorer(Protocol):
    """Many pairs at once; must give exactly ``score_match``'s numbers for every pair."""

    def prepare(self, candidates: Sequence[CandidateFeatures]) -> None:
        """Get ready to score this candidate batch (a scorer may encode it ahead of time)."""
        ...

    def job_totals(self, job: JobFeatures, candidates: Sequence[CandidateFeatures]) -> list[float]:
        """Only the match scores (what deciding which pairs to keep needs)."""
        ...

    def candidate_totals(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[float]: ...

    def job_against(
        self, job: JobFeatures, candidates: Sequence[CandidateFeatures]
    ) -> list[MatchScore]: ...

    def candidate_against(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[MatchScore]: ...


class MatchStore(Protocol):
    async def replace_for_job(
        self, job_id: int, matches: Sequence[StoredMatch], as_of: datetime
    ) -> int:
        """The job's kept matches become ``matches``, calculated from the data as of ``as_of``
        (their ``last_calculated``): a pair last written by a calculation newer than
        ``as_of`` is neither overwritten nor removed. Returns how many were given."""
        ...

    async def replace_for_candidate(
        self, candidate_id: int, matches: Sequence[StoredMatch], as_of: datetime
    ) -> int:
        """As ``replace_for_job``, for one candidate's matches."""
        ...

    async def due_alerts(self, job_id: int) -> list[tuple[int, float]]:
        """(candidate, score) pairs of this job at or above each candidate's alert threshold,
        who have not applied to it. (Notifications make the alert once per job.)"""
        ...


class MatchQueries(Protocol):
    async def for_job(
        self, job_id: int, filters: JobMatchFilters, page: Page
    ) -> Listing[JobMatchForRecruiter]: ...

    async def for_candidate(
        self, candidate_id: int, filters: CandidateMatchFilters, page: Page
    ) -> Listing[JobMatchForCandidate]: ...

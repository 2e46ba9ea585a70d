from __future__ import annotations

from collections.abc import Sequence

from core.domain.matching.score import CandidateFeatures, JobFeatures, MatchScore, score_match
from core.ports.matching import BatchScorer


class PairwiseBatchScorer(BatchScorer):
    """The reference batch scorer: ``score_match`` for every pair. Exact by construction; a
    vectorised scorer behind the same port must agree with it on every pair."""

    def prepare(self, candidates: Sequence[CandidateFeatures]) -> None:
        return None

    def job_totals(self, job: JobFeatures, candidates: Sequence[CandidateFeatures]) -> list[float]:
        return [score_match(candidate, job).total for candidate in candidates]

    def job_against(
        self, job: JobFeatures, candidates: Sequence[CandidateFeatures]
    ) -> list[MatchScore]:
        return [score_match(candidate, job) for candidate in candidates]

    def candidate_totals(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[float]:
        return [score_match(candidate, job).total for job in jobs]

    def candidate_against(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[MatchScore]:
        return [score_match(candidate, job) for job in jobs]

"""Recalculation, shared by the matching use cases: load features in bulk, score every pair
with the batch scorer, keep what users can act on."""

from __future__ import annotations

from core.domain.matching.explain import summaries
from core.domain.matching.policy import keep_best
from core.domain.matching.score import CandidateFeatures, JobFeatures, MatchScore
from core.ports.clock import Clock
from core.ports.matching import BatchScorer, MatchingFeatures, MatchStore, StoredMatch


def _stored(job_id: int, candidate_id: int, score: MatchScore) -> StoredMatch:
    summary, recruiter_summary = summaries(score)
    return StoredMatch(
        job_id=job_id,
        candidate_id=candidate_id,
        score=score,
        summary=summary,
        recruiter_summary=recruiter_summary,
    )


class MatchEngine:
    """Features are read in bulk (by the adapter, in reads of their own that hold no lock on
    anything), the pairs are scored, and the kept matches are written in the caller's
    transaction, which the caller commits.

    Recalculations run concurrently (the request's, the background tasks of several workers):
    each one's matches carry the time it started reading, and the store never lets an older
    calculation overwrite or remove a pair a newer one wrote."""

    def __init__(
        self,
        features: MatchingFeatures,
        scorer: BatchScorer,
        store: MatchStore,
        clock: Clock,
    ) -> None:
        self._features = features
        self._scorer = scorer
        self._store = store
        self._clock = clock

    async def warm_up(self) -> int:
        """Load (and cache) every candidate's and job's features and get the scorer ready;
        how many candidates are ready."""
        candidates = await self._features.candidates()
        await self._features.active_jobs()
        self._scorer.prepare(candidates)
        return len(candidates)

    async def job(self, job_id: int) -> int:
        """Replace the job's matches (none if it is gone or closed); how many were kept."""
        as_of = self._clock.now()  # before any read: the matches reflect the data at as_of
        job = await self._features.job(job_id)
        if job is None:
            return await self._store.replace_for_job(job_id, [], as_of)
        candidates = await self._features.candidates()
        totals = self._scorer.job_totals(job, candidates)
        kept = keep_best(
            [(c.candidate_id, total) for c, total in zip(candidates, totals, strict=True)]
        )
        chosen: list[CandidateFeatures] = [candidates[i] for i in kept]
        details = self._scorer.job_against(job, chosen)  # sub-scores for the kept only
        matches = [
            _stored(job.job_id, c.candidate_id, score)
            for c, score in zip(chosen, details, strict=True)
        ]
        return await self._store.replace_for_job(job.job_id, matches, as_of)

    async def candidate(self, candidate_id: int) -> int:
        """Replace the candidate's matches; how many were kept."""
        as_of = self._clock.now()
        candidate = await self._features.candidate(candidate_id)
        if candidate is None:  # gone or disabled: recruiters no longer see them matched
            return await self._store.replace_for_candidate(candidate_id, [], as_of)
        jobs: list[JobFeatures] = await self._features.active_jobs()
        totals = self._scorer.candidate_totals(candidate, jobs)
        kept = keep_best([(j.job_id, total) for j, total in zip(jobs, totals, strict=True)])
        chosen = [jobs[i] for i in kept]
        details = self._scorer.candidate_against(candidate, chosen)
        matches = [
            _stored(job.job_id, candidate_id, score)
            for job, score in zip(chosen, details, strict=True)
        ]
        return await self._store.replace_for_candidate(candidate_id, matches, as_of)

from __future__ import annotations

import time

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied, ValidationFailed
from core.domain.matching.explain import summaries
from core.domain.matching.policy import keep_best
from core.domain.matching.score import CandidateFeatures, JobFeatures, MatchScore
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.clock import Clock
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.matching import BatchScorer, MatchingFeatures, MatchStore, StoredMatch
from core.ports.notification_repository import NotificationRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.notifications._deliver import notify_user


class RecalculateCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int | None = None
    candidate_id: int | None = None


class Recalculated(msgspec.Struct, frozen=True, kw_only=True):
    matches_updated: int
    seconds: float


def _stored(job_id: int, candidate_id: int, score: MatchScore) -> StoredMatch:
    summary, recruiter_summary = summaries(score)
    return StoredMatch(
        job_id=job_id,
        candidate_id=candidate_id,
        score=score,
        summary=summary,
        recruiter_summary=recruiter_summary,
    )


class Matching:
    """Recalculate a job's or a candidate's matches: load features in bulk, score every pair
    with the batch scorer, keep what users can act on, and alert candidates a job suits."""

    def __init__(
        self,
        tx: TransactionManager,
        features: MatchingFeatures,
        scorer: BatchScorer,
        store: MatchStore,
        jobs: JobRepository,
        job_queries: JobQueries,
        access: JobAccess,
        notifications: NotificationRepository,
        users: UserRepository,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._features = features
        self._scorer = scorer
        self._store = store
        self._jobs = jobs
        self._job_queries = job_queries
        self._access = access
        self._notifications = notifications
        self._users = users
        self._tasks = tasks
        self._clock = clock

    async def warm_up(self) -> int:
        """Load (and cache) every active candidate's and job's features and get the scorer
        ready, so that a fresh worker's first recalculation costs what later ones do.
        Returns how many candidates are ready."""
        candidates = await self._features.candidates()
        await self._features.active_jobs()
        await self._tx.rollback()  # read only: end the transaction
        self._scorer.prepare(candidates)
        return len(candidates)

    async def for_job(self, job_id: int, *, alert: bool) -> int:
        job = await self._features.job(job_id)
        if job is None:
            return await self._store.replace_for_job(job_id, [], self._clock.now())
        candidates = await self._features.candidates()
        written = await self._store_job(job, candidates)
        if alert:
            await self._alert(job_id)
        await self._tx.commit()
        return written

    async def _store_job(self, job: JobFeatures, candidates: list[CandidateFeatures]) -> int:
        totals = self._scorer.job_totals(job, candidates)
        kept = keep_best(
            [(c.candidate_id, total) for c, total in zip(candidates, totals, strict=True)]
        )
        chosen = [candidates[i] for i in kept]
        details = self._scorer.job_against(job, chosen)  # sub-scores for the kept only
        matches = [
            _stored(job.job_id, c.candidate_id, score)
            for c, score in zip(chosen, details, strict=True)
        ]
        return await self._store.replace_for_job(job.job_id, matches, self._clock.now())

    async def for_candidate(self, candidate_id: int) -> int:
        candidate = await self._features.candidate(candidate_id)
        if candidate is None:
            return 0
        jobs = await self._features.active_jobs()
        totals = self._scorer.candidate_totals(candidate, jobs)
        kept = keep_best([(j.job_id, total) for j, total in zip(jobs, totals, strict=True)])
        chosen = [jobs[i] for i in kept]
        details = self._scorer.candidate_against(candidate, chosen)
        matches = [
            _stored(job.job_id, candidate_id, score)
            for job, score in zip(chosen, details, strict=True)
        ]
        written = await self._store.replace_for_candidate(candidate_id, matches, self._clock.now())
        await self._tx.commit()
        return written

    async def _alert(self, job_id: int) -> None:
        detail = await self._job_queries.detail(job_id)
        if detail is None or not detail.is_active:
            return
        for candidate_id, score in await self._store.due_alerts(job_id):
            await notify_user(
                NewNotification(
                    user_id=candidate_id,
                    type=NotificationType.NEW_JOB_MATCH,
                    title="A new job matches your profile",
                    message=f"'{detail.title}' at {detail.company.name} matches your profile "
                    f"at {score:g}%",
                    related_object_type="job",
                    related_object_id=job_id,
                    # Once per job and candidate, however often the job is recalculated.
                    event_key=f"new_job_match:{job_id}",
                ),
                notifications=self._notifications,
                users=self._users,
                tasks=self._tasks,
            )

    async def on_demand(self, cmd: RecalculateCommand) -> Recalculated:
        """POST recalculate: a job (its recruiter or company admin), your own profile
        (candidates), or anything (site admins)."""
        started = time.perf_counter()
        actor = cmd.actor
        if cmd.job_id is not None:
            if actor.user_type is not UserType.ADMIN:
                await self._access.managed(actor, cmd.job_id)
            elif await self._jobs.get(cmd.job_id) is None:
                raise NotFound("Job not found.")
            count = await self.for_job(cmd.job_id, alert=False)
        elif actor.user_type is UserType.CANDIDATE:
            if cmd.candidate_id not in (None, actor.require_id()):
                raise PermissionDenied("You can only recalculate your own matches.")
            count = await self.for_candidate(actor.require_id())
        elif actor.user_type is UserType.ADMIN:
            if cmd.candidate_id is None:
                raise ValidationFailed.single("job_id", "Give a job_id or a candidate_id.")
            count = await self.for_candidate(cmd.candidate_id)
        else:
            raise ValidationFailed.single("job_id", "Recruiters recalculate one of their jobs.")
        return Recalculated(matches_updated=count, seconds=time.perf_counter() - started)

from __future__ import annotations

from core.domain.jobs.events import JobPosted, JobUpdated
from core.domain.matching.events import CandidatesMatched, MatchAlert
from core.ports.job_repository import JobQueries
from core.ports.matching import MatchStore
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.matching._engine import MatchEngine


class RecalculateJobMatches:
    """A job was posted or changed: its matches are recalculated, and the candidates it now
    suits at or above their alert threshold are announced (``CandidatesMatched``)."""

    def __init__(
        self,
        tx: TransactionManager,
        engine: MatchEngine,
        store: MatchStore,
        jobs: JobQueries,
        tasks: TaskQueue,
    ) -> None:
        self._tx = tx
        self._engine = engine
        self._store = store
        self._jobs = jobs
        self._tasks = tasks

    async def __call__(self, message: JobPosted | JobUpdated, key: str) -> None:
        await self._engine.job(message.job_id)
        detail = await self._jobs.detail(message.job_id)
        if detail is not None and detail.is_active:
            due = await self._store.due_alerts(message.job_id)
            if due:
                await self._tasks.enqueue(
                    CandidatesMatched(
                        job_id=message.job_id,
                        job_title=detail.title,
                        company_name=detail.company.name,
                        alerts=[MatchAlert(candidate_id=c, score=s) for c, s in due],
                    )
                )
        await self._tx.commit()

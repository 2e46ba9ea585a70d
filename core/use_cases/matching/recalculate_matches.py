from __future__ import annotations

import time

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied, ValidationFailed
from core.ports.job_repository import JobRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.matching._engine import MatchEngine


class RecalculateCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int | None = None
    candidate_id: int | None = None


class Recalculated(msgspec.Struct, frozen=True, kw_only=True):
    matches_updated: int
    seconds: float


class RecalculateMatches:
    """Recalculate now: a job (its managers), your own profile (candidates), or anything
    (site admins). Nobody is alerted: announcing new jobs is the background's work."""

    def __init__(
        self,
        tx: TransactionManager,
        engine: MatchEngine,
        jobs: JobRepository,
        access: JobAccess,
    ) -> None:
        self._tx = tx
        self._engine = engine
        self._jobs = jobs
        self._access = access

    async def __call__(self, cmd: RecalculateCommand) -> Recalculated:
        started = time.perf_counter()
        actor = cmd.actor
        if cmd.job_id is not None:
            if actor.user_type is not UserType.ADMIN:
                await self._access.managed(actor, cmd.job_id)
            elif await self._jobs.get(cmd.job_id) is None:
                raise NotFound("Job not found.")
            count = await self._engine.job(cmd.job_id)
        elif actor.user_type is UserType.CANDIDATE:
            if cmd.candidate_id not in (None, actor.require_id()):
                raise PermissionDenied("You can only recalculate your own matches.")
            count = await self._engine.candidate(actor.require_id())
        elif actor.user_type is UserType.ADMIN:
            if cmd.candidate_id is None:
                raise ValidationFailed.single("job_id", "Give a job_id or a candidate_id.")
            count = await self._engine.candidate(cmd.candidate_id)
        else:
            raise ValidationFailed.single("job_id", "Recruiters recalculate one of their jobs.")
        await self._tx.commit()
        return Recalculated(matches_updated=count, seconds=time.perf_counter() - started)

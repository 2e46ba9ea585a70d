from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.events import InterviewChanged
from core.domain.applications.interview import InterviewChanges, cleaned, interview_problems
from core.domain.applications.views import InterviewView
from core.domain.errors import ValidationFailed
from core.domain.patches import sent
from core.ports.clock import Clock
from core.ports.interviews import InterviewRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications._interview_change import changeable_interview
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.views import interview_view

FIELDS = tuple(InterviewChanges.__struct_fields__)


class RescheduleInterviewCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    interview_id: int
    changes: InterviewChanges


class RescheduleInterview:
    """Move or change an interview: a new invitation (higher SEQUENCE) replaces the old one."""

    def __init__(
        self,
        tx: TransactionManager,
        interviews: InterviewRepository,
        access: ApplicationAccess,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._interviews = interviews
        self._access = access
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: RescheduleInterviewCommand) -> InterviewView:
        interview = await changeable_interview(
            cmd.actor, cmd.application_id, cmd.interview_id, self._access, self._interviews
        )
        now = self._clock.now()
        merged: dict[str, object] = {f: getattr(interview, f) for f in FIELDS}
        merged.update(sent(cmd.changes))
        if errors := interview_problems(merged, now):
            raise ValidationFailed(errors)
        for name, value in cleaned(merged).items():
            setattr(interview, name, value)
        interview.sequence += 1
        interview.updated_at = now
        await self._interviews.update(interview)
        assert interview.id is not None
        await self._tasks.enqueue(InterviewChanged(interview_id=interview.id, change="rescheduled"))
        await self._tx.commit()
        return interview_view(interview)

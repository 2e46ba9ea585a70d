from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.events import InterviewChanged
from core.domain.applications.interview import InterviewStatus
from core.domain.applications.views import InterviewView
from core.ports.clock import Clock
from core.ports.interviews import InterviewRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications._interview_change import changeable_interview
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.views import interview_view


class CancelInterviewCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    interview_id: int


class CancelInterview:
    """Cancel an interview: the candidate's calendar entry is cancelled too."""

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

    async def __call__(self, cmd: CancelInterviewCommand) -> InterviewView:
        interview = await changeable_interview(
            cmd.actor, cmd.application_id, cmd.interview_id, self._access, self._interviews
        )
        interview.status = InterviewStatus.CANCELLED
        interview.sequence += 1
        interview.updated_at = self._clock.now()
        await self._interviews.update(interview)
        assert interview.id is not None
        await self._tasks.enqueue(InterviewChanged(interview_id=interview.id, change="cancelled"))
        await self._tx.commit()
        return interview_view(interview)

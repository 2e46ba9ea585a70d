from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.application import Status
from core.domain.applications.events import InterviewChanged
from core.domain.applications.interview import (
    Interview,
    InterviewDetails,
    cleaned,
    interview_problems,
)
from core.domain.applications.views import InterviewView
from core.domain.errors import Conflict, ValidationFailed
from core.ports.clock import Clock
from core.ports.interviews import InterviewRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.views import interview_view


class ScheduleInterviewCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    details: InterviewDetails


class ScheduleInterview:
    """A manager of the job schedules an interview of an application at the interview stage;
    the candidate gets a calendar invitation (``SendInterviewInvitation``)."""

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

    async def __call__(self, cmd: ScheduleInterviewCommand) -> InterviewView:
        application = await self._access.managed(cmd.actor, cmd.application_id)
        if application.status is not Status.INTERVIEW:
            raise Conflict(
                f"Move the application to the interview stage first (it is {application.status})."
            )
        values: dict[str, object] = msgspec.structs.asdict(cmd.details)
        now = self._clock.now()
        if errors := interview_problems(values, now):
            raise ValidationFailed(errors)
        interview = await self._interviews.add(
            Interview(
                application_id=cmd.application_id,
                created_by=cmd.actor.require_id(),
                created_at=now,
                updated_at=now,
                **cleaned(values),  # type: ignore[arg-type]
            )
        )
        assert interview.id is not None
        await self._tasks.enqueue(InterviewChanged(interview_id=interview.id, change="scheduled"))
        await self._tx.commit()
        return interview_view(interview)

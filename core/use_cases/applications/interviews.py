"""Interviews of an application at the ``interview`` stage: schedule, reschedule, cancel, list.

Each change is an event; its handler notifies the candidate and e-mails a calendar invitation
(a new SEQUENCE replaces the previous one in the candidate's calendar; a cancellation removes it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.application import Status
from core.domain.applications.interview import Interview, InterviewStatus, interview_problems
from core.domain.errors import Conflict, NotFound, ValidationFailed
from core.domain.tasks import InterviewChanged
from core.ports.clock import Clock
from core.ports.interviews import InterviewRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.application_access import ApplicationAccess

FIELDS = ("starts_at", "duration_minutes", "location", "video_link", "interviewers")


class InterviewView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    application_id: int
    starts_at: datetime
    duration_minutes: int
    location: str
    video_link: str
    interviewers: list[str]
    status: str
    updated_at: datetime


def view(interview: Interview) -> InterviewView:
    assert interview.id is not None
    return InterviewView(
        id=interview.id,
        application_id=interview.application_id,
        starts_at=interview.starts_at,
        duration_minutes=interview.duration_minutes,
        location=interview.location,
        video_link=interview.video_link,
        interviewers=interview.interviewers,
        status=interview.status.value,
        updated_at=interview.updated_at,
    )


class ScheduleInterviewCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    values: dict[str, Any]


class ChangeInterviewCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    interview_id: int
    #: None cancels the interview.
    changes: dict[str, Any] | None


class ListInterviewsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int


class Interviews:
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

    async def schedule(self, cmd: ScheduleInterviewCommand) -> InterviewView:
        application = await self._access.managed(cmd.actor, cmd.application_id)
        if application.status is not Status.INTERVIEW:
            raise Conflict(
                f"Move the application to the interview stage first (it is {application.status})."
            )
        values = {"duration_minutes": 60, **{k: v for k, v in cmd.values.items() if k in FIELDS}}
        now = self._clock.now()
        if errors := interview_problems(values, now):
            raise ValidationFailed(errors)
        interview = await self._interviews.add(
            Interview(
                application_id=cmd.application_id,
                created_by=cmd.actor.require_id(),
                created_at=now,
                updated_at=now,
                **_clean(values),
            )
        )
        assert interview.id is not None
        await self._tasks.enqueue(InterviewChanged(interview_id=interview.id, change="scheduled"))
        await self._tx.commit()
        return view(interview)

    async def change(self, cmd: ChangeInterviewCommand) -> InterviewView:
        await self._access.managed(cmd.actor, cmd.application_id)
        interview = await self._interviews.get(cmd.interview_id)
        if interview is None or interview.application_id != cmd.application_id:
            raise NotFound("Interview not found.")
        if interview.status is InterviewStatus.CANCELLED:
            raise Conflict("This interview was cancelled.")
        now = self._clock.now()
        if cmd.changes is None:
            interview.status = InterviewStatus.CANCELLED
            change = "cancelled"
        else:
            merged = {f: getattr(interview, f) for f in FIELDS}
            merged.update({k: v for k, v in cmd.changes.items() if k in FIELDS})
            if errors := interview_problems(merged, now):
                raise ValidationFailed(errors)
            for name, value in _clean(merged).items():
                setattr(interview, name, value)
            change = "rescheduled"
        interview.sequence += 1
        interview.updated_at = now
        await self._interviews.update(interview)
        assert interview.id is not None
        await self._tasks.enqueue(InterviewChanged(interview_id=interview.id, change=change))
        await self._tx.commit()
        return view(interview)

    async def list(self, cmd: ListInterviewsCommand) -> list[InterviewView]:
        await self._access.seen(cmd.actor, cmd.application_id)
        return [view(i) for i in await self._interviews.for_application(cmd.application_id)]


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    out["location"] = str(out.get("location") or "").strip()
    out["video_link"] = str(out.get("video_link") or "").strip()
    out["interviewers"] = [i.strip() for i in out.get("interviewers") or []]
    return out

from __future__ import annotations

from datetime import datetime

from core.domain.applications.application import (
    Application,
    MovedMeanwhile,
    Status,
    StatusChange,
)
from core.domain.applications.events import ApplicationStatusChanged
from core.ports.application_repository import ApplicationRepository
from core.ports.task_queue import TaskQueue


class RecordStatusChange:
    """The one way an application's move is recorded, whoever moves it (a recruiter, the
    candidate withdrawing, a withdrawn job): its new status, its history entry and the event,
    in the caller's transaction."""

    def __init__(self, applications: ApplicationRepository, tasks: TaskQueue) -> None:
        self._applications = applications
        self._tasks = tasks

    async def __call__(
        self, application: Application, previous: Status, *, by: int, notes: str, at: datetime
    ) -> None:
        assert application.id is not None
        if not await self._applications.move(application, previous):
            raise MovedMeanwhile(previous)
        await self._applications.record(
            StatusChange(
                application_id=application.id,
                from_status=previous,
                to_status=application.status,
                changed_by=by,
                notes=notes,
                changed_at=at,
            )
        )
        await self._tasks.enqueue(
            ApplicationStatusChanged(
                application_id=application.id,
                from_status=previous.value,
                to_status=application.status.value,
            )
        )

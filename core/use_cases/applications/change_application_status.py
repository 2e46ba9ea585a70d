from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.application import StatusChange
from core.domain.errors import ValidationFailed
from core.domain.tasks import ApplicationStatusChanged
from core.ports.application_repository import ApplicationRepository
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.application_access import ApplicationAccess


class ChangeApplicationStatusCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    status: str
    notes: str = ""


class StatusChanged(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    status: str
    notes: str
    updated_at: datetime


class ChangeApplicationStatus:
    """The job's recruiter or the company admin moves an application along the pipeline."""

    def __init__(
        self,
        tx: TransactionManager,
        applications: ApplicationRepository,
        access: ApplicationAccess,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._access = access
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: ChangeApplicationStatusCommand) -> StatusChanged:
        application = await self._access.managed(cmd.actor, cmd.application_id)
        if len(cmd.notes) > 5000:
            raise ValidationFailed.single(
                "notes", "Ensure this field has no more than 5000 characters."
            )
        now = self._clock.now()
        previous = application.move_to(cmd.status, now)
        await self._applications.update(application)
        await self._applications.record(
            StatusChange(
                application_id=cmd.application_id,
                from_status=previous,
                to_status=application.status,
                changed_by=cmd.actor.require_id(),
                notes=cmd.notes.strip(),
                changed_at=now,
            )
        )
        await self._tasks.enqueue(
            ApplicationStatusChanged(
                application_id=cmd.application_id,
                from_status=previous.value,
                to_status=application.status.value,
            )
        )
        await self._tx.commit()
        return StatusChanged(
            id=cmd.application_id,
            status=application.status.value,
            notes=cmd.notes.strip(),
            updated_at=now,
        )

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.application import StatusChange
from core.domain.errors import NotFound
from core.domain.tasks import ApplicationStatusChanged
from core.ports.application_repository import ApplicationRepository
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.change_application_status import StatusChanged


class WithdrawApplicationCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int


class WithdrawApplication:
    """The candidate takes back a non-final application."""

    def __init__(
        self,
        tx: TransactionManager,
        applications: ApplicationRepository,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: WithdrawApplicationCommand) -> StatusChanged:
        application = await self._applications.get(cmd.application_id)
        if application is None or application.candidate_id != cmd.actor.require_id():
            raise NotFound("Application not found.")
        now = self._clock.now()
        previous = application.withdraw(now)
        await self._applications.update(application)
        await self._applications.record(
            StatusChange(
                application_id=cmd.application_id,
                from_status=previous,
                to_status=application.status,
                changed_by=cmd.actor.require_id(),
                notes="",
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
            id=cmd.application_id, status=application.status.value, notes="", updated_at=now
        )

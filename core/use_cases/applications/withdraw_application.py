from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import NotFound
from core.ports.application_repository import ApplicationRepository
from core.ports.clock import Clock
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.change_application_status import StatusChanged
from core.use_cases.applications.record_status_change import RecordStatusChange


class WithdrawApplicationCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int


class WithdrawApplication:
    """The candidate takes back a non-final application."""

    def __init__(
        self,
        tx: TransactionManager,
        applications: ApplicationRepository,
        record: RecordStatusChange,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._applications = applications
        self._record = record
        self._clock = clock

    async def __call__(self, cmd: WithdrawApplicationCommand) -> StatusChanged:
        application = await self._applications.get(cmd.application_id)
        if application is None or application.candidate_id != cmd.actor.require_id():
            raise NotFound("Application not found.")
        now = self._clock.now()
        previous = application.withdraw(now)
        await self._record(application, previous, by=cmd.actor.require_id(), notes="", at=now)
        await self._tx.commit()
        return StatusChanged(
            id=cmd.application_id, status=application.status.value, notes="", updated_at=now
        )

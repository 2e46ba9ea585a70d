from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.ports.clock import Clock
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.record_status_change import RecordStatusChange

MAX_NOTES_LENGTH = 5000


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
    """A manager of the job moves an application along the pipeline."""

    def __init__(
        self,
        tx: TransactionManager,
        access: ApplicationAccess,
        record: RecordStatusChange,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._access = access
        self._record = record
        self._clock = clock

    async def __call__(self, cmd: ChangeApplicationStatusCommand) -> StatusChanged:
        application = await self._access.managed(cmd.actor, cmd.application_id)
        if len(cmd.notes) > MAX_NOTES_LENGTH:
            raise ValidationFailed.single(
                "notes", f"Ensure this field has no more than {MAX_NOTES_LENGTH} characters."
            )
        now = self._clock.now()
        previous = application.move_to(cmd.status, now)
        notes = cmd.notes.strip()
        await self._record(application, previous, by=cmd.actor.require_id(), notes=notes, at=now)
        await self._tx.commit()
        return StatusChanged(
            id=cmd.application_id, status=application.status.value, notes=notes, updated_at=now
        )

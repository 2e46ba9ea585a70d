from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.views import HistoryEntry
from core.ports.application_repository import ApplicationRepository
from core.use_cases.applications.application_access import ApplicationAccess


class ApplicationHistoryCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int


class ApplicationHistory:
    """Every status change. The recruiter side sees who and their notes; the candidate sees
    a timeline of dates and stages only."""

    def __init__(self, applications: ApplicationRepository, access: ApplicationAccess) -> None:
        self._applications = applications
        self._access = access

    async def __call__(self, cmd: ApplicationHistoryCommand) -> list[HistoryEntry]:
        is_candidate = (await self._access.seen(cmd.actor, cmd.application_id)).by_candidate
        changes = await self._applications.history(cmd.application_id)
        if is_candidate:
            return [
                HistoryEntry(
                    from_status=c.from_status, to_status=c.to_status, changed_at=c.changed_at
                )
                for c in changes
            ]
        return [
            HistoryEntry(
                from_status=c.from_status,
                to_status=c.to_status,
                changed_at=c.changed_at,
                changed_by=c.changed_by,
                notes=c.notes,
            )
            for c in changes
        ]

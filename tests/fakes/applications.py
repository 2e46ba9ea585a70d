"""In-memory applications and their status history."""

from __future__ import annotations

import copy

from core.domain.applications.application import (
    AlreadyApplied,
    Application,
    Status,
    StatusChange,
)
from core.ports.application_repository import ApplicationRepository


class InMemoryApplications(ApplicationRepository):
    def __init__(self) -> None:
        self.rows: dict[int, Application] = {}
        self.changes: list[StatusChange] = []
        self._next = 1

    async def add(self, application: Application) -> Application:
        for other in self.rows.values():  # the unique (job, candidate) constraint
            if (other.job_id, other.candidate_id) == (
                application.job_id,
                application.candidate_id,
            ):
                raise AlreadyApplied()
        application.id = self._next
        self._next += 1
        self.rows[application.id] = copy.copy(application)
        return application

    async def get(self, application_id: int) -> Application | None:
        found = self.rows.get(application_id)
        return copy.copy(found) if found else None

    async def update(self, application: Application) -> None:
        assert application.id in self.rows
        self.rows[application.id] = copy.copy(application)

    async def record(self, change: StatusChange) -> None:
        self.changes.append(change)

    async def history(self, application_id: int) -> list[StatusChange]:
        return [c for c in self.changes if c.application_id == application_id]

    async def pending_for_job(self, job_id: int) -> list[Application]:
        return [
            copy.copy(a)
            for a in self.rows.values()
            if a.job_id == job_id and a.status is Status.PENDING
        ]

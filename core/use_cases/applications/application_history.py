from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.views import HistoryEntry
from core.domain.errors import NotFound
from core.ports.application_repository import ApplicationRepository
from core.ports.company_repository import CompanyRepository
from core.ports.job_repository import JobRepository
from core.use_cases.applications._access import job_managed_by


class ApplicationHistoryCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int


class ApplicationHistory:
    """Every status change. The recruiter side sees who and their notes; the candidate sees
    a timeline of dates and stages only."""

    def __init__(
        self,
        applications: ApplicationRepository,
        jobs: JobRepository,
        companies: CompanyRepository,
    ) -> None:
        self._applications = applications
        self._jobs = jobs
        self._companies = companies

    async def __call__(self, cmd: ApplicationHistoryCommand) -> list[HistoryEntry]:
        application = await self._applications.get(cmd.application_id)
        if application is None:
            raise NotFound("Application not found.")
        is_candidate = application.candidate_id == cmd.actor.require_id()
        if not is_candidate:
            await job_managed_by(cmd.actor, application.job_id, self._jobs, self._companies)
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

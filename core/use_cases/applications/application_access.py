"""Who may see and act on an application: its candidate, and the members of the job's company
who manage the job (see ``JobAccess``). To anybody else an application does not exist (404),
so its id tells a stranger nothing."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.accounts.user import User
from core.domain.applications.application import Application
from core.domain.errors import NotFound, PermissionDenied
from core.ports.application_repository import ApplicationRepository
from core.use_cases.jobs.job_access import JobAccess


@dataclass(frozen=True, slots=True)
class SeenApplication:
    application: Application
    #: The caller is the candidate who applied (else: a manager of the job).
    by_candidate: bool


class ApplicationAccess:
    def __init__(self, applications: ApplicationRepository, jobs: JobAccess) -> None:
        self._applications = applications
        self._jobs = jobs

    async def seen(self, actor: User, application_id: int) -> SeenApplication:
        """The application, for its candidate or a manager of its job; else 404."""
        application = await self._applications.get(application_id)
        if application is not None:
            if application.candidate_id == actor.require_id():
                return SeenApplication(application=application, by_candidate=True)
            if await self._jobs.manages_job_id(actor, application.job_id):
                return SeenApplication(application=application, by_candidate=False)
        raise NotFound("Application not found.")

    async def managed(self, actor: User, application_id: int) -> Application:
        """The application, for a manager of its job. Its candidate is refused (403); anyone
        else is told it does not exist (404)."""
        seen = await self.seen(actor, application_id)
        if seen.by_candidate:
            raise PermissionDenied("Only the job's recruiter or its company's admin can do this.")
        return seen.application

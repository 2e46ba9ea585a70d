from __future__ import annotations

from typing import Protocol

from core.domain.applications.application import Application, Status, StatusChange
from core.domain.applications.views import (
    ApplicationContext,
    ApplicationCreated,
    ApplicationFilters,
    JobApplication,
    MyApplication,
)
from core.domain.pages import Listing, Page


class ApplicationRepository(Protocol):
    async def add(self, application: Application) -> Application:
        """Raises ``AlreadyApplied`` when the candidate already applied (a unique constraint:
        of concurrent duplicates exactly one succeeds)."""
        ...

    async def get(self, application_id: int) -> Application | None: ...

    async def move(self, application: Application, previous: Status) -> bool:
        """Store the application's new status (and ``updated_at``) if it is still
        ``previous``, in one conditional write: of two concurrent moves from the same status
        exactly one succeeds. ``False`` when someone moved it meanwhile (nothing written)."""
        ...

    async def record(self, change: StatusChange) -> None: ...

    async def history(self, application_id: int) -> list[StatusChange]: ...

    async def pending_for_job(self, job_id: int) -> list[Application]: ...


class ApplicationQueries(Protocol):
    async def created_view(self, application_id: int) -> ApplicationCreated: ...

    async def mine(
        self, candidate_id: int, filters: ApplicationFilters, page: Page
    ) -> Listing[MyApplication]: ...

    async def for_job(
        self, job_id: int, filters: ApplicationFilters, page: Page
    ) -> Listing[JobApplication]: ...

    async def context(self, application_id: int) -> ApplicationContext | None: ...

    async def candidate_application(self, job_id: int, candidate_id: int) -> int | None: ...

    async def open_applications(self, job_id: int) -> list[int]:
        """Ids of the job's applications that are not final."""
        ...


class ApplicationQuota(Protocol):
    """The seam where a free plan limits applications: raises ``PaymentRequired`` (402)."""

    async def check(self, candidate_id: int) -> None: ...

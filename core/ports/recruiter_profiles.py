from __future__ import annotations

from typing import Protocol

from core.domain.profiles.recruiter import RecruiterProfile


class RecruiterProfileRepository(Protocol):
    async def by_user(self, user_id: int) -> RecruiterProfile | None: ...

    async def update(self, profile: RecruiterProfile) -> None: ...

    async def member_profile(self, company_id: int, user_id: int) -> RecruiterProfile | None: ...

    async def hires_and_active_jobs(self, user_id: int, company_id: int | None) -> tuple[int, int]:
        """(accepted applications on every job the recruiter posted, the active jobs they
        posted for ``company_id`` -- the team they are in now, the only jobs they manage)."""
        ...

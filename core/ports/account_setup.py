from __future__ import annotations

from typing import Protocol


class AccountSetup(Protocol):
    """Creates what a new account of each type starts with (written by the profiles module)."""

    async def create_candidate_profile(self, user_id: int) -> None: ...

    async def company_name_taken(self, name: str) -> bool: ...

    async def create_company_for(self, admin_user_id: int, company_name: str) -> int:
        """A company administered by ``admin_user_id``, with a unique slug; returns its id.
        Raises ``CompanyNameTaken`` when the name is taken (ignoring case)."""
        ...

    async def create_recruiter_profile(self, user_id: int, company_id: int) -> None: ...

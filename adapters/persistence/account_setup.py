from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.companies import insert_company
from adapters.persistence.tables.companies import companies
from adapters.persistence.tables.profiles import candidate_profiles, recruiter_profiles
from core.domain.companies.company import company_name_key
from core.ports.account_setup import AccountSetup
from core.ports.clock import Clock


class SqlAccountSetup(AccountSetup):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def create_candidate_profile(self, user_id: int) -> None:
        now = self._clock.now()
        await self._session.execute(
            candidate_profiles.insert().values(user_id=user_id, created_at=now, updated_at=now)
        )

    async def company_name_taken(self, name: str) -> bool:
        query = select(companies.c.id).where(companies.c.name_key == company_name_key(name))
        return (await self._session.execute(query.limit(1))).first() is not None

    async def create_company_for(self, admin_user_id: int, company_name: str) -> int:
        return await insert_company(
            self._session, admin_user_id=admin_user_id, name=company_name, now=self._clock.now()
        )

    async def create_recruiter_profile(self, user_id: int, company_id: int) -> None:
        now = self._clock.now()
        await self._session.execute(
            recruiter_profiles.insert().values(
                user_id=user_id, company_id=company_id, created_at=now, updated_at=now
            )
        )

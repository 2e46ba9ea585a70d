from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables import candidate_profiles, companies, recruiter_profiles
from core.domain.slugs import slugify
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

    async def create_company_for(self, admin_user_id: int, company_name: str) -> int:
        now = self._clock.now()
        base = slugify(company_name) or "company"
        rows = await self._session.execute(
            select(companies.c.slug).where(companies.c.slug.like(f"{base}%"))
        )
        taken = {row[0] for row in rows}
        for attempt in range(50):
            slug = base if attempt == 0 else f"{base}-{attempt + 1}"
            if slug in taken:
                continue
            try:
                async with self._session.begin_nested():
                    result = await self._session.execute(
                        companies.insert()
                        .values(
                            name=company_name,
                            slug=slug,
                            admin_id=admin_user_id,
                            created_at=now,
                            updated_at=now,
                        )
                        .returning(companies.c.id)
                    )
                return int(result.scalar_one())
            except IntegrityError as exc:  # a concurrent company took the slug first
                if "slug" not in violated_constraint(exc):
                    raise
                taken.add(slug)
        raise RuntimeError("could not find a free company slug")  # pragma: no cover

    async def create_recruiter_profile(self, user_id: int, company_id: int) -> None:
        now = self._clock.now()
        await self._session.execute(
            recruiter_profiles.insert().values(
                user_id=user_id, company_id=company_id, created_at=now, updated_at=now
            )
        )

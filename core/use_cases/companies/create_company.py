from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.companies.company import company_problems
from core.domain.companies.views import CompanyDetail
from core.domain.errors import Conflict, NotFound, ValidationFailed
from core.ports.clock import Clock
from core.ports.company_repository import CompanyQueries, CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.transaction_manager import TransactionManager


class CreateCompanyCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    name: str


class CreateCompany:
    """A recruiter who is in no team (they left one, or were removed) starts a company of their
    own and becomes its admin. Every recruiter gets one at sign-up; this is the way back."""

    def __init__(
        self,
        tx: TransactionManager,
        companies: CompanyRepository,
        queries: CompanyQueries,
        recruiters: RecruiterProfileRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._companies = companies
        self._queries = queries
        self._recruiters = recruiters
        self._clock = clock

    async def __call__(self, cmd: CreateCompanyCommand) -> CompanyDetail:
        require_type(cmd.actor, UserType.RECRUITER)
        profile = await self._recruiters.by_user(cmd.actor.require_id())
        if profile is None:
            raise NotFound("Recruiter profile not found.")
        if profile.company_id is not None:
            raise Conflict("You are already in a company's team; leave it first.")
        name = cmd.name.strip()
        if errors := company_problems({"name": name}, self._clock.now().year):
            raise ValidationFailed(errors)
        # Raises CompanyNameTaken when the name is taken (ignoring case and spacing).
        company_id = await self._companies.create(cmd.actor.require_id(), name)
        profile.company_id = company_id
        await self._recruiters.update(profile)
        await self._tx.commit()
        detail = await self._queries.detail(company_id)
        assert detail is not None
        return detail

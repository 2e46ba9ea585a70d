from __future__ import annotations

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.companies.views import CompanyDetail
from core.domain.errors import Conflict, ValidationFailed
from core.ports.company_repository import CompanyQueries, CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.companies._admin import administered_company


class AddTeamMemberCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    email: str
    role: str = ""


class AddTeamMember:
    """The company admin adds an existing recruiter by e-mail.

    Every recruiter starts with a company of their own. They may join another team only while
    that first company is untouched — no other member and no job — and it is then removed;
    a recruiter with a real company of their own has to leave it first.
    """

    def __init__(
        self,
        tx: TransactionManager,
        companies: CompanyRepository,
        queries: CompanyQueries,
        recruiters: RecruiterProfileRepository,
        users: UserRepository,
    ) -> None:
        self._tx = tx
        self._companies = companies
        self._queries = queries
        self._recruiters = recruiters
        self._users = users

    async def __call__(self, cmd: AddTeamMemberCommand) -> CompanyDetail:
        company = await administered_company(cmd.actor, cmd.company_id, self._companies)
        if len(cmd.role) > 100:
            raise ValidationFailed.single(
                "role", "Ensure this field has no more than 100 characters."
            )
        user = await self._users.by_email(cmd.email)
        if user is None or user.user_type is not UserType.RECRUITER:
            raise ValidationFailed.single("email", "No recruiter account uses this e-mail address.")
        profile = await self._recruiters.by_user(user.require_id())
        if profile is None:
            raise ValidationFailed.single("email", "No recruiter account uses this e-mail address.")
        if profile.company_id == company.id:
            raise Conflict("This recruiter is already in the team.")
        old = await self._companies.get(profile.company_id) if profile.company_id else None
        if old is not None:
            untouched = (
                old.admin_id == user.require_id()
                and await self._companies.member_count(old.id) == 1
                and await self._companies.job_count(old.id) == 0
            )
            if not untouched:
                raise Conflict("This recruiter already belongs to another company's team.")
        profile.company_id = company.id
        profile.role = cmd.role.strip()
        await self._recruiters.update(profile)
        if old is not None:
            await self._companies.delete(old.id)
        await self._tx.commit()
        detail = await self._queries.detail(company.id)
        assert detail is not None
        return detail

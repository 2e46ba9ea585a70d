from __future__ import annotations

import msgspec

from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound
from core.ports.company_repository import CompanyRepository
from core.ports.transaction_manager import TransactionManager


class FollowCompanyCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    company_id: int
    follow: bool = True


class FollowCompany:
    """Candidates follow (or unfollow) a company to hear about its new jobs. Idempotent."""

    def __init__(self, tx: TransactionManager, companies: CompanyRepository) -> None:
        self._tx = tx
        self._companies = companies

    async def __call__(self, cmd: FollowCompanyCommand) -> bool:
        require_type(cmd.actor, UserType.CANDIDATE)
        if await self._companies.get(cmd.company_id) is None:
            raise NotFound("Company not found.")
        if cmd.follow:
            changed = await self._companies.follow(cmd.company_id, cmd.actor.require_id())
        else:
            changed = await self._companies.unfollow(cmd.company_id, cmd.actor.require_id())
        await self._tx.commit()
        return changed

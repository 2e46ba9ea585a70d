from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.patches import sent
from core.domain.profiles.recruiter import LIMITS, RecruiterProfileChanges
from core.domain.profiles.views import RecruiterProfileView
from core.ports.clock import Clock
from core.ports.company_repository import CompanyRepository
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.profiles.get_recruiter_profile import own_recruiter_profile, recruiter_view


class UpdateRecruiterProfileCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    changes: RecruiterProfileChanges


class UpdateRecruiterProfile:
    def __init__(
        self,
        tx: TransactionManager,
        recruiters: RecruiterProfileRepository,
        companies: CompanyRepository,
        users: UserRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._recruiters = recruiters
        self._companies = companies
        self._users = users
        self._clock = clock

    async def __call__(self, cmd: UpdateRecruiterProfileCommand) -> RecruiterProfileView:
        profile = await own_recruiter_profile(cmd.actor, self._recruiters)
        changes: dict[str, str] = {k: v.strip() for k, v in sent(cmd.changes).items()}
        errors = {
            name: [f"Ensure this field has no more than {LIMITS[name]} characters."]
            for name, value in changes.items()
            if len(value) > LIMITS[name]
        }
        if errors:
            raise ValidationFailed(errors)
        if "bio" in changes:
            cmd.actor.bio = changes.pop("bio")
            cmd.actor.updated_at = self._clock.now()
            await self._users.update(cmd.actor)
        for name, value in changes.items():
            setattr(profile, name, value)
        await self._recruiters.update(profile)
        await self._tx.commit()
        return await recruiter_view(cmd.actor, profile, self._recruiters, self._companies)

from __future__ import annotations

import msgspec

from core.domain.accounts.profile_fields import field_problems
from core.domain.accounts.user import User, UserChanges
from core.domain.errors import NotFound, ValidationFailed
from core.domain.patches import sent
from core.ports.clock import Clock
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository


class UpdateMeCommand(msgspec.Struct, frozen=True, kw_only=True):
    user_id: int
    changes: UserChanges


class UpdateMe:
    def __init__(self, tx: TransactionManager, users: UserRepository, clock: Clock) -> None:
        self._tx = tx
        self._users = users
        self._clock = clock

    async def __call__(self, cmd: UpdateMeCommand) -> User:
        changes: dict[str, str] = {name: value.strip() for name, value in sent(cmd.changes).items()}
        if errors := field_problems(changes):
            raise ValidationFailed(errors)
        user = await self._users.get(cmd.user_id)
        if user is None:
            raise NotFound()
        for name, value in changes.items():
            setattr(user, name, value)
        if changes:
            user.updated_at = self._clock.now()
            await self._users.update(user)
            await self._tx.commit()
        return user

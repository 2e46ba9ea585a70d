from __future__ import annotations

import msgspec

from core.domain.accounts.identifiers import email_problem, normalize_email, username_problem
from core.domain.accounts.passwords import password_problems
from core.domain.accounts.user import User, UserType
from core.domain.errors import ValidationFailed
from core.ports.clock import Clock
from core.ports.password_hasher import PasswordHasher
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository


class CreateAdminCommand(msgspec.Struct, frozen=True, kw_only=True):
    username: str
    email: str
    password: str


class CreateAdmin:
    """A site administrator, active at once (created by an operator, not by sign-up)."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        hasher: PasswordHasher,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._users = users
        self._hasher = hasher
        self._clock = clock

    async def __call__(self, cmd: CreateAdminCommand) -> User:
        errors: dict[str, list[str]] = {}
        if problem := username_problem(cmd.username):
            errors["username"] = [problem]
        if problem := email_problem(cmd.email):
            errors["email"] = [problem]
        if problems := password_problems(cmd.password, username=cmd.username, email=cmd.email):
            errors["password"] = problems
        if errors:
            raise ValidationFailed(errors)
        now = self._clock.now()
        user = await self._users.add(
            User(
                username=cmd.username,
                email=normalize_email(cmd.email),
                password_hash=await self._hasher.hash(cmd.password),
                user_type=UserType.ADMIN,
                is_active=True,
                email_verified=True,
                created_at=now,
                updated_at=now,
            )
        )
        await self._tx.commit()
        return user

from __future__ import annotations

import msgspec

from core.domain.accounts.identifiers import email_problem, normalize_email, username_problem
from core.domain.accounts.passwords import password_problems
from core.domain.accounts.profile_fields import field_problems
from core.domain.accounts.user import SELF_REGISTRABLE_TYPES, User, UserType
from core.domain.errors import ValidationFailed
from core.ports.clock import Clock
from core.ports.password_hasher import PasswordHasher
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository

#: The accounts nobody can sign up for: an operator creates them (``hireflow users create``).
INTERNAL_TYPES = tuple(sorted(t.value for t in UserType if t not in SELF_REGISTRABLE_TYPES))


class CreateInternalAccountCommand(msgspec.Struct, frozen=True, kw_only=True):
    username: str
    email: str
    password: str
    #: ``admin`` (a site administrator) or ``ngo_manager``.
    user_type: str = UserType.ADMIN.value
    first_name: str = ""
    last_name: str = ""


class CreateInternalAccount:
    """A site administrator or an NGO manager, active at once: the internal accounts that
    registration refuses, created by an operator of the site rather than by sign-up."""

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

    async def __call__(self, cmd: CreateInternalAccountCommand) -> User:
        errors: dict[str, list[str]] = {}
        if cmd.user_type not in INTERNAL_TYPES:
            errors["user_type"] = [
                f'"{cmd.user_type}" is not an internal account type: choose one of '
                f"{', '.join(INTERNAL_TYPES)} (candidates and recruiters sign up themselves)."
            ]
        if problem := username_problem(cmd.username):
            errors["username"] = [problem]
        if problem := email_problem(cmd.email):
            errors["email"] = [problem]
        if problems := password_problems(
            cmd.password,
            username=cmd.username,
            email=cmd.email,
            first_name=cmd.first_name,
            last_name=cmd.last_name,
        ):
            errors["password"] = problems
        errors.update(field_problems({"first_name": cmd.first_name, "last_name": cmd.last_name}))
        if errors:
            raise ValidationFailed(errors)
        now = self._clock.now()
        user = await self._users.add(
            User(
                username=cmd.username,
                email=normalize_email(cmd.email),
                password_hash=await self._hasher.hash(cmd.password),
                first_name=cmd.first_name.strip(),
                last_name=cmd.last_name.strip(),
                user_type=UserType(cmd.user_type),
                is_active=True,
                email_verified=True,
                created_at=now,
                updated_at=now,
            )
        )
        await self._tx.commit()
        return user

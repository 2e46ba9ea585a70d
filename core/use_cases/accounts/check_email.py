from __future__ import annotations

import msgspec

from core.domain.accounts.identifiers import email_problem
from core.domain.errors import ValidationFailed
from core.ports.user_repository import UserRepository


class CheckEmailCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: str


class EmailAvailability(msgspec.Struct, frozen=True, kw_only=True):
    available: bool


class CheckEmail:
    def __init__(self, users: UserRepository) -> None:
        self._users = users

    async def __call__(self, cmd: CheckEmailCommand) -> EmailAvailability:
        problem = email_problem(cmd.email)
        if problem:
            raise ValidationFailed.single("email", problem)
        return EmailAvailability(available=not await self._users.email_taken(cmd.email))

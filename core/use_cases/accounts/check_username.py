from __future__ import annotations

import random

import msgspec

from core.domain.accounts.identifiers import username_key, username_problem
from core.domain.accounts.usernames import username_candidates
from core.domain.errors import ValidationFailed
from core.ports.clock import Clock
from core.ports.user_repository import UserRepository

MAX_SUGGESTIONS = 3


class CheckUsernameCommand(msgspec.Struct, frozen=True, kw_only=True):
    username: str


class UsernameAvailability(msgspec.Struct, frozen=True, kw_only=True):
    available: bool
    suggestions: list[str] = msgspec.field(default_factory=list)


class CheckUsername:
    """Is the username free? If not, up to three alternatives that are valid and free now."""

    def __init__(
        self, users: UserRepository, clock: Clock, rng: random.Random | None = None
    ) -> None:
        self._users = users
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311 - suggestions, not secrets

    async def __call__(self, cmd: CheckUsernameCommand) -> UsernameAvailability:
        problem = username_problem(cmd.username)
        if problem:
            raise ValidationFailed.single("username", problem)
        if not await self._users.taken_usernames([username_key(cmd.username)]):
            return UsernameAvailability(available=True)
        return UsernameAvailability(
            available=False, suggestions=await self.free_alternatives(cmd.username)
        )

    async def free_alternatives(self, wanted: str) -> list[str]:
        """Up to ``MAX_SUGGESTIONS`` free valid usernames made from ``wanted``, most natural
        first (none when five draws found every one taken)."""
        year = self._clock.now().year
        for _attempt in range(5):
            names = username_candidates(wanted, year=year, rng=self._rng)
            taken = await self._users.taken_usernames(username_key(n) for n in names)
            free = [n for n in names if username_key(n) not in taken]
            if free:
                return free[:MAX_SUGGESTIONS]
        return []

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from core.domain.accounts.user import User


class UserRepository(Protocol):
    """Users. Uniqueness of e-mail and username (case-insensitive) is the store's to enforce:
    ``add``/``update`` raise ``core.domain.accounts.errors.DuplicateIdentifier`` on a clash."""

    async def add(self, user: User) -> User: ...

    async def update(self, user: User) -> None: ...

    async def get(self, user_id: int) -> User | None: ...

    async def by_login(self, login: str) -> User | None:
        """The user whose username or e-mail is ``login``, compared case-insensitively."""
        ...

    async def by_email(self, email: str) -> User | None: ...

    async def by_linkedin_sub(self, sub: str) -> User | None: ...

    async def email_taken(self, email: str) -> bool: ...

    async def taken_usernames(self, candidates: Iterable[str]) -> set[str]:
        """The subset of ``candidates`` (as ``username_key``) that belong to somebody."""
        ...

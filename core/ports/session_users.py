from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.domain.accounts.user import User


@dataclass(frozen=True, slots=True)
class SessionUser:
    user: User
    #: The session (token family) exists for this user and has not ended.
    session_open: bool


class SessionUsers(Protocol):
    """Who an access token speaks for, read once per request: the user and the state of the
    session the token belongs to, together (one read, not one for each)."""

    async def user_in_session(self, user_id: int, family: str) -> SessionUser | None:
        """``None`` when there is no such user."""
        ...

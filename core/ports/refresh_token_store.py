from __future__ import annotations

from datetime import datetime
from typing import Protocol


class RefreshTokenStore(Protocol):
    """Server-side record of sessions (token families) and of the refresh tokens issued in
    them: rotation, reuse detection, revocation. Ending a session (``revoke_family``,
    ``revoke_all_for_user``) also ends its access tokens (see ``SessionUsers``)."""

    async def open_family(self, *, family: str, user_id: int) -> None:
        """Record a new session."""
        ...

    async def add(self, *, jti: str, family: str, user_id: int, expires_at: datetime) -> None: ...

    async def use(self, jti: str, now: datetime) -> bool:
        """Mark ``jti`` used. True only for the one caller that found it unused and unrevoked."""
        ...

    async def is_live(self, jti: str, now: datetime) -> bool:
        """Known, unused, unrevoked and unexpired."""
        ...

    async def revoke_family(self, family: str, now: datetime) -> None:
        """End the session: its refresh tokens and its access tokens stop working."""
        ...

    async def revoke_all_for_user(self, user_id: int, now: datetime) -> None:
        """End every session of the user."""
        ...

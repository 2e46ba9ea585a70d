from __future__ import annotations

from datetime import datetime
from typing import Protocol


class RefreshTokenStore(Protocol):
    """Server-side record of issued refresh tokens: rotation, reuse detection, revocation."""

    async def add(self, *, jti: str, family: str, user_id: int, expires_at: datetime) -> None: ...

    async def use(self, jti: str, now: datetime) -> bool:
        """Mark ``jti`` used. True only for the one caller that found it unused and unrevoked."""
        ...

    async def is_live(self, jti: str, now: datetime) -> bool:
        """Known, unused, unrevoked and unexpired."""
        ...

    async def revoke_family(self, family: str, now: datetime) -> None: ...

    async def revoke_all_for_user(self, user_id: int, now: datetime) -> None: ...

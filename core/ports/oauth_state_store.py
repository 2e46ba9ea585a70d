from __future__ import annotations

from datetime import datetime
from typing import Protocol


class OAuthStateStore(Protocol):
    """Single-use, expiring OAuth ``state`` values, shared by every server process."""

    async def add(self, state: str, expires_at: datetime) -> None: ...

    async def consume(self, state: str, now: datetime) -> bool:
        """True once for a known, unexpired state; False forever after and for unknown ones."""
        ...

from __future__ import annotations

from dataclasses import dataclass

from core.domain.accounts.user import User


@dataclass(frozen=True, slots=True)
class CurrentUser:
    """The authenticated caller (resolved per request; missing/invalid token → 401)."""

    user: User

    @property
    def id(self) -> int:
        return self.user.require_id()


@dataclass(frozen=True, slots=True)
class MaybeUser:
    """The caller if a valid bearer token was sent, else ``None`` (a bad token is ignored:
    public operations answer the same with it as without)."""

    user: User | None

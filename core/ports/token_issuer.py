from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol

import msgspec

TokenType = Literal["access", "refresh"]


class IssuedTokens(msgspec.Struct, frozen=True, kw_only=True):
    access: str
    refresh: str
    refresh_jti: str
    family: str
    refresh_expires_at: datetime


class TokenClaims(msgspec.Struct, frozen=True, kw_only=True):
    user_id: int
    token_type: TokenType
    jti: str
    version: int
    family: str | None = None
    #: When it stops being valid (an open socket is closed then).
    expires_at: datetime | None = None


class TokenIssuer(Protocol):
    """Signed session tokens (JWT). ``read`` raises ``InvalidToken`` for anything not valid."""

    def issue(self, *, user_id: int, version: int, family: str | None = None) -> IssuedTokens: ...

    def read(self, token: str, expected: TokenType | None = None) -> TokenClaims: ...

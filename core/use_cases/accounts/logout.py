from __future__ import annotations

import msgspec

from core.ports.clock import Clock
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.token_issuer import TokenIssuer
from core.ports.transaction_manager import TransactionManager


class LogoutCommand(msgspec.Struct, frozen=True, kw_only=True):
    refresh: str


class Logout:
    """End a session: the refresh token and every token rotated from it stop working."""

    def __init__(
        self,
        tx: TransactionManager,
        tokens: TokenIssuer,
        refresh_tokens: RefreshTokenStore,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._clock = clock

    async def __call__(self, cmd: LogoutCommand) -> None:
        claims = self._tokens.read(cmd.refresh, expected="refresh")
        assert claims.family is not None
        await self._refresh_tokens.revoke_family(claims.family, self._clock.now())
        await self._tx.commit()

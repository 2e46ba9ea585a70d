from __future__ import annotations

import msgspec

from core.domain.accounts.errors import InvalidToken
from core.ports.clock import Clock
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.token_issuer import TokenIssuer
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import TokenPair, open_session


class RefreshTokensCommand(msgspec.Struct, frozen=True, kw_only=True):
    refresh: str


class RefreshTokens:
    """Rotate a refresh token (RFC 9700 §4.14.2): each one works once and yields a new pair.

    Presenting a refresh token that was already rotated means two parties hold it — the family
    it belongs to is revoked, so neither the thief nor the victim can go on with it.
    """

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        tokens: TokenIssuer,
        refresh_tokens: RefreshTokenStore,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._users = users
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._clock = clock

    async def __call__(self, cmd: RefreshTokensCommand) -> TokenPair:
        claims = self._tokens.read(cmd.refresh, expected="refresh")
        assert claims.family is not None  # the issuer guarantees it for refresh tokens
        now = self._clock.now()
        if not await self._refresh_tokens.use(claims.jti, now):
            await self._refresh_tokens.revoke_family(claims.family, now)
            await self._tx.commit()
            raise InvalidToken("Token is blacklisted: it was already used or revoked.")
        user = await self._users.get(claims.user_id)
        if user is None or not user.is_active or user.token_version != claims.version:
            await self._refresh_tokens.revoke_family(claims.family, now)
            await self._tx.commit()
            raise InvalidToken("User not found, inactive or session ended.")
        pair = await open_session(
            user, tokens=self._tokens, store=self._refresh_tokens, family=claims.family
        )
        await self._tx.commit()
        return pair

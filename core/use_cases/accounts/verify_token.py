from __future__ import annotations

import msgspec

from core.domain.accounts.errors import InvalidToken
from core.ports.clock import Clock
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.token_issuer import TokenIssuer
from core.ports.user_repository import UserRepository


class VerifyTokenCommand(msgspec.Struct, frozen=True, kw_only=True):
    token: str


class VerifyToken:
    """Is this access or refresh token one the API would accept right now?"""

    def __init__(
        self,
        users: UserRepository,
        tokens: TokenIssuer,
        refresh_tokens: RefreshTokenStore,
        clock: Clock,
    ) -> None:
        self._users = users
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._clock = clock

    async def __call__(self, cmd: VerifyTokenCommand) -> None:
        claims = self._tokens.read(cmd.token)
        if claims.token_type == "refresh" and not await self._refresh_tokens.is_live(
            claims.jti, self._clock.now()
        ):
            raise InvalidToken("Token is blacklisted.")
        user = await self._users.get(claims.user_id)
        if user is None or not user.is_active or user.token_version != claims.version:
            raise InvalidToken("Token is invalid or expired.")

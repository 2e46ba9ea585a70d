from __future__ import annotations

import msgspec

from core.domain.accounts.errors import InvalidToken
from core.ports.clock import Clock
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.session_users import SessionUsers
from core.ports.token_issuer import TokenIssuer, TokenType
from core.use_cases.accounts.authenticate import session_problem


class VerifyTokenCommand(msgspec.Struct, frozen=True, kw_only=True):
    token: str


class VerifiedToken(msgspec.Struct, frozen=True, kw_only=True):
    #: "access" or "refresh": both can be verified, and the answer says which one it was.
    token_type: TokenType


class VerifyToken:
    """Would the API accept this token right now? An access token: for authenticated
    requests; a refresh token: for one rotation. Either is refused once its session ended,
    its user changed password or was disabled; a refresh token also once it was used."""

    def __init__(
        self,
        sessions: SessionUsers,
        tokens: TokenIssuer,
        refresh_tokens: RefreshTokenStore,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._clock = clock

    async def __call__(self, cmd: VerifyTokenCommand) -> VerifiedToken:
        claims = self._tokens.read(cmd.token)
        if claims.token_type == "refresh" and not await self._refresh_tokens.is_live(
            claims.jti, self._clock.now()
        ):
            raise InvalidToken("Token is blacklisted: it was already used or revoked.")
        found = (
            await self._sessions.user_in_session(claims.user_id, claims.family)
            if claims.family
            else None
        )
        if problem := session_problem(claims, found):
            raise InvalidToken(problem)
        assert found is not None
        if not found.user.is_active:
            raise InvalidToken("User is inactive.")
        return VerifiedToken(token_type=claims.token_type)

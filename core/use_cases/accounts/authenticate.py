from __future__ import annotations

from core.domain.accounts.errors import AccountDisabled, InvalidToken
from core.domain.accounts.user import User
from core.ports.session_users import SessionUser, SessionUsers
from core.ports.token_issuer import TokenClaims, TokenIssuer


def session_problem(claims: TokenClaims, found: SessionUser | None) -> str | None:
    """Why a well-signed, unexpired token no longer speaks for its user, or ``None``."""
    if claims.family is None:
        return "This token belongs to no session: refresh it or log in again."
    if found is None:
        return "User not found."
    if not found.session_open:
        return "This session has ended (logged out or revoked): log in again."
    if found.user.token_version != claims.version:
        return "This session has ended (password changed or account disabled): log in again."
    return None


class Authenticate:
    """Who is asking: the active user an access token was issued to, or ``InvalidToken``.

    A token speaks for its user only while its session is open: logging out, a detected
    refresh-token reuse and a password reset end sessions, and their access tokens are refused
    from the next request on, not when they expire. The user and their session are read
    together, in the one query every authenticated request makes anyway.
    """

    def __init__(self, sessions: SessionUsers, tokens: TokenIssuer) -> None:
        self._sessions = sessions
        self._tokens = tokens

    async def __call__(self, access_token: str) -> User:
        claims = self._tokens.read(access_token, expected="access")
        found = (
            await self._sessions.user_in_session(claims.user_id, claims.family)
            if claims.family
            else None
        )
        if problem := session_problem(claims, found):
            raise InvalidToken(problem)
        assert found is not None  # session_problem says so otherwise
        user = found.user
        if not user.is_active:
            if user.email_verified:
                raise AccountDisabled()
            raise InvalidToken("User is inactive.")
        return user

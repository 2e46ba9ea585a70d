from __future__ import annotations

from core.domain.accounts.errors import AccountDisabled, InvalidToken
from core.domain.accounts.user import User
from core.ports.token_issuer import TokenIssuer
from core.ports.user_repository import UserRepository


class Authenticate:
    """Who is asking: the active user an access token was issued to, or ``InvalidToken``.

    A token issued before the password was reset or the account disabled carries an old
    ``version`` and is refused, which is how "end every session" reaches access tokens too.
    """

    def __init__(self, users: UserRepository, tokens: TokenIssuer) -> None:
        self._users = users
        self._tokens = tokens

    async def __call__(self, access_token: str) -> User:
        claims = self._tokens.read(access_token, expected="access")
        user = await self._users.get(claims.user_id)
        if user is None or user.token_version != claims.version:
            raise InvalidToken("User not found or session ended.")
        if not user.is_active:
            if user.email_verified:
                raise AccountDisabled()
            raise InvalidToken("User is inactive.")
        return user

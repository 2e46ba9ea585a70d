from __future__ import annotations

import msgspec

from core.domain.accounts.errors import AccountDisabled, EmailNotVerified, InvalidCredentials
from core.domain.accounts.passwords import MAX_LENGTH, TOO_LONG
from core.domain.errors import ValidationFailed
from core.ports.clock import Clock
from core.ports.password_hasher import PasswordHasher
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.token_issuer import TokenIssuer
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import TokenPair, open_session


class ObtainTokensCommand(msgspec.Struct, frozen=True, kw_only=True):
    #: A username or an e-mail address, in any case.
    login: str
    password: str


class ObtainTokens:
    """Log in. The password is checked first, so the answers below reveal nothing to somebody
    who does not know it: wrong credentials → 401; right password but e-mail not verified → 401
    saying so; right password but account disabled → 403."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        hasher: PasswordHasher,
        tokens: TokenIssuer,
        refresh_tokens: RefreshTokenStore,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._users = users
        self._hasher = hasher
        self._tokens = tokens
        self._refresh_tokens = refresh_tokens
        self._clock = clock

    async def __call__(self, cmd: ObtainTokensCommand) -> TokenPair:
        if len(cmd.password) > MAX_LENGTH:
            # No password this long was ever accepted: refuse it before spending a hash on it.
            raise ValidationFailed.single("password", TOO_LONG)
        user = await self._users.by_login(cmd.login)  # a blank login finds nobody
        if user is None or user.password_hash is None:
            await self._hasher.burn(cmd.password)
            raise InvalidCredentials()
        if not await self._hasher.verify(user.password_hash, cmd.password):
            raise InvalidCredentials()
        if not user.email_verified:
            raise EmailNotVerified()
        if not user.is_active:
            raise AccountDisabled()
        now = self._clock.now()
        if self._hasher.needs_rehash(user.password_hash):
            user.password_hash = await self._hasher.hash(cmd.password)
        user.last_login = now
        await self._users.update(user)
        pair = await open_session(user, tokens=self._tokens, store=self._refresh_tokens)
        await self._tx.commit()
        return pair

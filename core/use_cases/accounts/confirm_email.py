from __future__ import annotations

import msgspec

from core.domain.accounts.errors import InvalidActionToken
from core.domain.accounts.user import User
from core.ports.action_tokens import ActionTokens
from core.ports.clock import Clock
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import activation_fingerprint

INVALID_ACTIVATION_TOKEN = "Invalid or expired activation token"


class ConfirmEmailCommand(msgspec.Struct, frozen=True, kw_only=True):
    token: str


class EmailConfirmation(msgspec.Struct, frozen=True, kw_only=True):
    user: User
    already_verified: bool


class ConfirmEmail:
    """Activate an account from the e-mailed link. A second use answers "already verified"
    and changes nothing — in particular it never re-enables an account an admin disabled."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        action_tokens: ActionTokens,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._users = users
        self._action_tokens = action_tokens
        self._clock = clock

    async def __call__(self, cmd: ConfirmEmailCommand) -> EmailConfirmation:
        claims = self._action_tokens.read(cmd.token, purpose="activation")
        user = await self._users.get(claims.user_id) if claims else None
        if (
            claims is None
            or user is None
            or claims.fingerprint != activation_fingerprint(user, self._action_tokens)
        ):
            raise InvalidActionToken(INVALID_ACTIVATION_TOKEN)
        if user.email_verified:
            return EmailConfirmation(user=user, already_verified=True)
        user.verify_email(self._clock.now())
        await self._users.update(user)
        await self._tx.commit()
        return EmailConfirmation(user=user, already_verified=False)

from __future__ import annotations

import msgspec

from core.domain.accounts.errors import InvalidActionToken
from core.domain.accounts.passwords import MISMATCH, password_problems
from core.domain.errors import ValidationFailed
from core.ports.action_tokens import ActionTokens
from core.ports.clock import Clock
from core.ports.password_hasher import PasswordHasher
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import reset_fingerprint

INVALID_RESET_TOKEN = "Invalid or expired password reset token."


class ConfirmPasswordResetCommand(msgspec.Struct, frozen=True, kw_only=True):
    token: str
    password: str
    password_confirm: str


class ConfirmPasswordReset:
    """Set a new password from an e-mailed token, and end every session of the user."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        hasher: PasswordHasher,
        action_tokens: ActionTokens,
        refresh_tokens: RefreshTokenStore,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._users = users
        self._hasher = hasher
        self._action_tokens = action_tokens
        self._refresh_tokens = refresh_tokens
        self._clock = clock

    async def __call__(self, cmd: ConfirmPasswordResetCommand) -> None:
        claims = self._action_tokens.read(cmd.token, purpose="password_reset")
        user = await self._users.get(claims.user_id) if claims else None
        if (
            claims is None
            or user is None
            or claims.fingerprint != reset_fingerprint(user, self._action_tokens)
        ):
            raise InvalidActionToken(INVALID_RESET_TOKEN)
        if cmd.password != cmd.password_confirm:
            raise ValidationFailed.single("password_confirm", MISMATCH)
        problems = password_problems(
            cmd.password,
            username=user.username,
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
        )
        if problems:
            raise ValidationFailed({"password": problems})
        now = self._clock.now()
        user.set_password(await self._hasher.hash(cmd.password), now)
        if not user.email_verified:
            # The link reached the mailbox: that is exactly what activation proves.
            user.verify_email(now)
        await self._users.update(user)
        await self._refresh_tokens.revoke_all_for_user(user.require_id(), now)
        await self._tx.commit()

from __future__ import annotations

import msgspec

from core.domain.accounts.identifiers import email_problem
from core.domain.accounts.policy import AccountsPolicy
from core.domain.email import SendEmail
from core.domain.errors import ValidationFailed
from core.ports.action_tokens import ActionTokens
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import reset_fingerprint


class RequestPasswordResetCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: str
    locale: str


class RequestPasswordReset:
    """E-mail a reset link. The answer is the same whether or not the account exists."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        action_tokens: ActionTokens,
        tasks: TaskQueue,
        policy: AccountsPolicy,
    ) -> None:
        self._tx = tx
        self._users = users
        self._action_tokens = action_tokens
        self._tasks = tasks
        self._policy = policy

    async def __call__(self, cmd: RequestPasswordResetCommand) -> None:
        problem = email_problem(cmd.email)
        if problem:
            raise ValidationFailed.single("email", problem)
        user = await self._users.by_email(cmd.email)
        # A disabled account (verified, then switched off by an admin) gets nothing.
        if user is None or (user.email_verified and not user.is_active):
            return
        token = self._action_tokens.make(
            purpose="password_reset",
            user_id=user.require_id(),
            fingerprint=reset_fingerprint(user, self._action_tokens),
            ttl=self._policy.reset_ttl,
        )
        await self._tasks.enqueue(
            SendEmail(
                template="password_reset",
                to=user.email,
                locale=cmd.locale,
                context={
                    "first_name": user.first_name,
                    "username": user.username,
                    "link": self._policy.link("reset-password", token),
                    "minutes": str(int(self._policy.reset_ttl.total_seconds() // 60)),
                },
            )
        )
        await self._tx.commit()

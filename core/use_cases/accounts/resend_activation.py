from __future__ import annotations

import msgspec

from core.domain.accounts.identifiers import email_problem
from core.domain.accounts.policy import AccountsPolicy
from core.domain.errors import ValidationFailed
from core.ports.action_tokens import ActionTokens
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import activation_email


class ResendActivationCommand(msgspec.Struct, frozen=True, kw_only=True):
    #: The signed-in user, if any; otherwise ``email`` says whose link to resend.
    user_id: int | None = None
    email: str | None = None
    locale: str = "en"


class ResendOutcome(msgspec.Struct, frozen=True, kw_only=True):
    #: Only ever True for a signed-in caller: anonymous callers learn nothing about accounts.
    already_verified: bool = False


class ResendActivation:
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

    async def __call__(self, cmd: ResendActivationCommand) -> ResendOutcome:
        if cmd.user_id is not None:
            user = await self._users.get(cmd.user_id)
            if user is not None and user.email_verified:
                return ResendOutcome(already_verified=True)
        else:
            if not cmd.email:
                raise ValidationFailed.single("email", "This field is required.")
            if problem := email_problem(cmd.email):
                raise ValidationFailed.single("email", problem)
            user = await self._users.by_email(cmd.email)
        if user is None or user.email_verified:
            return ResendOutcome()
        await self._tasks.enqueue(
            activation_email(
                user, action_tokens=self._action_tokens, policy=self._policy, locale=cmd.locale
            )
        )
        await self._tx.commit()
        return ResendOutcome()

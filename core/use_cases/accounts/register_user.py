from __future__ import annotations

import msgspec

from core.domain.accounts.errors import DuplicateIdentifier
from core.domain.accounts.identifiers import (
    email_problem,
    normalize_email,
    username_key,
    username_problem,
)
from core.domain.accounts.passwords import MISMATCH, password_problems
from core.domain.accounts.policy import AccountsPolicy
from core.domain.accounts.profile_fields import field_problems
from core.domain.accounts.user import SELF_REGISTRABLE_TYPES, User, UserType
from core.domain.companies.company import CompanyNameTaken, default_company_names
from core.domain.errors import ValidationFailed
from core.ports.account_setup import AccountSetup
from core.ports.action_tokens import ActionTokens
from core.ports.clock import Clock
from core.ports.password_hasher import PasswordHasher
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.accounts._sessions import activation_email


class RegisterUserCommand(msgspec.Struct, frozen=True, kw_only=True):
    username: str
    email: str
    password: str
    password2: str
    first_name: str = ""
    last_name: str = ""
    user_type: str
    phone: str = ""
    location: str = ""
    bio: str = ""
    #: Recruiters only: the company created for them (defaults to "<first> <last>'s company").
    company_name: str | None = None
    locale: str = "en"


class RegisterUser:
    """Sign up as a candidate or a recruiter. The account starts inactive and an activation
    e-mail goes out once the user, their profile (and a recruiter's company) are committed."""

    def __init__(
        self,
        tx: TransactionManager,
        users: UserRepository,
        setup: AccountSetup,
        hasher: PasswordHasher,
        action_tokens: ActionTokens,
        tasks: TaskQueue,
        clock: Clock,
        policy: AccountsPolicy,
    ) -> None:
        self._tx = tx
        self._users = users
        self._setup = setup
        self._hasher = hasher
        self._action_tokens = action_tokens
        self._tasks = tasks
        self._clock = clock
        self._policy = policy

    async def __call__(self, cmd: RegisterUserCommand) -> User:
        errors = self._problems(cmd)
        if errors:
            raise ValidationFailed(errors)
        # Hash before touching the store: the slow part must not run inside the transaction.
        password_hash = await self._hasher.hash(cmd.password)
        # Every rule holds (``errors`` is empty): only what is taken is left to say.
        email = normalize_email(cmd.email)
        if await self._users.email_taken(email):
            errors["email"] = [DuplicateIdentifier.MESSAGES["email"]]
        if await self._users.taken_usernames([username_key(cmd.username)]):
            errors["username"] = [DuplicateIdentifier.MESSAGES["username"]]
        company_name = (cmd.company_name or "").strip()
        if company_name and await self._setup.company_name_taken(company_name):
            errors["company_name"] = [CompanyNameTaken.MESSAGE]
        if errors:
            raise ValidationFailed(errors)

        now = self._clock.now()
        user = await self._users.add(  # a concurrent twin is refused here, by the database
            User(
                username=cmd.username,
                email=email,
                password_hash=password_hash,
                first_name=cmd.first_name.strip(),
                last_name=cmd.last_name.strip(),
                user_type=UserType(cmd.user_type),
                phone=cmd.phone.strip(),
                location=cmd.location.strip(),
                bio=cmd.bio.strip(),
                is_active=False,
                email_verified=False,
                created_at=now,
                updated_at=now,
            )
        )
        user_id = user.require_id()
        if user.user_type is UserType.CANDIDATE:
            await self._setup.create_candidate_profile(user_id)
        else:
            company_id = await self._create_company(user, company_name)
            await self._setup.create_recruiter_profile(user_id, company_id)
        await self._tasks.enqueue(
            activation_email(
                user, action_tokens=self._action_tokens, policy=self._policy, locale=cmd.locale
            )
        )
        await self._tx.commit()
        return user

    async def _create_company(self, user: User, wanted: str) -> int:
        """The recruiter's own company: the name they asked for, or a free default one."""
        if wanted:
            try:
                return await self._setup.create_company_for(user.require_id(), wanted)
            except CompanyNameTaken:  # registered by someone else a moment ago
                raise CompanyNameTaken("company_name") from None
        for name in default_company_names(user.full_name, user.username):
            if await self._setup.company_name_taken(name):
                continue
            try:
                return await self._setup.create_company_for(user.require_id(), name)
            except CompanyNameTaken:
                continue
        raise CompanyNameTaken("company_name")  # pragma: no cover - the names run out first

    @staticmethod
    def _problems(cmd: RegisterUserCommand) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if problem := username_problem(cmd.username):
            errors["username"] = [problem]
        if problem := email_problem(cmd.email):
            errors["email"] = [problem]
        try:
            user_type = UserType(cmd.user_type)
        except ValueError:
            errors["user_type"] = [f'"{cmd.user_type}" is not a valid choice.']
        else:
            if user_type not in SELF_REGISTRABLE_TYPES:
                errors["user_type"] = [
                    f'"{user_type}" accounts cannot be created by registration; '
                    "choose candidate or recruiter."
                ]
            elif cmd.company_name is not None and user_type is not UserType.RECRUITER:
                errors["company_name"] = ["Only recruiters register a company."]
        if cmd.password != cmd.password2:
            errors["password2"] = [MISMATCH]
        if problems := password_problems(
            cmd.password,
            username=cmd.username,
            email=cmd.email,
            first_name=cmd.first_name,
            last_name=cmd.last_name,
        ):
            errors["password"] = problems
        errors.update(
            field_problems(
                {
                    "first_name": cmd.first_name,
                    "last_name": cmd.last_name,
                    "phone": cmd.phone.strip(),
                    "location": cmd.location,
                    "bio": cmd.bio,
                    "company_name": cmd.company_name or "",
                }
            )
        )
        return errors


__all__ = ["RegisterUser", "RegisterUserCommand"]

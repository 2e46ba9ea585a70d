"""Every accounts use case wired to in-memory fakes (no container, no HTTP)."""

from __future__ import annotations

import random
from urllib.parse import parse_qs, urlparse

from adapters.security.action_tokens import SignedActionTokens
from adapters.security.jwt_tokens import JwtTokenIssuer
from core.domain.accounts.policy import AccountsPolicy
from core.domain.accounts.user import User
from core.domain.email import SendEmail
from core.use_cases.accounts.authenticate import Authenticate
from core.use_cases.accounts.check_email import CheckEmail
from core.use_cases.accounts.check_username import CheckUsername
from core.use_cases.accounts.complete_linkedin_sign_in import CompleteLinkedInSignIn
from core.use_cases.accounts.confirm_email import ConfirmEmail, ConfirmEmailCommand
from core.use_cases.accounts.confirm_password_reset import ConfirmPasswordReset
from core.use_cases.accounts.create_internal_account import CreateInternalAccount
from core.use_cases.accounts.logout import Logout
from core.use_cases.accounts.obtain_tokens import ObtainTokens, ObtainTokensCommand
from core.use_cases.accounts.refresh_tokens import RefreshTokens
from core.use_cases.accounts.register_user import RegisterUser, RegisterUserCommand
from core.use_cases.accounts.request_password_reset import RequestPasswordReset
from core.use_cases.accounts.resend_activation import ResendActivation
from core.use_cases.accounts.start_linkedin_sign_in import StartLinkedInSignIn
from core.use_cases.accounts.update_me import UpdateMe
from core.use_cases.accounts.verify_token import VerifyToken
from tests.fakes.accounts import (
    FakeAccountSetup,
    FakeLinkedInClient,
    FakePasswordHasher,
    InMemoryOAuthStates,
    InMemoryRefreshTokens,
    InMemorySessionUsers,
    InMemoryUsers,
)
from tests.fakes.platform import FakeClock, FakeTaskQueue, FakeTransactionManager
from tests.unit.hiring import ROUTES

SECRET = "unit-test-secret-key-0123456789"
STRONG = "Tr1cky-Lantern-42"


class World:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.tx = FakeTransactionManager()
        self.tasks = FakeTaskQueue(self.tx, ROUTES)
        self.users = InMemoryUsers()
        self.setup = FakeAccountSetup()
        self.refresh_tokens = InMemoryRefreshTokens()
        self.sessions = InMemorySessionUsers(self.users, self.refresh_tokens)
        self.states = InMemoryOAuthStates()
        self.hasher = FakePasswordHasher()
        self.linkedin = FakeLinkedInClient()
        self.tokens = JwtTokenIssuer(secret_key=SECRET, clock=self.clock)
        self.action_tokens = SignedActionTokens(secret_key=SECRET, clock=self.clock)
        self.policy = AccountsPolicy(public_url="https://app.example")
        self.check_username = CheckUsername(self.users, self.clock, random.Random(7))
        self.check_email = CheckEmail(self.users)
        self.register = RegisterUser(
            self.tx,
            self.users,
            self.setup,
            self.hasher,
            self.action_tokens,
            self.tasks,
            self.clock,
            self.policy,
        )
        self.confirm_email = ConfirmEmail(self.tx, self.users, self.action_tokens, self.clock)
        self.resend = ResendActivation(
            self.tx, self.users, self.action_tokens, self.tasks, self.policy
        )
        self.login = ObtainTokens(
            self.tx, self.users, self.hasher, self.tokens, self.refresh_tokens, self.clock
        )
        self.refresh = RefreshTokens(
            self.tx, self.users, self.tokens, self.refresh_tokens, self.clock
        )
        self.verify = VerifyToken(self.sessions, self.tokens, self.refresh_tokens, self.clock)
        self.logout = Logout(self.tx, self.tokens, self.refresh_tokens, self.clock)
        self.authenticate = Authenticate(self.sessions, self.tokens)
        self.request_reset = RequestPasswordReset(
            self.tx, self.users, self.action_tokens, self.tasks, self.policy
        )
        self.confirm_reset = ConfirmPasswordReset(
            self.tx, self.users, self.hasher, self.action_tokens, self.refresh_tokens, self.clock
        )
        self.update_me = UpdateMe(self.tx, self.users, self.clock)
        self.create_internal = CreateInternalAccount(self.tx, self.users, self.hasher, self.clock)
        self.start_linkedin = StartLinkedInSignIn(
            self.tx, self.states, self.linkedin, self.clock, self.policy
        )
        self.complete_linkedin = CompleteLinkedInSignIn(
            self.tx,
            self.states,
            self.linkedin,
            self.users,
            self.setup,
            self.tokens,
            self.refresh_tokens,
            self.tasks,
            self.check_username,
            self.clock,
        )

    def emails(self, template: str | None = None) -> list[SendEmail]:
        return [
            t
            for t in self.tasks.committed
            if isinstance(t, SendEmail) and (template is None or t.template == template)
        ]

    @staticmethod
    def token_in(email: SendEmail) -> str:
        return parse_qs(urlparse(email.context["link"]).query)["token"][0]

    async def sign_up(
        self, username: str = "john_doe", email: str = "john@example.com", **kwargs: str
    ) -> User:
        fields: dict[str, str] = {
            "password": STRONG,
            "password2": STRONG,
            "first_name": "John",
            "last_name": "Doe",
            "user_type": "candidate",
        }
        fields.update(kwargs)
        return await self.register(RegisterUserCommand(username=username, email=email, **fields))

    async def active_user(
        self, username: str = "john_doe", email: str = "john@example.com"
    ) -> User:
        user = await self.sign_up(username, email)
        mail = [e for e in self.emails("activation") if e.to == user.email][-1]
        result = await self.confirm_email(ConfirmEmailCommand(token=self.token_in(mail)))
        return result.user

    async def log_in(self, login: str = "john_doe", password: str = STRONG):  # type: ignore[no-untyped-def]
        return await self.login(ObtainTokensCommand(login=login, password=password))

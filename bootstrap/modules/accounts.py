"""Accounts: registration, sessions (JWT), password reset, Sign In with LinkedIn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import ClassVar

import httpx
from dishka import Provider, Scope, provide, provide_all

from adapters.http.accounts.auth import AuthController
from adapters.http.accounts.linkedin import LinkedInController
from adapters.http.accounts.pages import AccountPagesController
from adapters.http.accounts.users import UsersController
from adapters.oauth.linkedin import LinkedInOidcClient, UnconfiguredLinkedIn
from adapters.persistence.account_setup import SqlAccountSetup
from adapters.persistence.sessions import (
    SqlOAuthStateStore,
    SqlRefreshTokenStore,
    SqlSessionUsers,
)
from adapters.persistence.users import SqlUserRepository
from bootstrap.modules._module import Module
from bootstrap.settings import RateRules, Settings, SettingsGroup
from core.domain.accounts.policy import AccountsPolicy
from core.ports.account_setup import AccountSetup
from core.ports.clock import Clock
from core.ports.linkedin import LinkedInClient
from core.ports.oauth_state_store import OAuthStateStore
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.session_users import SessionUsers
from core.ports.user_repository import UserRepository
from core.use_cases.accounts.authenticate import Authenticate
from core.use_cases.accounts.check_email import CheckEmail
from core.use_cases.accounts.check_username import CheckUsername
from core.use_cases.accounts.complete_linkedin_sign_in import CompleteLinkedInSignIn
from core.use_cases.accounts.confirm_email import ConfirmEmail
from core.use_cases.accounts.confirm_password_reset import ConfirmPasswordReset
from core.use_cases.accounts.create_internal_account import CreateInternalAccount
from core.use_cases.accounts.logout import Logout
from core.use_cases.accounts.obtain_tokens import ObtainTokens
from core.use_cases.accounts.refresh_tokens import RefreshTokens
from core.use_cases.accounts.register_user import RegisterUser
from core.use_cases.accounts.request_password_reset import RequestPasswordReset
from core.use_cases.accounts.resend_activation import ResendActivation
from core.use_cases.accounts.start_linkedin_sign_in import StartLinkedInSignIn
from core.use_cases.accounts.update_me import UpdateMe
from core.use_cases.accounts.verify_token import VerifyToken


class LinkedInSettings(SettingsGroup, frozen=True, kw_only=True):
    """Sign In with LinkedIn (OpenID Connect): ``HIREFLOW_LINKEDIN_*``."""

    env_prefix: ClassVar[str] = "LINKEDIN_"
    client_id: str = ""
    client_secret: str = ""
    #: Empty: ``{PUBLIC_URL}/accounts/api/v1/linkedin/oauth/callback/``.
    redirect_uri: str = ""
    auth_url: str = "https://www.linkedin.com/oauth/v2/authorization"
    token_url: str = "https://www.linkedin.com/oauth/v2/accessToken"
    userinfo_url: str = "https://api.linkedin.com/v2/userinfo"
    #: Lifetime of an OAuth ``state``.
    state_minutes: int = 10


class AccountRateRules(RateRules, frozen=True, kw_only=True):
    """``HIREFLOW_RATE_<NAME>``: per client IP unless noted."""

    #: Failed logins (wrong password or unknown account) from one client, whatever the account.
    login: str = "10/60"
    #: Failed logins on one account from one client; a successful login clears it.
    login_account: str = "5/300"
    password_reset: str = "5/3600"
    resend: str = "5/3600"
    availability: str = "60/60"


class AccountsProvider(Provider):
    scope = Scope.REQUEST

    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> AccountsPolicy:
        security = settings.security
        return AccountsPolicy(
            # E-mailed links open the frontend if there is one, else this server's pages.
            public_url=settings.http.frontend_url or settings.http.public_url,
            activation_ttl=timedelta(hours=security.activation_token_hours),
            reset_ttl=timedelta(minutes=security.reset_token_minutes),
            oauth_state_ttl=timedelta(minutes=settings.group(LinkedInSettings).state_minutes),
            default_locale=settings.http.default_locale,
        )

    @provide(scope=Scope.APP)
    async def linkedin_http(self) -> AsyncIterator[httpx.AsyncClient]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(10.0)) as client:
            yield client

    @provide(scope=Scope.APP)
    def linkedin(self, settings: Settings, http: httpx.AsyncClient) -> LinkedInClient:
        linkedin = settings.group(LinkedInSettings)
        if not linkedin.client_id:
            return UnconfiguredLinkedIn()
        return LinkedInOidcClient(
            client_id=linkedin.client_id,
            client_secret=linkedin.client_secret,
            redirect_uri=linkedin.redirect_uri
            or f"{settings.http.public_url.rstrip('/')}/accounts/api/v1/linkedin/oauth/callback/",
            auth_url=linkedin.auth_url,
            token_url=linkedin.token_url,
            userinfo_url=linkedin.userinfo_url,
            http=http,
        )

    users = provide(SqlUserRepository, provides=UserRepository)
    setup = provide(SqlAccountSetup, provides=AccountSetup)
    refresh_tokens = provide(SqlRefreshTokenStore, provides=RefreshTokenStore)
    session_users = provide(SqlSessionUsers, provides=SessionUsers)
    oauth_states = provide(SqlOAuthStateStore, provides=OAuthStateStore)

    @provide
    def check_username(self, users: UserRepository, clock: Clock) -> CheckUsername:
        return CheckUsername(users, clock)

    use_cases = provide_all(
        Authenticate,
        CheckEmail,
        CompleteLinkedInSignIn,
        ConfirmEmail,
        ConfirmPasswordReset,
        CreateInternalAccount,
        Logout,
        ObtainTokens,
        RefreshTokens,
        RegisterUser,
        RequestPasswordReset,
        ResendActivation,
        StartLinkedInSignIn,
        UpdateMe,
        VerifyToken,
    )


MODULE = Module(
    name="accounts",
    providers=(AccountsProvider,),
    controllers=(AuthController, UsersController, LinkedInController, AccountPagesController),
    settings=(LinkedInSettings, AccountRateRules),
)

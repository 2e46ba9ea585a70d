from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
from dishka import Provider, Scope, provide, provide_all

from adapters.oauth.linkedin import LinkedInOidcClient
from bootstrap.settings import Settings
from core.domain.accounts.policy import AccountsPolicy
from core.ports.clock import Clock
from core.ports.linkedin import LinkedInClient
from core.ports.user_repository import UserRepository
from core.use_cases.accounts.authenticate import Authenticate
from core.use_cases.accounts.check_email import CheckEmail
from core.use_cases.accounts.check_username import CheckUsername
from core.use_cases.accounts.complete_linkedin_sign_in import CompleteLinkedInSignIn
from core.use_cases.accounts.confirm_email import ConfirmEmail
from core.use_cases.accounts.confirm_password_reset import ConfirmPasswordReset
from core.use_cases.accounts.create_admin import CreateAdmin
from core.use_cases.accounts.logout import Logout
from core.use_cases.accounts.obtain_tokens import ObtainTokens
from core.use_cases.accounts.refresh_tokens import RefreshTokens
from core.use_cases.accounts.register_user import RegisterUser
from core.use_cases.accounts.request_password_reset import RequestPasswordReset
from core.use_cases.accounts.resend_activation import ResendActivation
from core.use_cases.accounts.start_linkedin_sign_in import StartLinkedInSignIn
from core.use_cases.accounts.update_me import UpdateMe
from core.use_cases.accounts.verify_token import VerifyToken


class AccountsProvider(Provider):
    @provide(scope=Scope.APP)
    def policy(self, settings: Settings) -> AccountsPolicy:
        return AccountsPolicy(
            public_url=settings.public_url,
            activation_ttl=timedelta(hours=settings.activation_token_hours),
            reset_ttl=timedelta(minutes=settings.reset_token_minutes),
            oauth_state_ttl=timedelta(minutes=settings.linkedin_state_minutes),
            default_locale=settings.default_locale,
        )

    @provide(scope=Scope.APP)
    async def linkedin_http(self) -> AsyncIterator[httpx.AsyncClient]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(10.0)) as client:
            yield client

    @provide(scope=Scope.APP)
    def linkedin(self, settings: Settings, http: httpx.AsyncClient) -> LinkedInClient:
        return LinkedInOidcClient(
            client_id=settings.linkedin_client_id,
            client_secret=settings.linkedin_client_secret,
            redirect_uri=settings.linkedin_redirect_uri
            or f"{settings.public_url.rstrip('/')}/accounts/api/v1/linkedin/oauth/callback/",
            auth_url=settings.linkedin_auth_url,
            token_url=settings.linkedin_token_url,
            userinfo_url=settings.linkedin_userinfo_url,
            http=http,
        )

    @provide(scope=Scope.REQUEST)
    def check_username(self, users: UserRepository, clock: Clock) -> CheckUsername:
        return CheckUsername(users, clock)

    use_cases = provide_all(
        Authenticate,
        CheckEmail,
        CompleteLinkedInSignIn,
        ConfirmEmail,
        ConfirmPasswordReset,
        CreateAdmin,
        Logout,
        ObtainTokens,
        RefreshTokens,
        RegisterUser,
        RequestPasswordReset,
        ResendActivation,
        StartLinkedInSignIn,
        UpdateMe,
        VerifyToken,
        scope=Scope.REQUEST,
    )

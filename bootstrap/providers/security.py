from __future__ import annotations

from datetime import timedelta

from dishka import Provider, Scope, provide

from adapters.clock import SystemClock
from adapters.security.action_tokens import SignedActionTokens
from adapters.security.argon2_hasher import Argon2PasswordHasher
from adapters.security.jwt_tokens import JwtTokenIssuer
from bootstrap.settings import Settings
from core.ports.action_tokens import ActionTokens
from core.ports.clock import Clock
from core.ports.password_hasher import PasswordHasher
from core.ports.token_issuer import TokenIssuer


class ClockProvider(Provider):
    clock = provide(SystemClock, provides=Clock, scope=Scope.APP)


class SecurityProvider(Provider):
    scope = Scope.APP

    @provide
    def hasher(self, settings: Settings) -> PasswordHasher:
        return Argon2PasswordHasher(settings.security.password_hash_profile)

    @provide
    def tokens(self, settings: Settings, clock: Clock) -> TokenIssuer:
        return JwtTokenIssuer(
            secret_key=settings.security.secret_key,
            clock=clock,
            access_ttl=timedelta(minutes=settings.security.access_token_minutes),
            refresh_ttl=timedelta(days=settings.security.refresh_token_days),
        )

    @provide
    def action_tokens(self, settings: Settings, clock: Clock) -> ActionTokens:
        return SignedActionTokens(secret_key=settings.security.secret_key, clock=clock)

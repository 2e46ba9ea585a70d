from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, provide
from litestar import Request

from adapters.http.auth import Throttle, bearer_token, require_bearer
from adapters.http.current_user import CurrentUser, MaybeUser
from adapters.http.live import SocketPolicy
from adapters.http.rate_limit import (
    FallbackRateLimitStore,
    MemoryRateLimitStore,
    RateLimiter,
    RateLimitStore,
    RedisRateLimitStore,
    Rule,
)
from bootstrap.settings import RateRules, Settings
from core.domain.accounts.errors import AccountDisabled
from core.domain.errors import NotAuthenticated
from core.use_cases.accounts.authenticate import Authenticate


class HttpProvider(Provider):
    @provide(scope=Scope.APP)
    async def rate_limit_store(self, settings: Settings) -> AsyncIterator[RateLimitStore]:
        # With Redis: shared counters, counted in this process while Redis is away.
        store: RateLimitStore = (
            FallbackRateLimitStore(RedisRateLimitStore(settings.redis.url))
            if settings.redis.url
            else MemoryRateLimitStore()
        )
        yield store
        await store.close()

    @provide(scope=Scope.APP)
    def limiter(self, settings: Settings, store: RateLimitStore) -> RateLimiter:
        # Every module's rules (its ``RateRules`` group), by name.
        rules = {
            name: Rule.parse(rule)
            for group in settings.modules
            if isinstance(group, RateRules)
            for name, rule in group.rules().items()
        }
        return RateLimiter(store, rules, enabled=settings.rate_limits.limits_enabled)

    @provide(scope=Scope.APP)
    def throttle(self, settings: Settings, limiter: RateLimiter) -> Throttle:
        proxies = frozenset(
            p.strip() for p in settings.http.trusted_proxies.split(",") if p.strip()
        )
        return Throttle(limiter, proxies)

    @provide(scope=Scope.APP)
    def socket_policy(self, settings: Settings) -> SocketPolicy:
        return SocketPolicy(
            session_check_seconds=settings.sockets.session_check_seconds,
            backlog=settings.sockets.backlog,
        )

    @provide(scope=Scope.REQUEST)
    async def current_user(
        self,
        request: Request,  # type: ignore[type-arg]
        authenticate: Authenticate,
    ) -> CurrentUser:
        return CurrentUser(await authenticate(require_bearer(request)))

    @provide(scope=Scope.REQUEST)
    async def maybe_user(
        self,
        request: Request,  # type: ignore[type-arg]
        authenticate: Authenticate,
    ) -> MaybeUser:
        """On a public operation a token only adds to what the caller sees (their company's
        inactive jobs); one that is garbage, expired, of an ended session or of a disabled
        account is ignored, as on every other public operation, and the caller is anonymous."""
        try:
            token = bearer_token(request)
            return MaybeUser(None if token is None else await authenticate(token))
        except (NotAuthenticated, AccountDisabled):
            return MaybeUser(None)

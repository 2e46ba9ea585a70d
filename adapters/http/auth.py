"""Who is asking: the bearer token of the request, checked by the core's ``Authenticate``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Request

from adapters.http.errors import TooManyRequests
from adapters.http.rate_limit import RateLimiter
from core.domain.accounts.errors import InvalidCredentials, InvalidToken
from core.domain.errors import NotAuthenticated


def bearer_token(request: Request[Any, Any, Any]) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("Authorization header must be 'Bearer <token>'.")
    return token.strip()


def require_bearer(request: Request[Any, Any, Any]) -> str:
    token = bearer_token(request)
    if token is None:
        raise NotAuthenticated()
    return token


def client_ip(request: Request[Any, Any, Any], trusted_proxies: frozenset[str]) -> str:
    peer = request.client.host if request.client else "unknown"
    if peer in trusted_proxies:
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        # The right-most address not belonging to our proxies is the real client.
        for hop in reversed(hops):
            if hop not in trusted_proxies:
                return hop
    return peer


class Throttle:
    """Rate limits of the endpoints that guard credentials and leak existence.

    Login counts wrong passwords only (``login_attempt``): per client address (``login``,
    whatever the account) and per (account, client address) pair (``login_account``), so that
    a stranger guessing at an account from elsewhere never locks its owner out. A successful
    login clears its pair; a refusal (429) and a correct password count nothing.
    """

    def __init__(self, limiter: RateLimiter, trusted_proxies: frozenset[str]) -> None:
        self._limiter = limiter
        self._trusted = trusted_proxies

    async def check(self, request: Request[Any, Any, Any], rule: str, key: str = "") -> None:
        wait = await self._limiter.hit(rule, f"{client_ip(request, self._trusted)}:{key}")
        if wait is not None:
            raise TooManyRequests(wait)

    async def check_key(self, rule: str, key: str) -> None:
        wait = await self._limiter.hit(rule, key)
        if wait is not None:
            raise TooManyRequests(wait)

    @asynccontextmanager
    async def login_attempt(
        self, request: Request[Any, Any, Any], account: str
    ) -> AsyncIterator[None]:
        """Guard one login attempt on ``account`` (the login as typed, case folded)."""
        client = client_ip(request, self._trusted)
        slots = (("login", client), ("login_account", f"{account}|{client}"))
        taken: list[tuple[str, str]] = []
        for rule, key in slots:
            wait = await self._limiter.take(rule, key)
            if wait is not None:
                for done in taken:
                    await self._limiter.give_back(*done)
                raise TooManyRequests(wait)
            taken.append((rule, key))
        try:
            yield
        except InvalidCredentials:
            raise  # a wrong password (or an unknown account): both slots stay taken
        except BaseException:
            for done in taken:  # the password was right, or it was never checked
                await self._limiter.give_back(*done)
            raise
        await self._limiter.give_back(*slots[0])
        await self._limiter.clear(*slots[1])

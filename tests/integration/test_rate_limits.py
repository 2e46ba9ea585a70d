"""Rate limits: over the limit → 429 with Retry-After; counted per client and per account."""

from __future__ import annotations

import pytest
from litestar.testing import AsyncTestClient

from adapters.http.rate_limit import MemoryRateLimitStore, RateLimiter, Rule
from bootstrap.app import create_app
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings

API = "/accounts/api/v1"


@pytest.fixture
def strict(settings: Settings) -> Settings:
    return replace_settings(
        settings,
        rate_login="5/60",
        rate_login_account="3/300",
        rate_password_reset="2/3600",
        rate_resend="2/3600",
        rate_availability="4/60",
    )


async def test_limits_answer_429_with_retry_after(strict: Settings) -> None:
    async with AsyncTestClient(app=create_app(strict)) as client:
        statuses = []
        for _ in range(5):
            response = await client.post(f"{API}/users/check_email/", json={"email": "a@b.io"})
            statuses.append(response.status_code)
        assert statuses == [200, 200, 200, 200, 429]
        assert int(response.headers["Retry-After"]) > 0
        assert "throttled" in response.json()["detail"]

        for _ in range(2):
            response = await client.post(f"{API}/auth/password-reset/", json={"email": "x@y.io"})
            assert response.status_code == 200
        response = await client.post(f"{API}/auth/password-reset/", json={"email": "x@y.io"})
        assert response.status_code == 429

        for _ in range(2):
            response = await client.post(
                f"{API}/users/email-verification/resend/", json={"email": "x@y.io"}
            )
            assert response.status_code == 200
        response = await client.post(
            f"{API}/users/email-verification/resend/", json={"email": "x@y.io"}
        )
        assert response.status_code == 429


async def test_login_is_limited_per_account_across_clients(strict: Settings) -> None:
    async with AsyncTestClient(app=create_app(strict)) as client:
        body = {"username": "Victim", "password": "Wrong-Password-1"}
        for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
            response = await client.post(
                f"{API}/auth/token/", json=body, headers={"X-Forwarded-For": ip}
            )
            assert response.status_code == 401
        # A fourth guess at the same account, from anywhere, any case: refused.
        response = await client.post(f"{API}/auth/token/", json={**body, "username": "victim"})
        assert response.status_code == 429
        # Another account is still reachable.
        response = await client.post(
            f"{API}/auth/token/", json={"username": "other", "password": "x"}
        )
        assert response.status_code == 401


async def test_memory_window_resets() -> None:
    now = [1000.0]
    limiter = RateLimiter(MemoryRateLimitStore(lambda: now[0]), {"r": Rule(2, 10)})
    assert await limiter.hit("r", "k") is None
    assert await limiter.hit("r", "k") is None
    assert await limiter.hit("r", "k") == 10
    now[0] += 10.5
    assert await limiter.hit("r", "k") is None

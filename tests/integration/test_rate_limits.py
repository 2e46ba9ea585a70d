"""Rate limits: over the limit → 429 with Retry-After.

Login counts failed attempts only, per client address and per (account, client address) pair;
a success clears its pair. The rightful owner is never locked out by a stranger elsewhere.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from tests.integration.conftest import STRONG, Outbox, active_user

API = "/accounts/api/v1"
WRONG = "Wrong-Password-1"
#: The test client's peer address, trusted as a proxy so that each test picks its client
#: address with X-Forwarded-For.
PROXY = "testclient"


@pytest.fixture
def strict(settings: Settings) -> Settings:
    return replace_settings(
        settings,
        trusted_proxies=PROXY,
        rate_login="100/60",
        rate_login_account="3/300",
        rate_password_reset="2/3600",
        rate_resend="2/3600",
        rate_availability="4/60",
    )


async def _login(
    client: AsyncTestClient[Litestar], password: str, ip: str, username: str = "john_doe"
) -> Any:
    return await client.post(
        f"{API}/auth/token/",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": ip},
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


async def test_failures_lock_the_pair_never_the_owner_elsewhere(strict: Settings) -> None:
    app = create_app(strict)
    async with AsyncTestClient(app=app) as client:
        await active_user(client, Outbox(strict.outbox_dir))
        stranger, owner = "203.0.113.7", "198.51.100.20"
        # n-1 failures: the right password still opens the account from the same address.
        for _ in range(2):
            assert (await _login(client, WRONG, stranger)).status_code == 401
        assert (await _login(client, STRONG, stranger)).status_code == 200
        # ...and that success cleared the pair: n failures are allowed again.
        for _ in range(3):
            assert (await _login(client, WRONG, stranger)).status_code == 401
        # n reached: this address may not try again on this account, even the right password
        # (otherwise the limit would tell a guesser when they are right).
        refused = await _login(client, STRONG, stranger)
        assert refused.status_code == 429
        assert 0 < int(refused.headers["Retry-After"]) <= 300
        assert refused.json()["code"] == "throttled"
        # n+1: refused as well, and still without checking the password.
        assert (await _login(client, WRONG, stranger)).status_code == 429
        # The owner, from their own address, is not locked out; nor is the account by e-mail
        # in another case from there.
        assert (await _login(client, STRONG, owner)).status_code == 200
        assert (await _login(client, STRONG, owner, "JOHN@example.com")).status_code == 200
        # Another account from the stranger's address is a different pair.
        assert (await _login(client, WRONG, stranger, "somebody_else")).status_code == 401


async def test_successes_and_refusals_count_nothing(strict: Settings) -> None:
    tight = replace_settings(strict, rate_login="5/60", rate_login_account="3/300")
    async with AsyncTestClient(app=create_app(tight)) as client:
        await active_user(client, Outbox(tight.outbox_dir))
        ip = "192.0.2.10"
        # Many more successful logins than either limit: all of them work.
        for _ in range(7):
            assert (await _login(client, STRONG, ip)).status_code == 200
        # Three failures fill the pair; four refusals after them count towards nothing.
        for _ in range(3):
            assert (await _login(client, WRONG, ip)).status_code == 401
        for _ in range(4):
            assert (await _login(client, WRONG, ip)).status_code == 429
        # The address has failed 3 times out of 5: two more failures on other accounts (n-1,
        # n) are answered, the next one (n+1) is refused whatever the account.
        assert (await _login(client, WRONG, ip, "nobody_one")).status_code == 401
        assert (await _login(client, WRONG, ip, "nobody_two")).status_code == 401
        over = await _login(client, WRONG, ip, "nobody_three")
        assert over.status_code == 429
        assert int(over.headers["Retry-After"]) <= 60
        # Another address is untouched.
        assert (await _login(client, STRONG, "192.0.2.11")).status_code == 200


async def test_right_password_of_an_unverified_account_is_not_a_failure(
    strict: Settings,
) -> None:
    from tests.integration.conftest import register

    async with AsyncTestClient(app=create_app(strict)) as client:
        assert (await register(client)).status_code == 201
        ip = "192.0.2.30"
        for _ in range(5):  # more than the pair's limit
            response = await _login(client, STRONG, ip)
            assert response.status_code == 401
            assert response.json()["code"] != "invalid_credentials"
        assert (await _login(client, WRONG, ip)).status_code == 401

"""Production topology: several server processes and a separate worker sharing Redis.

Two apps built on the same Postgres/SQLite database and Redis stand in for two `hireflow
serve` processes; a separate task system with a worker stands in for `hireflow worker`.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from bootstrap.app import create_app
from bootstrap.container import make_task_system, start_worker
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from tests.integration.conftest import STRONG, LogLines, Outbox, active_user, register
from tests.servers import free_port

pytestmark = pytest.mark.redis
API = "/accounts/api/v1"


@pytest.fixture
def prod_settings(settings: Settings, redis_server: Any) -> Settings:
    import redis

    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    client.close()
    return replace_settings(
        settings,
        redis_url=redis_server.url,
        rate_availability="3/60",
        outbox_sweep_seconds=0.5,
        outbox_grace_seconds=2.0,
    )


async def test_rate_limits_are_shared_between_server_processes(prod_settings: Settings) -> None:
    async with (
        AsyncTestClient(app=create_app(prod_settings)) as first,
        AsyncTestClient(app=create_app(prod_settings)) as second,
    ):
        statuses = []
        for client in (first, second, first, second):
            response = await client.post(f"{API}/users/check_email/", json={"email": "a@b.io"})
            statuses.append(response.status_code)
        assert statuses == [200, 200, 200, 429]
        assert int(response.headers["Retry-After"]) > 0


async def test_separate_worker_delivers_through_redis(prod_settings: Settings) -> None:
    assert not prod_settings.uses_embedded_worker
    outbox = Outbox(prod_settings.outbox_dir)
    async with AsyncTestClient(app=create_app(prod_settings)) as client:
        assert (await register(client)).status_code == 201
        worker = make_task_system(prod_settings)
        start_worker(worker, prod_settings, embedded=False)
        try:
            mail = await outbox.wait_for("john@example.com", timeout=20)
        finally:
            worker.close()
        assert Outbox.link(mail).startswith("https://hireflow.test/activate?token=")


async def test_login_failures_are_shared_between_server_processes(
    prod_settings: Settings,
) -> None:
    shared = replace_settings(
        prod_settings, trusted_proxies="testclient", rate_login_account="3/300"
    )
    first_app, second_app = create_app(shared), create_app(shared)
    async with AsyncTestClient(app=first_app) as first, AsyncTestClient(app=second_app) as second:
        await active_user_via(first, shared)
        ip = {"X-Forwarded-For": "203.0.113.9"}
        wrong = {"username": "john_doe", "password": "Wrong-Password-1"}
        right = {"username": "john_doe", "password": STRONG}
        for client in (first, second, first):
            assert (
                await client.post(f"{API}/auth/token/", json=wrong, headers=ip)
            ).status_code == 401
        # The pair is full on every process...
        response = await second.post(f"{API}/auth/token/", json=right, headers=ip)
        assert response.status_code == 429
        # ...and the owner elsewhere logs in on either.
        elsewhere = {"X-Forwarded-For": "198.51.100.3"}
        for client in (first, second):
            response = await client.post(f"{API}/auth/token/", json=right, headers=elsewhere)
            assert response.status_code == 200


async def active_user_via(client: AsyncTestClient[Any], settings: Settings) -> None:
    """An active account when a separate worker delivers the e-mails."""
    worker = make_task_system(settings)
    start_worker(worker, settings, embedded=False)
    try:
        await active_user(client, Outbox(settings.outbox_dir))
    finally:
        worker.close()


async def test_rate_limited_operations_answer_while_redis_is_unreachable(
    settings: Settings, app_log: LogLines
) -> None:
    """No Redis behind ``HIREFLOW_REDIS_URL``: limits count in the process, nothing is a 500."""
    unreachable = replace_settings(
        settings,
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
        rate_availability="3/60",
        rate_login_account="2/300",
    )
    async with AsyncTestClient(app=create_app(unreachable)) as client:
        started = time.monotonic()
        assert (await register(client)).status_code == 201  # its e-mail waits in the outbox
        statuses = []
        for _ in range(4):
            response = await client.post(f"{API}/users/check_email/", json={"email": "a@b.io"})
            statuses.append(response.status_code)
        assert statuses == [200, 200, 200, 429]
        assert int(response.headers["Retry-After"]) > 0
        response = await client.post(f"{API}/users/check_username/", json={"username": "x_y"})
        assert response.status_code == 429  # the same availability rule
        wrong = {"username": "john_doe", "password": "Wrong-Password-1"}
        statuses = []
        for _ in range(3):
            response = await client.post(f"{API}/auth/token/", json=wrong)
            statuses.append(response.status_code)
        assert statuses == [401, 401, 429]
        for path, body in (
            ("auth/password-reset/", {"email": "john@example.com"}),
            ("users/email-verification/resend/", {"email": "john@example.com"}),
        ):
            assert (await client.post(f"{API}/{path}", json=body)).status_code == 200
        ready = await client.get("/health/ready")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ok", "database": "ok", "redis": "unreachable"}
        # Nothing waited on Redis for long.
        assert time.monotonic() - started < 10
    assert "counted in this process" in app_log.text

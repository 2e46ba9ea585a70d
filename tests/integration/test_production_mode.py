"""Production topology: several server processes and a separate worker sharing Redis.

Two apps built on the same Postgres/SQLite database and Redis stand in for two `hireflow
serve` processes; a separate task system with a worker stands in for `hireflow worker`.
"""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from bootstrap.app import create_app
from bootstrap.container import make_task_system, start_worker
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from tests.integration.conftest import Outbox, register

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

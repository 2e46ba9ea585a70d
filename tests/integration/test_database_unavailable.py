"""A database that cannot be reached is a 503 with a JSON detail and Retry-After, never a 500
(the restart of a real PostgreSQL under load is in ``test_faults.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings, make_settings
from tests.integration.conftest import STRONG, LogLines
from tests.servers import free_port


@pytest.fixture
def unreachable(tmp_path: Path) -> Settings:
    return make_settings(
        data_dir=tmp_path / "data",
        database_url=f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/hireflow",
        secret_key="integration-test-secret-key-0123456789abcdef",
        password_hash_profile="fast",
        embedded_worker=False,
    )


async def test_every_kind_of_request_answers_503_with_retry_after(
    unreachable: Settings, app_log: LogLines
) -> None:
    await _requests(unreachable)
    assert "Database unavailable on POST /accounts/api/v1/users" in app_log.text
    assert STRONG not in app_log.text
    assert "Traceback" not in app_log.text


async def _requests(unreachable: Settings) -> None:
    async with AsyncTestClient(app=create_app(unreachable)) as client:
        register = {
            "username": "john_doe",
            "email": "john@example.com",
            "password": STRONG,
            "password2": STRONG,
            "first_name": "John",
            "last_name": "Doe",
            "user_type": "candidate",
        }
        for method, path, body in (
            ("POST", "/accounts/api/v1/users/", register),
            ("POST", "/accounts/api/v1/auth/token/", {"username": "john_doe", "password": STRONG}),
            ("GET", "/jobs/api/v1/jobs/", None),
            ("GET", "/companies/api/v1/companies/", None),
        ):
            response = await client.request(method, path, json=body)
            assert response.status_code == 503, (path, response.text)
            assert response.headers["Retry-After"] == "5"
            assert response.headers["content-type"].startswith("application/json")
            payload = response.json()
            assert payload["code"] == "service_unavailable"
            assert "database" in payload["detail"] and "try again" in payload["detail"]
        french = await client.get("/companies/api/v1/companies/", headers={"Accept-Language": "fr"})
        assert french.status_code == 503
        assert "base de données" in french.json()["detail"]
        ready = await client.get("/health/ready")
        assert ready.status_code == 503
        assert ready.headers["Retry-After"] == "5"
        assert ready.json() == {"status": "unavailable", "database": "unreachable"}
        assert (await client.get("/health")).status_code == 200

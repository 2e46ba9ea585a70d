"""Session-wide servers: a real PostgreSQL, a real Redis and an S3 API (moto) on loopback.

``HIREFLOW_TEST_POSTGRES_URL`` / ``HIREFLOW_TEST_REDIS_URL`` point the tests at existing
servers instead. Without the binaries (and without root to install them, see scripts/test)
the tests that need them are skipped with a clear reason.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.servers import S3Server, start_postgres, start_redis, start_s3


@dataclass
class ExternalPostgres:
    base: str

    def url(self, dbname: str, driver: str = "postgresql+psycopg") -> str:
        return (
            make_url(self.base)
            .set(drivername=driver, database=dbname)
            .render_as_string(hide_password=False)
        )

    @property
    def admin_url(self) -> str:
        return self.url("postgres", driver="postgresql")


@dataclass
class ExternalRedis:
    url: str


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if external := os.environ.get("HIREFLOW_TEST_POSTGRES_URL"):
        yield ExternalPostgres(external)
        return
    try:
        server = start_postgres(tmp_path_factory.mktemp("postgres"))
    except FileNotFoundError:
        pytest.skip("PostgreSQL is not installed (scripts/test installs it when run as root)")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if external := os.environ.get("HIREFLOW_TEST_REDIS_URL"):
        yield ExternalRedis(external)
        return
    try:
        server = start_redis(tmp_path_factory.mktemp("redis"))
    except FileNotFoundError:
        pytest.skip("redis-server is not installed (scripts/test installs it when run as root)")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """A real S3 API on loopback (moto in server mode), for the S3 file storage."""
    server = start_s3(sys.executable)
    yield server
    server.stop()

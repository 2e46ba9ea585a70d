"""Integration fixtures: a real app (``create_app``) over HTTP against a real database —
SQLite and PostgreSQL — with the embedded dramatiq worker writing real .eml files."""

from __future__ import annotations

import asyncio
import email
import email.policy
import itertools
import logging
import re
import shutil
import time
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from adapters.persistence.migrate import upgrade
from bootstrap.app import create_app
from bootstrap.settings import Settings, make_settings

STRONG = "Tr1cky-Lantern-42"
_counter = itertools.count()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server: Any) -> str:
    name = "hireflow_template"
    with psycopg.connect(postgres_server.admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    upgrade(postgres_server.url(name))
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "db" / "hireflow.sqlite3"
        target.parent.mkdir()
        shutil.copyfile(template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    server = request.getfixturevalue("postgres_server")
    template_name = request.getfixturevalue("postgres_template")
    name = f"t_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template_name}")
    yield server.url(name)
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return integration_settings(tmp_path / "data", database_url)


def integration_settings(data_dir: Path, database_url: str, **changes: Any) -> Settings:
    """The integration tests' settings: a fixed secret key (tokens made against one copy of a
    database stay valid in another), cheap password hashing, roomy rate limits."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "secret_key": "integration-test-secret-key-0123456789abcdef",
        "public_url": "https://hireflow.test",
        "password_hash_profile": "fast",
        "rate_login": "1000/60",
        "rate_login_account": "1000/60",
        "rate_password_reset": "1000/60",
        "rate_resend": "1000/60",
        "rate_availability": "1000/60",
        # Tests start many short-lived workers; test_matching checks the warm-up itself.
        "matching_warm_up": False,
    }
    return make_settings(**{**values, **changes})


@pytest.fixture
def app(settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as client:
        yield client


class Outbox:
    """The .eml files the app wrote, as a user's mailbox."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._read: dict[Path, EmailMessage] = {}  # a written .eml never changes

    def messages(self) -> list[EmailMessage]:
        if not self.directory.exists():
            return []
        out = []
        for path in sorted(self.directory.glob("[!.]*.eml")):  # not in-progress temp files
            if path not in self._read:
                msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                self._read[path] = msg  # type: ignore[assignment]
            out.append(self._read[path])
        return out

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if address.lower() in str(m["To"]).lower()]

    async def wait_for(self, address: str, count: int = 1, timeout: float = 15) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found[count - 1]
            await asyncio.sleep(0.05)
        raise AssertionError(f"no e-mail #{count} for {address} within {timeout}s")

    @staticmethod
    def text(message: EmailMessage) -> str:
        part = message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())  # type: ignore[attr-defined]

    @classmethod
    def link(cls, message: EmailMessage) -> str:
        match = re.search(r"https?://\S+\?token=[\w.\-%]+", cls.text(message))
        assert match, cls.text(message)
        return match.group(0)

    @classmethod
    def token(cls, message: EmailMessage) -> str:
        return parse_qs(urlparse(cls.link(message)).query)["token"][0]


@pytest.fixture
def outbox(settings: Settings) -> Outbox:
    return Outbox(settings.outbox_dir)


async def register(
    client: AsyncTestClient[Litestar],
    username: str = "john_doe",
    email: str = "john@example.com",
    **extra: Any,
) -> Any:
    body = {
        "username": username,
        "email": email,
        "password": STRONG,
        "password2": STRONG,
        "first_name": "John",
        "last_name": "Doe",
        "user_type": "candidate",
        **extra,
    }
    return await client.post("/accounts/api/v1/users/", json=body)


async def active_user(
    client: AsyncTestClient[Litestar],
    outbox: Outbox,
    username: str = "john_doe",
    email: str = "john@example.com",
    **extra: Any,
) -> dict[str, Any]:
    response = await register(client, username, email, **extra)
    assert response.status_code == 201, response.text
    mail = await outbox.wait_for(email)
    confirm = await client.post(
        "/accounts/api/v1/users/email-verification/confirm/", json={"token": outbox.token(mail)}
    )
    assert confirm.status_code == 200, confirm.text
    return dict(response.json())


async def login(
    client: AsyncTestClient[Litestar], username: str = "john_doe", password: str = STRONG
) -> dict[str, str]:
    response = await client.post(
        "/accounts/api/v1/auth/token/", json={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def signed_in(
    client: AsyncTestClient[Litestar],
    outbox: Outbox,
    username: str,
    email: str,
    **extra: Any,
) -> dict[str, str]:
    """An active account of any type; returns its auth headers."""
    await active_user(client, outbox, username, email, **extra)
    return bearer((await login(client, username))["access"])


class LogLines(logging.Handler):
    """Every line logged under a logger, whatever Litestar did to the root logger's handlers
    (which keeps ``caplog`` from seeing them)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def app_log() -> Iterator[LogLines]:
    """What the ``adapters`` and ``bootstrap`` packages log during the test."""
    handler = LogLines()
    loggers = [logging.getLogger(name) for name in ("adapters", "bootstrap")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


# --- The cast (tests/integration/cast.py): built once per database kind, copied per test ----


@pytest.fixture(scope="session")
def cast_templates(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``get(kind)``: the database (SQLite file or PostgreSQL template name), data dir and
    cast of a seeded world, built on first use."""
    from litestar.testing import TestClient

    from tests.integration.cast import Cast, build_cast

    built: dict[str, tuple[str, Path, Cast]] = {}

    def get(kind: str) -> tuple[str, Path, Cast]:
        if kind in built:
            return built[kind]
        root = tmp_path_factory.mktemp(f"cast-{kind}")
        if kind == "sqlite":
            target = root / "hireflow.sqlite3"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
            location, url = str(target), f"sqlite+aiosqlite:///{target}"
        else:
            server = request.getfixturevalue("postgres_server")
            template = request.getfixturevalue("postgres_template")
            location = "hireflow_cast"
            with psycopg.connect(server.admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {location} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {location} TEMPLATE {template}")
            url = server.url(location)
        settings = integration_settings(root / "data", url)
        with TestClient(app=create_app(settings)) as client:
            cast = build_cast(client, Outbox(settings.outbox_dir), settings)
        built[kind] = (location, settings.data_dir, cast)
        return built[kind]

    return get


@pytest.fixture
def seeded_cast(
    request: pytest.FixtureRequest, cast_templates: Any, settings: Settings, database_url: str
) -> Any:
    """This test's database and data dir hold a copy of the cast's world; returns the cast."""
    from tests.integration.cast import Cast

    kind = "sqlite" if database_url.startswith("sqlite") else "postgres"
    location, data_dir, cast = cast_templates(kind)
    if kind == "sqlite":
        shutil.copyfile(location, database_url.removeprefix("sqlite+aiosqlite:///"))
    else:
        server = request.getfixturevalue("postgres_server")
        name = database_url.rsplit("/", 1)[1]
        with psycopg.connect(server.admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {location}")
    shutil.copytree(data_dir / "files", settings.data_dir / "files", dirs_exist_ok=True)
    assert isinstance(cast, Cast)
    return Cast.from_dict(cast.to_dict())  # each test may change its copy

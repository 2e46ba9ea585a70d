"""No log line, error or traceback carries a password, a hash or a token."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from adapters.http.log_filters import RedactQuerySecrets, redact
from adapters.persistence.database import create_engine
from adapters.persistence.migrate import upgrade


async def test_sql_errors_never_show_their_parameters(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(url)
    engine = create_engine(url)
    secret = "$argon2id$v=19$m=65536,t=3,p=4$secret-salt$secret-hash"
    try:
        async with engine.begin() as conn:
            insert = text(
                "INSERT INTO users (username, username_key, email, email_key, password_hash, "
                "user_type, created_at, updated_at) VALUES (:u, :u, :e, :e, :h, 'admin', "
                "'2026-01-01', '2026-01-01')"
            )
            values = {"u": "twin", "e": "twin@example.com", "h": secret}
            await conn.execute(insert, values)
            with pytest.raises(IntegrityError) as caught:
                await conn.execute(insert, values)
    finally:
        await engine.dispose()
    assert secret not in str(caught.value)
    assert "hidden due to hide_parameters" in str(caught.value)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "GET /activate?token=eyJhbGci.abc HTTP/1.1",
            "GET /activate?token=[redacted] HTTP/1.1",
        ),
        (
            "GET /accounts/api/v1/linkedin/oauth/callback/?code=AQT9&state=s3cr3t HTTP/1.1",
            "GET /accounts/api/v1/linkedin/oauth/callback/?code=[redacted]&state=[redacted] "
            "HTTP/1.1",
        ),
        (
            "GET /jobs/api/v1/jobs/?search=python&page=2",
            "GET /jobs/api/v1/jobs/?search=python&page=2",
        ),
        ("GET /ws/messaging/3/?token=abc.def", "GET /ws/messaging/3/?token=[redacted]"),
    ],
)
def test_the_access_log_keeps_no_token(line: str, expected: str) -> None:
    assert redact(line) == expected
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s"', ("1.2.3.4", line), None
    )
    assert RedactQuerySecrets().filter(record)
    assert record.getMessage() == f'1.2.3.4 - "{expected}"'


def test_settings_never_show_their_secrets() -> None:
    """Settings reach tracebacks, debuggers and log lines through their repr: every secret in
    them is masked there, and rich's pretty printer masks the same ones."""
    from io import StringIO

    from rich.console import Console
    from rich.pretty import pprint

    from bootstrap.modules.accounts import LinkedInSettings
    from bootstrap.settings import from_env

    secrets = {
        "HIREFLOW_SECRET_KEY": "sk-settings-secret-0001",
        "HIREFLOW_SMTP_PASSWORD": "smtp-password-0002",
        "HIREFLOW_S3_SECRET_ACCESS_KEY": "s3-secret-0003",
        "HIREFLOW_LINKEDIN_CLIENT_SECRET": "linkedin-secret-0004",
        "HIREFLOW_DATABASE_URL": "postgresql+psycopg://hireflow:db-password-0005@db:5432/hireflow",
        "HIREFLOW_REDIS_URL": "redis://:redis-password-0006@cache:6379/0",
    }
    settings = from_env({**secrets, "HIREFLOW_S3_ACCESS_KEY_ID": "AKIAVISIBLE"})
    shown = repr(settings)
    out = StringIO()
    pprint(settings, console=Console(file=out, width=200), expand_all=True)
    for text_ in (shown, str(settings), out.getvalue()):
        for value in secrets.values():
            assert value not in text_, text_
        # What is not secret stays readable, so that the repr is still of use.
        assert "AKIAVISIBLE" in text_
        assert "hireflow:***@db:5432/hireflow" in text_
        assert ":***@cache:6379/0" in text_
        assert "'***'" in text_
    assert "client_secret='***'" in repr(settings.group(LinkedInSettings))
    # An unset secret says it is unset (an empty string), which is what one debugs.
    assert "password=''" in repr(from_env({}).smtp)

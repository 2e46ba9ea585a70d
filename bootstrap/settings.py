"""Settings come from ``HIREFLOW_*`` environment variables, with embedded defaults when unset.

Unset ``HIREFLOW_DATABASE_URL`` means SQLite under the data dir; unset ``HIREFLOW_REDIS_URL``
means an in-process broker and in-memory rate limits; unset ``HIREFLOW_SECRET_KEY`` means a key
generated once and kept in ``$HIREFLOW_DATA_DIR/secret_key`` (fine for one machine; production
sets it explicitly so that every process signs with the same key).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

PREFIX = "HIREFLOW_"


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    data_dir: Path = Path("./var")
    database_url: str = ""
    redis_url: str = ""
    public_url: str = "http://localhost:8000"
    secret_key: str = ""
    default_locale: str = "en"
    #: "file" writes .eml files into ``$data_dir/outbox``; "smtp" sends through a server.
    email_backend: Literal["file", "smtp"] = "file"
    email_from: str = "Hireflow <no-reply@hireflow.local>"
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    smtp_tls: bool = False
    smtp_timeout: float = 30.0
    #: Run background tasks in this process (embedded default when no Redis is configured).
    embedded_worker: bool | None = None
    #: How often the outbox is swept for tasks the broker never got, and how old they must be.
    outbox_sweep_seconds: float = 15.0
    outbox_grace_seconds: float = 30.0
    #: Retry back-off of failed tasks (dramatiq, exponential between these bounds).
    task_min_backoff_ms: int = 1_000
    task_max_backoff_ms: int = 600_000
    worker_threads: int = 4
    #: A starting worker loads matching features before its first task needs them. Unset:
    #: `hireflow worker` does, the worker embedded in `hireflow serve` does not (it would take
    #: CPU from the requests that process serves, and embedded data sets are small).
    matching_warm_up: bool | None = None
    access_token_minutes: int = 60
    refresh_token_days: int = 7
    activation_token_hours: int = 48
    reset_token_minutes: int = 60
    #: argon2id cost: "default" (RFC 9106 second recommendation) or "fast" (tests only).
    password_hash_profile: Literal["default", "fast"] = "default"
    linkedin_client_id: str = ""
    linkedin_client_secret: str = ""
    linkedin_redirect_uri: str = ""
    linkedin_auth_url: str = "https://www.linkedin.com/oauth/v2/authorization"
    linkedin_token_url: str = "https://www.linkedin.com/oauth/v2/accessToken"
    linkedin_userinfo_url: str = "https://api.linkedin.com/v2/userinfo"
    linkedin_state_minutes: int = 10
    rate_limits_enabled: bool = True
    #: "<count>/<seconds>" per client IP unless noted.
    rate_login: str = "10/60"
    rate_login_account: str = "5/300"
    rate_password_reset: str = "5/3600"
    rate_resend: str = "5/3600"
    rate_availability: str = "60/60"
    #: Honour X-Forwarded-For from these proxy addresses (comma-separated); empty: never.
    trusted_proxies: str = ""
    max_body_bytes: int = 1_048_576
    cors_origins: str = ""
    log_level: str = "INFO"
    #: PostgreSQL job search: from this many live jobs on, newest-first pages are found by a
    #: bounded walk and large totals are estimated (``count_exact`` false); below, all exact.
    job_search_walk_from: int = 50_000
    #: ... and an estimated total under this is replaced by an exact count.
    job_search_exact_count_below: int = 250

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'hireflow.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")

    @property
    def uses_embedded_worker(self) -> bool:
        if self.embedded_worker is not None:
            return self.embedded_worker
        return not self.redis_url

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"


def from_env(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Read ``HIREFLOW_*`` variables. Unknown ``HIREFLOW_`` names are an error, not a surprise."""
    environ = os.environ if environ is None else environ
    names = {f.name for f in msgspec.structs.fields(Settings)}
    raw: dict[str, object] = {}
    for key, value in environ.items():
        if not key.startswith(PREFIX):
            continue
        name = key[len(PREFIX) :].lower()
        if name not in names:
            raise ValueError(f"Unknown setting {key}")
        raw[name] = value
    raw.update(overrides)
    try:
        settings = msgspec.convert(raw, Settings, strict=False, dec_hook=_decode)
    except msgspec.ValidationError as exc:
        raise ValueError(f"Invalid setting: {exc}") from exc
    return settings


def _decode(type_: type, value: object) -> object:
    if type_ is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError


def ensure_secret_key(settings: Settings) -> Settings:
    """Fill in a persisted secret key for the embedded default."""
    if settings.secret_key:
        return settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return msgspec.structs.replace(settings, secret_key=path.read_text().strip())


def parse_rate(rule: str) -> tuple[int, int]:
    count, _, seconds = rule.partition("/")
    return int(count), int(seconds or 60)

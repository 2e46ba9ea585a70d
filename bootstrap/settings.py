"""Settings come from ``HIREFLOW_*`` environment variables, with embedded defaults when unset.

They are grouped per concern: ``settings.database.url`` is ``HIREFLOW_DATABASE_URL``,
``settings.smtp.host`` is ``HIREFLOW_SMTP_HOST``. Every group is a ``SettingsGroup`` whose
``env_prefix`` says where its variables live; the platform's groups are fields of ``Settings``,
and each module adds its own (``bootstrap/modules/<module>.py``), read with
``settings.group(JobSearchSettings)``.

Unset ``HIREFLOW_DATABASE_URL`` means SQLite under the data dir; unset ``HIREFLOW_REDIS_URL``
means an in-process broker and in-memory rate limits; unset ``HIREFLOW_SECRET_KEY`` means a key
generated once and kept in ``$HIREFLOW_DATA_DIR/secret_key`` (fine for one machine; production
sets it explicitly so that every process signs with the same key).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar

import msgspec

PREFIX = "HIREFLOW_"


#: A field whose name holds one of these words is a secret: its value never appears in a repr.
SECRET_WORDS = ("secret", "password", "token", "key")
#: ... except these, which name a secret without being one.
NOT_SECRET = frozenset({"access_key_id", "reset_token_minutes", "access_token_minutes"})
MASK = "'***'"


def is_secret(name: str) -> bool:
    return name not in NOT_SECRET and any(word in name.split("_") for word in SECRET_WORDS)


def masked_url(url: str) -> str:
    """``url`` with the password of its user part replaced (``postgresql://u:***@host/db``)."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return url
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"


def _shown(name: str, value: object) -> str:
    if is_secret(name) and value:
        return MASK
    if isinstance(value, str) and name.endswith("url"):
        return repr(masked_url(value))
    return repr(value)


class SettingsGroup(msgspec.Struct, frozen=True, kw_only=True):
    """Settings read from ``HIREFLOW_<env_prefix><FIELD>`` (the field's encoded name).

    Its repr (and rich's) masks secrets: a field named like one (``secret_key``, ``password``,
    ``client_secret``) shows ``'***'`` when set, a URL shows no password. Settings end up in
    tracebacks, debuggers and log lines; the values they hide must not.
    """

    env_prefix: ClassVar[str] = ""

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={_shown(name, getattr(self, name))}" for name in self.__struct_fields__
        )
        return f"{type(self).__name__}({fields})"

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        return [
            (name, _Shown(_shown(name, getattr(self, name)))) for name in self.__struct_fields__
        ]


class _Shown(str):
    """A value rich prints as given (it reprs what it is handed)."""

    def __repr__(self) -> str:
        return str(self)


G = TypeVar("G", bound=SettingsGroup)


class DatabaseSettings(SettingsGroup, frozen=True, kw_only=True):
    env_prefix: ClassVar[str] = "DATABASE_"
    #: Empty: SQLite in the data dir. ``postgresql+psycopg://...`` in production.
    url: str = ""


class RedisSettings(SettingsGroup, frozen=True, kw_only=True):
    env_prefix: ClassVar[str] = "REDIS_"
    #: Empty: an in-process broker and in-memory rate limits.
    url: str = ""


class FileStorageSettings(SettingsGroup, frozen=True, kw_only=True):
    """``HIREFLOW_FILE_STORAGE``: where files (CVs) are kept."""

    env_prefix: ClassVar[str] = "FILE_"
    #: "local": under ``$HIREFLOW_DATA_DIR/files`` (one host, or a folder every host mounts);
    #: "s3": an S3-compatible bucket (``HIREFLOW_S3_*``), shared by every host.
    storage: Literal["local", "s3"] = "local"


class S3Settings(SettingsGroup, frozen=True, kw_only=True):
    """``HIREFLOW_S3_*``: the bucket when ``HIREFLOW_FILE_STORAGE=s3``."""

    env_prefix: ClassVar[str] = "S3_"
    bucket: str = ""
    #: Empty: AWS S3 itself. Otherwise the store's address (``http://minio:9000``).
    endpoint_url: str = ""
    region: str = "us-east-1"
    #: Both empty: the standard AWS sources (``AWS_*`` variables, profile, instance role).
    access_key_id: str = ""
    secret_access_key: str = ""
    #: Keys are written under this prefix inside the bucket (empty: at its root).
    prefix: str = ""
    #: ``bucket.endpoint/key`` instead of ``endpoint/bucket/key``.
    virtual_hosted_style: bool = False
    timeout_seconds: float = 10.0


class HttpSettings(SettingsGroup, frozen=True, kw_only=True):
    #: Where this API is reached. ``hireflow serve`` sets it from the address it listens on
    #: when ``HIREFLOW_PUBLIC_URL`` is not set.
    public_url: str = "http://localhost:8000"
    #: A web frontend that handles the e-mailed links (``/activate?token=``,
    #: ``/reset-password?token=``). Empty: the links open this server's own small pages.
    frontend_url: str = ""
    default_locale: str = "en"
    #: Honour X-Forwarded-For from these proxy addresses (comma-separated); empty: never.
    trusted_proxies: str = ""
    max_body_bytes: int = 1_048_576
    #: How long ``hireflow serve`` keeps an idle connection open. Longer than any client's or
    #: proxy's idle timeout (browsers, httpx: 5 s; load balancers: 60 s), so a client never
    #: sends a request on a connection the server is closing at that moment.
    keep_alive_seconds: int = 75
    cors_origins: str = ""
    log_level: str = "INFO"


class SecuritySettings(SettingsGroup, frozen=True, kw_only=True):
    secret_key: str = ""
    #: argon2id cost: "default" (RFC 9106 second recommendation) or "fast" (tests only).
    password_hash_profile: Literal["default", "fast"] = "default"
    access_token_minutes: int = 60
    refresh_token_days: int = 7
    activation_token_hours: int = 48
    reset_token_minutes: int = 60


class EmailSettings(SettingsGroup, frozen=True, kw_only=True):
    env_prefix: ClassVar[str] = "EMAIL_"
    #: "file" writes .eml files into ``$data_dir/outbox``; "smtp" sends through a server.
    backend: Literal["file", "smtp"] = "file"
    sender: str = msgspec.field(default="Hireflow <no-reply@hireflow.local>", name="from")


class SmtpSettings(SettingsGroup, frozen=True, kw_only=True):
    env_prefix: ClassVar[str] = "SMTP_"
    host: str = "localhost"
    port: int = 587
    username: str = ""
    password: str = ""
    starttls: bool = True
    tls: bool = False
    timeout: float = 30.0


class WorkerSettings(SettingsGroup, frozen=True, kw_only=True):
    #: Run background tasks in this process (embedded default when no Redis is configured).
    embedded_worker: bool | None = None
    #: Concurrent tasks per ``hireflow worker`` on the default lane (the long lane runs one).
    worker_threads: int = 4
    #: How often the outbox is swept for tasks the broker never got, and how old they must be.
    outbox_sweep_seconds: float = 15.0
    outbox_grace_seconds: float = 30.0
    #: Retry back-off of failed tasks (dramatiq, exponential between these bounds).
    task_min_backoff_ms: int = 1_000
    task_max_backoff_ms: int = 600_000
    #: How long a worker holds a task it took: if it dies in the middle, another worker takes
    #: the task over once this has passed. Must be longer than any task runs.
    task_lease_seconds: float = 300.0


class SocketSettings(SettingsGroup, frozen=True, kw_only=True):
    """The WebSocket endpoints (``/ws/...``): ``HIREFLOW_WS_*``."""

    env_prefix: ClassVar[str] = "WS_"
    #: How often an open socket checks that its session is still open: a socket of a session
    #: that ended (logout, password reset) is closed with 4401 within this many seconds. It
    #: is closed when its access token expires in any case.
    session_check_seconds: float = 60.0
    #: Frames a socket may fall behind (a client that does not read) before it is closed with
    #: 1013 rather than buffered without end.
    backlog: int = 1000


class RateLimitSettings(SettingsGroup, frozen=True, kw_only=True):
    """Rate limiting as a whole; each module declares its own rules (see ``RateRules``)."""

    env_prefix: ClassVar[str] = "RATE_"
    limits_enabled: bool = True


class RateRules(SettingsGroup, frozen=True, kw_only=True):
    """A module's rate-limit rules: every field is ``"<requests>/<seconds>"``, read from
    ``HIREFLOW_RATE_<NAME>`` and known to the limiter by its field name."""

    env_prefix: ClassVar[str] = "RATE_"

    def rules(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__struct_fields__}


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    data_dir: Path = Path("./var")
    database: DatabaseSettings = msgspec.field(default_factory=DatabaseSettings)
    redis: RedisSettings = msgspec.field(default_factory=RedisSettings)
    http: HttpSettings = msgspec.field(default_factory=HttpSettings)
    security: SecuritySettings = msgspec.field(default_factory=SecuritySettings)
    email: EmailSettings = msgspec.field(default_factory=EmailSettings)
    smtp: SmtpSettings = msgspec.field(default_factory=SmtpSettings)
    worker: WorkerSettings = msgspec.field(default_factory=WorkerSettings)
    sockets: SocketSettings = msgspec.field(default_factory=SocketSettings)
    rate_limits: RateLimitSettings = msgspec.field(default_factory=RateLimitSettings)
    files: FileStorageSettings = msgspec.field(default_factory=FileStorageSettings)
    s3: S3Settings = msgspec.field(default_factory=S3Settings)
    #: The modules' own groups, one of each type.
    modules: tuple[SettingsGroup, ...] = ()

    def __post_init__(self) -> None:
        if self.files.storage == "s3" and not self.s3.bucket:
            raise ValueError("HIREFLOW_S3_BUCKET is required when HIREFLOW_FILE_STORAGE=s3")

    def group(self, kind: type[G]) -> G:
        """A module's settings group (its defaults when the module set none)."""
        for group in self.modules:
            if type(group) is kind:
                return group
        return kind()

    @property
    def effective_database_url(self) -> str:
        if self.database.url:
            return self.database.url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'hireflow.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")

    @property
    def uses_embedded_worker(self) -> bool:
        if self.worker.embedded_worker is not None:
            return self.worker.embedded_worker
        return not self.redis.url

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"


_PLATFORM_GROUPS: dict[str, type[SettingsGroup]] = {
    f.name: f.type
    for f in msgspec.structs.fields(Settings)
    if isinstance(f.type, type) and issubclass(f.type, SettingsGroup)
}


def _env_names(kind: type[SettingsGroup]) -> Iterator[tuple[str, str]]:
    """(flat name, field name) of every field: the flat name is the variable without
    ``HIREFLOW_``, lower-cased (``smtp_host``)."""
    for field in msgspec.structs.fields(kind):
        yield f"{kind.env_prefix}{field.encode_name}".lower(), field.encode_name


def module_groups() -> tuple[type[SettingsGroup], ...]:
    """Every module's settings groups (read from the module list, at call time)."""
    from bootstrap.modules import MODULES

    return tuple(group for module in MODULES for group in module.settings)


def build(
    values: Mapping[str, object], groups: Iterable[type[SettingsGroup]] | None = None
) -> Settings:
    """Settings from flat names (``database_url``, ``smtp_host``, ``data_dir``, ...), as the
    environment spells them. An unknown name is an error, not a surprise."""
    groups = tuple(module_groups() if groups is None else groups)
    owners: dict[str, tuple[str | type[SettingsGroup], str]] = {"data_dir": ("", "data_dir")}
    for attribute, kind in _PLATFORM_GROUPS.items():
        for flat, field in _env_names(kind):
            owners[flat] = (attribute, field)
    for kind in groups:
        for flat, field in _env_names(kind):
            owners[flat] = (kind, field)
    raw: dict[str, Any] = {}
    per_group: dict[str | type[SettingsGroup], dict[str, object]] = {}
    for name, value in values.items():
        if name not in owners:
            raise ValueError(f"Unknown setting {PREFIX}{name.upper()}")
        owner, field = owners[name]
        if owner == "":
            raw[field] = value
        else:
            per_group.setdefault(owner, {})[field] = value
    try:
        for attribute in _PLATFORM_GROUPS:
            raw[attribute] = per_group.get(attribute, {})
        settings = msgspec.convert(raw, Settings, strict=False, dec_hook=_decode)
        modules = tuple(
            msgspec.convert(per_group.get(kind, {}), kind, strict=False) for kind in groups
        )
    except msgspec.ValidationError as exc:
        raise ValueError(f"Invalid setting: {exc}") from exc
    return msgspec.structs.replace(settings, modules=modules)


def make_settings(**values: object) -> Settings:
    """Settings from flat names given as keywords (``make_settings(database_url=...)``)."""
    return build(values)


def flat(settings: Settings) -> dict[str, object]:
    """The flat names and values of ``settings`` (what ``build`` takes back)."""
    out: dict[str, object] = {"data_dir": settings.data_dir}
    for attribute, kind in _PLATFORM_GROUPS.items():
        group = getattr(settings, attribute)
        for name, field in _env_names(kind):
            out[name] = msgspec.structs.asdict(group)[_attr(kind, field)]
    for group in settings.modules:
        for name, field in _env_names(type(group)):
            out[name] = msgspec.structs.asdict(group)[_attr(type(group), field)]
    return out


def _attr(kind: type[SettingsGroup], encoded: str) -> str:
    for field in msgspec.structs.fields(kind):
        if field.encode_name == encoded:
            return field.name
    raise KeyError(encoded)  # pragma: no cover


def replace(settings: Settings, **changes: object) -> Settings:
    """``settings`` with some values changed, by flat name (``replace(s, smtp_port=25)``)."""
    return build({**flat(settings), **changes}, groups=[type(group) for group in settings.modules])


def from_env(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Read ``HIREFLOW_*`` variables (``overrides`` by flat name win)."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {
        key[len(PREFIX) :].lower(): value
        for key, value in environ.items()
        if key.startswith(PREFIX)
    }
    values.update(overrides)
    return build(values)


def _decode(type_: type, value: object) -> object:
    if type_ is Path and isinstance(value, str | Path):
        return Path(value)
    raise NotImplementedError


def ensure_secret_key(settings: Settings) -> Settings:
    """Fill in a persisted secret key for the embedded default."""
    if settings.security.secret_key:
        return settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    security = msgspec.structs.replace(settings.security, secret_key=path.read_text().strip())
    return msgspec.structs.replace(settings, security=security)

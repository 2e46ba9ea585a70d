"""Engines for the embedded default (SQLite, WAL) and production (PostgreSQL via psycopg 3)."""

from __future__ import annotations

from typing import Any, NewType

import msgspec
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

SQLITE_BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT_SECONDS = 5

#: A session for long reads (loading every candidate's matching features). On SQLite it is a
#: separate, query-only connection whose transactions begin DEFERRED: in WAL mode such a read
#: sees a snapshot and never holds the write lock, so a 15-second load blocks no writer. On
#: PostgreSQL it is an ordinary session of the same pool (MVCC readers block nobody anyway).
ReadSession = NewType("ReadSession", AsyncSession)


def async_url(url: str) -> str:
    """Accept the URLs people write and pick the async driver we ship."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The same database through a synchronous driver (Alembic runs migrations this way)."""
    parsed = make_url(async_url(url))
    if parsed.drivername == "sqlite+aiosqlite":
        parsed = parsed.set(drivername="sqlite")
    return parsed.render_as_string(hide_password=False)


def _json_dumps(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def create_engine(url: str, *, read_only: bool = False, **kwargs: Any) -> AsyncEngine:
    """``read_only`` matters on SQLite only (see ``ReadSession``)."""
    url = async_url(url)
    # msgspec for JSON columns: several times faster than the stdlib when matching loads
    # skills and preferences of every candidate.
    kwargs.setdefault("json_serializer", _json_dumps)
    # SQL errors must not carry their parameters: they reach logs and tracebacks, and a
    # parameter may be a password hash or a token.
    kwargs.setdefault("hide_parameters", True)
    kwargs.setdefault("json_deserializer", msgspec.json.decode)
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        _configure_sqlite(engine, read_only=read_only)
        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("pool_pre_ping", True)
    # A database that does not answer (a host down, a network partition) fails a connection
    # attempt after this many seconds instead of holding the request: the answer is a 503.
    kwargs.setdefault("connect_args", {"connect_timeout": CONNECT_TIMEOUT_SECONDS})
    return create_async_engine(url, **kwargs)


def _configure_sqlite(engine: AsyncEngine, *, read_only: bool) -> None:
    """WAL for concurrent readers, foreign keys on, and writers that queue instead of failing.

    Every transaction starts with ``BEGIN IMMEDIATE``: SQLite cannot upgrade a read lock to a
    write lock when two transactions race, so taking the write lock up front is what lets two
    concurrent sign-ups wait for each other and end in one success and one clean 400.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # WAL is a property of the file, set once by the migrations (``migrate.upgrade``).
        # Switching needs the database to itself: asking again while another connection (the
        # embedded worker) is busy fails with "database is locked", at once.
        cursor.execute("PRAGMA journal_mode")
        if str(cursor.fetchone()[0]).lower() != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)

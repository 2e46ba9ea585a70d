"""The migrations, run on empty SQLite and PostgreSQL databases: they build exactly the schema
``adapters.persistence.tables`` describes, and each of them can be undone and redone."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Constraint, Index, Table, create_engine, pool

from adapters.persistence.database import sync_url
from adapters.persistence.migrate import alembic_config, include_object, upgrade
from adapters.persistence.tables import metadata

_counter = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database without a single table (``database_url`` copies a migrated one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = f"m_{next(_counter)}_{int(time.time() * 1000) % 100000}"
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield server.url(name)
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


#: Differences known between ``tables.py`` and the migrations, as ``describe`` prints them.
#: Empty: every difference fails the test.
KNOWN_DIFFERENCES: frozenset[str] = frozenset()


def _short(item: Any) -> str:
    if isinstance(item, Table):
        return f"table {item.name}"
    if isinstance(item, Column):
        table = getattr(item.table, "name", "?")
        return f"column {table}.{item.name} {item.type!r} nullable={item.nullable}"
    if isinstance(item, Index):
        table = getattr(item.table, "name", "?")
        parts = ", ".join(str(e) for e in item.expressions)
        return f"index {item.name} on {table}({parts}) unique={bool(item.unique)}"
    if isinstance(item, Constraint):
        table = getattr(item.table, "name", "?")
        return f"{type(item).__name__} {item.name} on {table}"
    return repr(item)


def describe(entry: Any) -> str:
    """One line per difference: ``add_*`` is in tables.py only, ``remove_*`` in the migrated
    database only, ``modify_*`` differs between them."""
    if isinstance(entry, list):  # modify_type, modify_nullable, ... of one column
        return "; ".join(describe(change) for change in entry)
    op, *args = entry
    if op.startswith("modify_"):
        _schema, table, column, _existing, old, new = args
        return f"{op} {table}.{column}: migrations {old!r}, tables.py {new!r}"
    if op in ("add_column", "remove_column"):
        _schema, table, column = args
        return f"{op} {table}: {_short(column)}"
    return f"{op} " + ", ".join(_short(arg) for arg in args)


def schema_differences(url: str) -> list[str]:
    """What autogenerate would put in a new migration, as ``describe`` lines."""
    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": include_object}
            )
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    return [line for line in map(describe, diff) if line not in KNOWN_DIFFERENCES]


def assert_same_schema(url: str) -> None:
    differences = schema_differences(url)
    assert not differences, (
        "tables.py and the migrations differ (add_* = only in tables.py, remove_* = only in "
        "the migrated database):\n  " + "\n  ".join(differences)
    )


def test_metadata_matches_the_migrations(empty_database_url: str) -> None:
    upgrade(empty_database_url)
    assert_same_schema(empty_database_url)


def test_every_migration_goes_down_and_up_again(empty_database_url: str) -> None:
    """Stairway: upgrade to each revision, downgrade one step, upgrade again — so every
    downgrade undoes exactly its upgrade (the re-upgrade finds nothing left behind)."""
    config = alembic_config(empty_database_url)
    script = ScriptDirectory.from_config(config)
    revisions = list(script.walk_revisions("base", "heads"))[::-1]  # oldest first
    assert revisions, "no migration found"
    for rev in revisions:
        assert not isinstance(rev.down_revision, tuple | list), (
            f"{rev.revision} merges {rev.down_revision}: the stairway expects a linear history"
        )
        command.upgrade(config, rev.revision)
        command.downgrade(config, rev.down_revision or "base")
        command.upgrade(config, rev.revision)
    # Nothing lost on the way: the result is still exactly tables.py.
    assert_same_schema(empty_database_url)

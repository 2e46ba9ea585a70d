"""The embedded SQLite database under concurrent connections (the app and its in-process
worker each hold their own)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from adapters.persistence.database import create_engine
from adapters.persistence.migrate import upgrade


async def test_migrated_database_is_wal_and_connects_while_another_one_writes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hireflow.sqlite3"
    upgrade(f"sqlite:///{path}")
    # WAL is set once, by the migration: a connection asking to switch modes while another
    # connection is in a transaction fails at once with "database is locked" (a 500 that CI
    # once met when a request connected while the embedded worker was writing).
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE job_categories SET name = name")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        # Opening a connection runs the app's PRAGMAs, while the other one holds the lock.
        async with engine.connect() as conn:
            writer.execute("ROLLBACK")
            count = (await conn.execute(text("SELECT count(*) FROM job_categories"))).scalar()
        assert count and count > 0
    finally:
        writer.close()
        await engine.dispose()

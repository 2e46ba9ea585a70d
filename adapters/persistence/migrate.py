"""Apply the Alembic migrations shipped inside the package (``hireflow db upgrade``)."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

# Alembic announces every plugin it sets up, at INFO, as soon as it is imported: seven lines of
# noise at every start. What migrations ran is still said (alembic.runtime.migration).
logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from adapters.persistence.database import sync_url  # noqa: E402

MIGRATIONS = Path(__file__).with_name("migrations")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """What Alembic compares between ``tables.py`` and a database: everything but the search
    structures created by hand in migrations (the SQLite FTS5 tables, and PostgreSQL's
    ``search_vector`` column with its GIN index)."""
    if type_ == "table" and name and name.startswith("jobs_fts"):
        return False
    if type_ == "index" and name == "ix_jobs_search_vector":
        return False
    return not (type_ == "column" and name == "search_vector")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["url"] = sync_url(url)
    return config


def upgrade(url: str, revision: str = "head") -> None:
    database = url.split("///", 1)[-1] if url.startswith("sqlite") else ""
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)
    if database and database != ":memory:":
        # WAL (readers never wait for the writer) is kept in the file: set it here, while
        # nothing else has the database open, rather than on every connection of the app.
        with closing(sqlite3.connect(database)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")


def revision(url: str, message: str) -> None:
    """Developers: autogenerate a migration from the difference with ``tables.py``."""
    command.revision(alembic_config(url), message=message, autogenerate=True)

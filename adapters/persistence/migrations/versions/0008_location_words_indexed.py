"""location words in the job search index

Revision ID: 0008_location_words_indexed
Revises: 0007_live_jobs_index
Create Date: 2026-11-27 00:50:00

The job list's ``location`` filter becomes a word filter served by the same index as
``search``: "python in Paris" is one index lookup intersecting two posting lists, instead of a
trigram bitmap ANDed with a text bitmap and every candidate's location re-read from the table.

* PostgreSQL: ``search_vector`` also holds the location's words, each prefixed with ``@`` so
  that they live apart from title and description words (a search for "paris" does not match
  a job located in Paris, a location filter "python" does not match a Python job). The trigram
  index on ``lower(location)`` goes: nothing else filters jobs by a location substring on a
  whole table.
* SQLite: ``jobs_fts`` gains a ``location`` column (queries name the columns they search).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008_location_words_indexed"
down_revision: str | None = "0007_live_jobs_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = (
    "setweight(to_tsvector('simple', hireflow_unaccent(coalesce(title, ''))), 'A') || "
    "setweight(to_tsvector('simple', hireflow_unaccent(coalesce(description, ''))), 'B')"
)
_GIN = (
    "CREATE INDEX ix_jobs_search_vector ON jobs USING gin (search_vector) "
    "WITH (fastupdate = off)"
)


def _fts(columns: tuple[str, ...]) -> None:
    """(Re)create ``jobs_fts`` over these columns of ``jobs``, its triggers, and fill it."""
    for trigger in ("jobs_fts_insert", "jobs_fts_delete", "jobs_fts_update"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS jobs_fts")
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE jobs_fts USING fts5({names}, content='jobs', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN "
        f"INSERT INTO jobs_fts(rowid, {names}) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN "
        f"INSERT INTO jobs_fts(jobs_fts, rowid, {names}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER jobs_fts_update AFTER UPDATE OF {names} ON jobs BEGIN "
        f"INSERT INTO jobs_fts(jobs_fts, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO jobs_fts(rowid, {names}) VALUES (new.id, {new}); END"
    )
    op.execute("INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        _fts(("title", "description", "location"))
        return
    # The location's words as lexemes of their own: "@paris", "@france".
    op.execute(
        "CREATE OR REPLACE FUNCTION hireflow_place_lexemes(text) RETURNS tsvector "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ "
        "SELECT coalesce(array_to_tsvector(array_agg('@' || lexeme)), ''::tsvector) "
        "FROM unnest(to_tsvector('simple', hireflow_unaccent($1))) $$"
    )
    # PostgreSQL 15 cannot change a generated column's expression in place.
    op.execute("ALTER TABLE jobs DROP COLUMN search_vector")  # and its index
    op.execute(
        "ALTER TABLE jobs ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        f"{_TEXT} || hireflow_place_lexemes(coalesce(location, ''))) STORED"
    )
    op.execute(_GIN)
    op.execute("DROP INDEX IF EXISTS ix_jobs_location_trgm")
    op.execute("ANALYZE jobs")  # the search reads the words' frequencies from the statistics


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        _fts(("title", "description"))
        return
    op.execute("ALTER TABLE jobs DROP COLUMN search_vector")
    op.execute(f"ALTER TABLE jobs ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({_TEXT}) STORED")
    op.execute(_GIN)
    op.execute(
        "CREATE INDEX ix_jobs_location_trgm ON jobs USING gin (lower(location) gin_trgm_ops) "
        "WITH (fastupdate = off)"
    )
    op.execute("DROP FUNCTION IF EXISTS hireflow_place_lexemes(text)")

from __future__ import annotations

from sqlalchemy.exc import IntegrityError


def violated_constraint(error: IntegrityError) -> str:
    """The name of the constraint (Postgres) or the columns (SQLite) behind an IntegrityError,
    as text to match against. Postgres gives the name in the diagnostics; SQLite only says
    ``UNIQUE constraint failed: users.email_key``."""
    orig = error.orig
    diag = getattr(orig, "diag", None)
    name = getattr(diag, "constraint_name", None) if diag is not None else None
    return name or str(orig)

"""Alembic environment. Runs synchronously (sqlite / postgresql+psycopg) on the URL given by
``adapters.persistence.migrate`` through ``config.attributes["url"]`` or ``sqlalchemy.url``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from adapters.persistence.database import sync_url
from adapters.persistence.migrate import include_object
from adapters.persistence.tables import metadata

config = context.config
url: str = config.attributes.get("url") or config.get_main_option("sqlalchemy.url") or ""
if not url:
    raise RuntimeError("No database URL given to Alembic")


def run_offline() -> None:
    context.configure(
        url=sync_url(url), target_metadata=metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = create_engine(sync_url(url), poolclass=pool.NullPool, hide_parameters=True)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()

"""The ``hireflow`` command."""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Annotated

import typer

from bootstrap.settings import Settings, ensure_secret_key, from_env, replace

app = typer.Typer(help="Hireflow: open recruitment platform backend.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="User administration.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")


def _settings() -> Settings:
    try:
        settings = from_env()
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    logging.basicConfig(
        level=settings.http.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return settings


def _upgrade(settings: Settings) -> None:
    from adapters.persistence.migrate import upgrade

    upgrade(settings.effective_database_url)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Run the HTTP API (on the embedded defaults, also migrates and runs the worker)."""
    import uvicorn

    from bootstrap.app import create_app

    settings = _settings()
    if not settings.database.url:
        _upgrade(settings)
    application = create_app(settings)
    # The ~200k objects loaded so far (modules, the app, its schemas) live as long as the
    # process: move them out of the cyclic collector's reach. Otherwise every full collection
    # walks them all and stops the event loop (about 250 ms here), for every request in flight.
    gc.collect()
    gc.freeze()
    uvicorn.run(application, host=host, port=port, log_level=settings.http.log_level.lower())


@app.command()
def worker(
    threads: Annotated[int | None, typer.Option(help="Concurrent tasks (default lane).")] = None,
    lanes: Annotated[
        str, typer.Option(help="Comma-separated lanes to run: default, long (both by default).")
    ] = "default,long",
) -> None:
    """Run background tasks from the Redis broker (production)."""
    from adapters.messaging.routes import LANES
    from bootstrap.worker import run_worker

    settings = _settings()
    if threads is not None:
        settings = replace(settings, worker_threads=threads)
    chosen = [lane.strip() for lane in lanes.split(",") if lane.strip()]
    if not chosen or any(lane not in LANES for lane in chosen):
        raise typer.BadParameter(f"lanes are {', '.join(LANES)}; got {lanes!r}")
    run_worker(settings, [lane for lane in LANES if lane in chosen])


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = _settings()
    _upgrade(settings)
    typer.echo("Database is up to date.")


@users_app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option(help="Login name.")],
    email: Annotated[str, typer.Option(help="E-mail address.")],
    password: Annotated[
        str, typer.Option(help="Password.", prompt=True, hide_input=True, confirmation_prompt=True)
    ],
) -> None:
    """Create an active site administrator."""
    from bootstrap.tools import create_admin as run

    settings = ensure_secret_key(_settings())
    try:
        user = asyncio.run(run(settings, username=username, email=email, password=password))
    except ValueError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Created admin {user.username} (id {user.id}).")


def main() -> None:
    app()

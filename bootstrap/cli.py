"""The ``hireflow`` command.

An expected failure (a bad setting, invalid input, an unreachable or unmigrated database) is
one line on stderr and exit status 1; nothing a command prints contains a password, a hash or
a token (SQL errors never carry their parameters: see ``adapters.persistence.database``).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import os
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from bootstrap.settings import Settings, ensure_secret_key, from_env, replace

log = logging.getLogger("hireflow.cli")

_TYPER: dict[str, Any] = {
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
}
app = typer.Typer(
    help="Hireflow: open recruitment platform backend.", add_completion=False, **_TYPER
)
db_app = typer.Typer(help="Database schema.", **_TYPER)
users_app = typer.Typer(help="User administration.", **_TYPER)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")

F = TypeVar("F", bound=Callable[..., Any])


class CommandFailed(Exception):
    """An expected failure: its message is all the user sees."""


def _one_line(exc: BaseException) -> str:
    """What a user is told about ``exc``: a sentence, never a traceback."""
    from core.domain.errors import DomainError, ValidationFailed

    if isinstance(exc, ValidationFailed):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.errors.items())
    if isinstance(exc, CommandFailed | DomainError):
        return str(exc)
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        text = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
        if "no such table" in text or ("relation" in text and "does not exist" in text):
            return "The database has no tables yet: run `hireflow db upgrade` first."
        if exc.connection_invalidated or "connect" in text.lower():
            return f"Cannot reach the database ({text})."
        return f"The database refused the operation ({text})."
    return f"Unexpected {type(exc).__name__}; run again with HIREFLOW_LOG_LEVEL=DEBUG for details."


def friendly(command: F) -> F:
    """Expected failures become one line and exit status 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            log.debug("%s failed", command.__name__, exc_info=exc)
            typer.echo(f"Error: {_one_line(exc)}", err=True)
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


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


def _embedded_database(settings: Settings) -> None:
    """On the embedded default (SQLite in the data dir) a command that needs the database
    brings it up to date first, as ``serve`` does; a configured database is the operator's
    to migrate (``hireflow db upgrade``)."""
    if not settings.database.url:
        _upgrade(settings)


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Run the HTTP API (on the embedded defaults, also migrates and runs the worker)."""
    import uvicorn

    from adapters.http.live import MAX_FRAME_BYTES
    from bootstrap.app import create_app

    settings = _settings()
    if "HIREFLOW_PUBLIC_URL" not in os.environ:
        # E-mailed links point at the address this server listens on.
        shown = "localhost" if host in ("0.0.0.0", "127.0.0.1", "::", "::1") else host  # noqa: S104
        settings = replace(settings, public_url=f"http://{shown}:{port}")
    _embedded_database(settings)
    application = create_app(settings)
    # The ~200k objects loaded so far (modules, the app, its schemas) live as long as the
    # process: move them out of the cyclic collector's reach. Otherwise every full collection
    # walks them all and stops the event loop (about 250 ms here), for every request in flight.
    gc.collect()
    gc.freeze()
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level=settings.http.log_level.lower(),
        log_config=uvicorn_logging(),
        # A socket frame over this is refused by the protocol (1009) before it is read whole;
        # the sockets refuse one over 64 KiB themselves (adapters.http.live).
        ws_max_size=2 * MAX_FRAME_BYTES,
        timeout_keep_alive=settings.http.keep_alive_seconds,
    )


def uvicorn_logging() -> dict[str, Any]:
    """Uvicorn's own logging, with its access log scrubbed of tokens and codes in query
    strings (e-mailed links carry ``?token=``, the LinkedIn callback ``?code=&state=``)."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = {**LOGGING_CONFIG, "filters": {}}
    config["filters"]["secrets"] = {"()": "adapters.http.log_filters.RedactQuerySecrets"}
    config["handlers"] = {
        name: {**handler, "filters": ["secrets"]}
        for name, handler in LOGGING_CONFIG["handlers"].items()
    }
    return config


@app.command()
@friendly
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
@friendly
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = _settings()
    _upgrade(settings)
    typer.echo("Database is up to date.")


@users_app.command("create-admin")
@friendly
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
    _embedded_database(settings)
    user = asyncio.run(run(settings, username=username, email=email, password=password))
    typer.echo(f"Created admin {user.username} (id {user.id}).")


@users_app.command("create")
@friendly
def create_user(
    user_type: Annotated[
        str, typer.Option("--type", help="Internal account type: ngo_manager or admin.")
    ],
    username: Annotated[str, typer.Option(help="Login name.")],
    email: Annotated[str, typer.Option(help="E-mail address.")],
    password: Annotated[
        str, typer.Option(help="Password.", prompt=True, hide_input=True, confirmation_prompt=True)
    ],
    first_name: Annotated[str, typer.Option(help="First name.")] = "",
    last_name: Annotated[str, typer.Option(help="Last name.")] = "",
) -> None:
    """Create an active internal account (an NGO manager or a site admin): the account types
    registration refuses. Candidates and recruiters sign up themselves."""
    from bootstrap.tools import create_internal_account as run

    settings = ensure_secret_key(_settings())
    _embedded_database(settings)
    user = asyncio.run(
        run(
            settings,
            username=username,
            email=email,
            password=password,
            user_type=user_type,
            first_name=first_name,
            last_name=last_name,
        )
    )
    typer.echo(f"Created {user.user_type} {user.username} (id {user.id}).")


def main() -> None:
    app()

"""Background work survives what production throws at it: rollbacks, broker outages,
failing handlers and redelivery."""

from __future__ import annotations

import asyncio
import logging

import pytest
from dishka import Provider, Scope, provide
from dramatiq.brokers.stub import StubBroker
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.email.file_sender import FileEmailSender
from adapters.messaging.dramatiq_tasks import TaskSystem as _TaskSystem
from adapters.messaging.routes import Dispatch
from adapters.persistence.tables.outbox import outbox as outbox_table
from bootstrap.app import create_app
from bootstrap.container import make_task_system
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from core.ports.email import EmailMessage, EmailSender
from tests.integration.conftest import Outbox, register


@pytest.fixture
def fast_settings(settings: Settings) -> Settings:
    return replace_settings(
        settings,
        outbox_sweep_seconds=0.2,
        outbox_grace_seconds=0.0,
        task_min_backoff_ms=50,
        task_max_backoff_ms=200,
    )


class FlakyBroker(StubBroker):
    """A broker that refuses messages while ``down``."""

    def __init__(self) -> None:
        super().__init__()
        self.down = True

    def enqueue(self, message, *, delay=None):  # type: ignore[no-untyped-def]
        if self.down:
            raise ConnectionError("broker unreachable")
        return super().enqueue(message, delay=delay)


async def test_broker_outage_loses_nothing(fast_settings: Settings) -> None:
    broker = FlakyBroker()
    app = create_app(fast_settings, tasks=make_task_system(fast_settings, broker=broker))
    mailbox = Outbox(fast_settings.outbox_dir)
    async with AsyncTestClient(app=app) as client:
        response = await register(client)
        assert response.status_code == 201  # the user's sign-up is not hostage to the broker
        await asyncio.sleep(0.6)
        assert mailbox.to("john@example.com") == []
        broker.down = False  # the broker comes back: the sweeper relays what it missed
        await mailbox.wait_for("john@example.com", timeout=10)
        await asyncio.sleep(0.5)
        assert len(mailbox.to("john@example.com")) == 1


class FailsTwice(EmailSender):
    def __init__(self, inner: EmailSender) -> None:
        self.inner = inner
        self.calls = 0

    async def send(self, message: EmailMessage) -> None:
        self.calls += 1
        if self.calls <= 2:
            raise ConnectionError("SMTP relay is having a bad day")
        await self.inner.send(message)


async def test_failing_handler_is_retried_and_delivers_once(fast_settings: Settings) -> None:
    sender = FailsTwice(FileEmailSender(fast_settings.outbox_dir, fast_settings.email.sender))

    class FlakyEmail(Provider):
        @provide(scope=Scope.APP)
        def sender(self) -> EmailSender:
            return sender

    app = create_app(fast_settings, FlakyEmail())
    mailbox = Outbox(fast_settings.outbox_dir)
    async with AsyncTestClient(app=app) as client:
        assert (await register(client)).status_code == 201
        await mailbox.wait_for("john@example.com", timeout=15)
        await asyncio.sleep(0.5)
        assert len(mailbox.to("john@example.com")) == 1
        assert sender.calls == 3
        engine = await app.state.dishka_container.get(AsyncEngine)
        async with engine.connect() as conn:
            row = (await conn.execute(select(outbox_table))).one()
        assert row.completed_at is not None
        assert row.attempts == 3


class DatabaseAwayTwice(EmailSender):
    """What a handler sees while the database restarts: a connection-level failure."""

    def __init__(self, inner: EmailSender) -> None:
        self.inner = inner
        self.calls = 0

    async def send(self, message: EmailMessage) -> None:
        self.calls += 1
        if self.calls <= 2:
            raise OperationalError(
                "SELECT 1", {}, Exception("the database system is shutting down\nDETAIL: x")
            )
        await self.inner.send(message)


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def test_an_outage_is_retried_and_logged_in_one_line(fast_settings: Settings) -> None:
    sender = DatabaseAwayTwice(
        FileEmailSender(fast_settings.outbox_dir, fast_settings.email.sender)
    )

    class Away(Provider):
        @provide(scope=Scope.APP)
        def sender(self) -> EmailSender:
            return sender

    app = create_app(fast_settings, Away())
    mailbox = Outbox(fast_settings.outbox_dir)
    # On the loggers themselves: the app's logging set-up may replace the root's handlers.
    seen = Records()
    loggers = [logging.getLogger(name) for name in ("adapters.messaging", "dramatiq")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(seen)
        logger.setLevel(logging.INFO)
    try:
        async with AsyncTestClient(app=app) as client:
            assert (await register(client)).status_code == 201
            await mailbox.wait_for("john@example.com", timeout=15)
            await asyncio.sleep(0.5)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(seen)
            logger.setLevel(level)
    assert len(mailbox.to("john@example.com")) == 1
    assert sender.calls == 3
    deferred = [r.getMessage() for r in seen.records if "deferred" in r.getMessage()]
    assert len(deferred) == 2, [r.getMessage() for r in seen.records]
    assert "database unreachable (Exception: the database system is shutting down)" in (deferred[0])
    assert not [r for r in seen.records if r.exc_info], "an outage logged a traceback"


async def test_rejected_request_sends_nothing(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    first, second = await asyncio.gather(
        register(client, "john_one", "John@x.com"), register(client, "john_two", "john@x.com")
    )
    assert sorted([first.status_code, second.status_code]) == [201, 400]
    await outbox.wait_for("john@x.com")
    await asyncio.sleep(0.5)
    [mail] = outbox.to("john@x.com")
    winner = first if first.status_code == 201 else second
    assert winner.json()["username"] in Outbox.text(mail)


async def test_redelivered_task_runs_once(
    app: Litestar, client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    assert (await register(client)).status_code == 201
    await outbox.wait_for("john@example.com")
    engine = await app.state.dishka_container.get(AsyncEngine)
    async with engine.connect() as conn:
        task_id = (await conn.execute(select(outbox_table.c.id))).scalar_one()
    tasks = await app.state.dishka_container.get(_TaskSystem)
    # A broker redelivering the same message.
    await tasks.publish([Dispatch(task_id, "default"), Dispatch(task_id, "default")])
    await asyncio.sleep(0.7)
    assert len(outbox.to("john@example.com")) == 1

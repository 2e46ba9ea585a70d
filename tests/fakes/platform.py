"""What every module stands on: the clock, the transaction, the task queue (and the outbox
relay behind it), pushes to open sockets, e-mail and file storage."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from adapters.messaging.routes import Route, Routes
from core.domain.live import LiveFrame
from core.domain.messages import Message, decode_message, encode_message
from core.ports.clock import Clock
from core.ports.email import EmailMessage, EmailRenderer, EmailSender, RenderedEmail
from core.ports.file_storage import FileStorage, StoredFile
from core.ports.live_updates import LiveUpdates
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager


class FakeClock(Clock):
    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 1, 15, 10, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)


class FakeTransactionManager(TransactionManager):
    """Records commits; tasks enqueued through ``FakeTaskQueue`` and frames pushed through
    ``FakeLiveUpdates`` only count once committed, and a rollback drops them (as the outbox
    rows written in the transaction are dropped, and the commit hooks with them).

    Unlike the database, the in-memory stores write through: a rollback does not undo their
    writes. The use cases check before they write, so tests may still assert that a refused
    call changed nothing."""

    def __init__(self) -> None:
        self.commits = 0
        self.rollbacks = 0
        self.queue: FakeTaskQueue | None = None
        self.live: FakeLiveUpdates | None = None

    @property
    def committed(self) -> bool:
        return self.commits > 0

    async def commit(self) -> None:
        self.commits += 1
        if self.queue is not None:
            self.queue.committed.extend(self.queue.pending)
            self.queue.pending.clear()
        if self.live is not None:
            self.live.pushed.extend(self.live.pending)
            self.live.pending.clear()

    async def rollback(self) -> None:
        self.rollbacks += 1
        if self.queue is not None:
            self.queue.pending.clear()
        if self.live is not None:
            self.live.pending.clear()


class FakeTaskQueue(TaskQueue):
    """The outbox: ``pending`` until the transaction commits, ``committed`` after. Given the
    production ``Routes``, it refuses a message no handler reacts to, as the outbox does."""

    def __init__(self, tx: FakeTransactionManager, routes: Routes | None = None) -> None:
        self.pending: list[Message] = []
        self.committed: list[Message] = []
        self.routes = routes
        tx.queue = self

    async def enqueue(self, message: Message) -> None:
        if self.routes is not None:
            self.routes.for_message(message)  # raises NoRoute, as the outbox does
        # Stored as JSON with the change: what a handler receives is what decodes back.
        self.pending.append(decode_message(encode_message(message), type(message)))

    def of(self, kind: type[Any]) -> list[Any]:
        """The committed messages of one type, oldest first."""
        return [m for m in self.committed if isinstance(m, kind)]


@dataclass(frozen=True, slots=True)
class Push:
    """A frame for the sockets of a conversation (``"conversation"``) or of a user."""

    audience: str
    target: int
    frame: LiveFrame


class FakeLiveUpdates(LiveUpdates):
    """The pushes to open sockets: ``pending`` until the transaction commits, ``pushed``
    after (as the commit hooks of ``HubLiveUpdates`` run), dropped by a rollback."""

    def __init__(self, tx: FakeTransactionManager) -> None:
        self.pending: list[Push] = []
        self.pushed: list[Push] = []
        tx.live = self

    async def to_conversation(self, conversation_id: int, frame: LiveFrame) -> None:
        self.pending.append(Push("conversation", conversation_id, frame))

    async def to_user(self, user_id: int, frame: LiveFrame) -> None:
        self.pending.append(Push("user", user_id, frame))

    def to(self, audience: str, target: int, kind: type[Any] | None = None) -> list[Any]:
        """The frames pushed to one audience (of one type), oldest first."""
        return [
            p.frame
            for p in self.pushed
            if (p.audience, p.target) == (audience, target)
            and (kind is None or isinstance(p.frame, kind))
        ]


Reaction = Callable[[Any, str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbox row: a committed message for one handler, with its key (the same on every
    redelivery, unique to the pair)."""

    key: str
    route: Route
    message: Message


class FakeWorker:
    """The relay and the worker at once: every committed message goes to each handler routed
    to it (``Routes``), in order, the way the outbox fans it out; what the handlers commit is
    delivered in turn. ``redeliver`` plays a retry with the same key."""

    def __init__(
        self, queue: FakeTaskQueue, routes: Routes, handlers: Mapping[type[Any], Reaction]
    ) -> None:
        self._queue = queue
        self._routes = routes
        self._handlers = handlers
        self._relayed = 0
        self.deliveries: list[Delivery] = []

    def missing_handlers(self) -> set[type[Any]]:
        """Handlers the routes name that this worker cannot run."""
        return {r.handler for r in self._routes} - set(self._handlers)

    async def run(self, *, skip: Iterable[str] = (), limit: int = 1000) -> list[Delivery]:
        """Deliver until nothing committed is left; routes whose key is in ``skip`` are not
        run (their rows stay undelivered). Returns what was delivered."""
        # In production they would be dropped with the request's session: never delivered.
        assert not self._queue.pending, "messages were enqueued after the last commit"
        skipped = set(skip)
        done: list[Delivery] = []
        while self._relayed < len(self._queue.committed):
            message = self._queue.committed[self._relayed]
            self._relayed += 1
            for route in self._routes.for_message(message):
                delivery = Delivery(
                    key=f"task-{len(self.deliveries) + 1:04d}", route=route, message=message
                )
                self.deliveries.append(delivery)
                if route.key in skipped:
                    continue
                await self._handlers[route.handler](message, delivery.key)
                done.append(delivery)
                if len(done) >= limit:  # pragma: no cover - a loop of reactions
                    raise RuntimeError("messages keep producing messages")
        return done

    async def redeliver(self, delivery: Delivery) -> None:
        await self._handlers[delivery.route.handler](delivery.message, delivery.key)

    def delivered(self, route_key: str) -> list[Delivery]:
        return [d for d in self.deliveries if d.route.key == route_key]


class RecordingEmailSender(EmailSender):
    """Sends nothing; keeps every message (a redelivery is sent again, as SMTP would: the
    Message-ID is what lets the receiving side tell)."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    async def send(self, message: EmailMessage) -> None:
        self.sent.append(message)


class EchoRenderer(EmailRenderer):
    def render(self, template: str, locale: str, context: Mapping[str, object]) -> RenderedEmail:
        body = "\n".join(f"{k}={v}" for k, v in sorted(context.items()))
        return RenderedEmail(subject=f"[{locale}] {template}", text=body)


class InMemoryFileStorage(FileStorage):
    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}

    @staticmethod
    def _check(key: str) -> None:
        if key.startswith("/") or ".." in key.split("/") or not key:
            raise ValueError(f"invalid storage key {key!r}")  # as LocalFileStorage refuses

    async def save(self, key: str, data: bytes, content_type: str) -> None:
        self._check(key)
        self.files[key] = (bytes(data), content_type)

    async def read(self, key: str) -> bytes | None:
        found = self.files.get(key)
        return None if found is None else found[0]

    async def open(self, key: str) -> StoredFile | None:
        found = self.files.get(key)
        if found is None:
            return None
        data, content_type = found

        async def chunks() -> AsyncIterator[bytes]:
            for start in range(0, len(data), 64 * 1024):
                yield data[start : start + 64 * 1024]

        return StoredFile(size=len(data), content_type=content_type, chunks=chunks())

    async def delete(self, key: str) -> None:
        self._check(key)  # both adapters refuse to delete "" (no CV) too
        self.files.pop(key, None)

"""The outbox: messages stored in the same transaction as the change that produced them, one
row per handler that reacts to them, relayed to the broker after commit and claimed by workers
with a lease."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

import msgspec
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.messaging.routes import Dispatch, Lane, Routes
from adapters.persistence.tables.outbox import outbox
from adapters.persistence.transaction import PendingTasks
from core.domain.messages import Message, encode_message
from core.ports.clock import Clock
from core.ports.task_queue import TaskQueue


class OutboxTaskQueue(TaskQueue):
    def __init__(
        self, session: AsyncSession, pending: PendingTasks, clock: Clock, routes: Routes
    ) -> None:
        self._session = session
        self._pending = pending
        self._clock = clock
        self._routes = routes

    async def enqueue(self, message: Message) -> None:
        payload = encode_message(message).decode()
        now = self._clock.now()
        rows = []
        for route in self._routes.for_message(message):
            task_id = uuid.uuid4().hex
            rows.append(
                {
                    "id": task_id,
                    "name": route.key,
                    "lane": route.lane,
                    "payload": payload,
                    "created_at": now,
                }
            )
            self._pending.add(Dispatch(task_id, route.lane))
        await self._session.execute(outbox.insert(), rows)


class Claimed(msgspec.Struct, frozen=True, kw_only=True):
    #: The handler's route key.
    key: str
    payload: str


class OutboxStore:
    """What the worker and the sweeper do with outbox rows. Every step is its own short
    transaction, so a crash at any point leaves a row either done or claimable again."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, task_id: str, now: datetime, lease: timedelta) -> Claimed | None:
        """Take the task for ``lease`` unless it is done or somebody else holds it."""
        result = await self._session.execute(
            update(outbox)
            .where(
                outbox.c.id == task_id,
                outbox.c.completed_at.is_(None),
                or_(outbox.c.locked_until.is_(None), outbox.c.locked_until < now),
            )
            .values(locked_until=now + lease, attempts=outbox.c.attempts + 1)
            .returning(outbox.c.name, outbox.c.payload)
        )
        row = result.first()
        await self._session.commit()
        return None if row is None else Claimed(key=row.name, payload=row.payload)

    async def complete(self, task_id: str, now: datetime) -> None:
        await self._session.execute(
            update(outbox)
            .where(outbox.c.id == task_id)
            .values(completed_at=now, locked_until=None, last_error=None)
        )
        await self._session.commit()

    async def fail(self, task_id: str, error: str) -> None:
        await self._session.execute(
            update(outbox)
            .where(outbox.c.id == task_id)
            .values(locked_until=None, last_error=error[:4000])
        )
        await self._session.commit()

    async def due_for_dispatch(
        self, now: datetime, *, grace: timedelta, redispatch_after: timedelta, limit: int = 500
    ) -> Sequence[Dispatch]:
        """Pending tasks nobody has picked up: never relayed (broker outage, crash between
        commit and relay), or relayed long ago and still not done."""
        rows = await self._session.execute(
            select(outbox.c.id, outbox.c.lane)
            .where(
                outbox.c.completed_at.is_(None),
                outbox.c.created_at <= now - grace,
                or_(outbox.c.locked_until.is_(None), outbox.c.locked_until < now),
                or_(
                    outbox.c.dispatched_at.is_(None),
                    outbox.c.dispatched_at < now - redispatch_after,
                ),
            )
            .order_by(outbox.c.created_at)
            .limit(limit)
        )
        due = [Dispatch(row.id, _lane(row.lane)) for row in rows]
        await self._session.commit()
        return due

    async def mark_dispatched(self, ids: Sequence[str], now: datetime) -> None:
        """Called once the broker took them, so a failed relay is retried at the next sweep."""
        if ids:
            await self._session.execute(
                update(outbox).where(and_(outbox.c.id.in_(list(ids)))).values(dispatched_at=now)
            )
        await self._session.commit()


def _lane(value: str) -> Lane:
    return "long" if value == "long" else "default"

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.messaging.routes import Dispatch
from core.ports.transaction_manager import TransactionManager

log = logging.getLogger(__name__)


AfterCommit = Callable[[Sequence[Dispatch]], Awaitable[None]]


class PendingTasks:
    """Outbox rows written in the current transaction, to relay once it commits."""

    def __init__(self) -> None:
        self._items: list[Dispatch] = []

    def add(self, dispatch: Dispatch) -> None:
        self._items.append(dispatch)

    def take(self) -> list[Dispatch]:
        items, self._items = self._items, []
        return items


class SqlTransactionManager(TransactionManager):
    """Commits the request's session, then hands the new outbox rows to the relay.

    The relay runs strictly after the commit: a task can never point at a rolled-back row.
    If the relay fails (broker down), the rows stay pending in the outbox and the sweeper
    publishes them later — nothing is lost.
    """

    def __init__(
        self, session: AsyncSession, pending: PendingTasks, after_commit: AfterCommit
    ) -> None:
        self._session = session
        self._pending = pending
        self._after_commit = after_commit

    async def commit(self) -> None:
        await self._session.commit()
        dispatches = self._pending.take()
        if dispatches:
            try:
                await self._after_commit(dispatches)
            except Exception as exc:  # the sweeper will pick them up
                # A broker outage, typically: one line per request, not a traceback.
                log.warning(
                    "Could not relay %d committed task(s) (%s: %s); left in the outbox for "
                    "the sweeper",
                    len(dispatches),
                    type(exc).__name__,
                    (str(exc).splitlines() or [""])[0][:200],
                )
                log.debug("Relay failure", exc_info=exc)

    async def rollback(self) -> None:
        self._pending.take()
        await self._session.rollback()

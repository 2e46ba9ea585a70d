from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from core.ports.transaction_manager import TransactionManager

log = logging.getLogger(__name__)

AfterCommit = Callable[[Sequence[str]], Awaitable[None]]


class PendingTasks:
    """Ids of outbox rows written in the current transaction, to relay once it commits."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def take(self) -> list[str]:
        ids, self.ids = self.ids, []
        return ids


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
        ids = self._pending.take()
        if ids:
            try:
                await self._after_commit(ids)
            except Exception:  # the sweeper will pick them up
                log.exception("Could not relay %d committed task(s); left in the outbox", len(ids))

    async def rollback(self) -> None:
        self._pending.take()
        await self._session.rollback()

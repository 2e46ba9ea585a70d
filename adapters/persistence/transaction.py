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


CommitHook = Callable[[], Awaitable[None]]


class CommitHooks:
    """What must wait for the current transaction to commit and is not durable work: pushes to
    open sockets (``adapters.messaging.live``). Run in order right after the commit, before the
    outbox relay (a socket waits on them; a worker does not); dropped on rollback. A failing
    hook is logged, never raised: the commit stands."""

    def __init__(self) -> None:
        self._hooks: list[CommitHook] = []

    def add(self, hook: CommitHook) -> None:
        self._hooks.append(hook)

    def take(self) -> list[CommitHook]:
        hooks, self._hooks = self._hooks, []
        return hooks


class SqlTransactionManager(TransactionManager):
    """Commits the request's session, then runs its commit hooks (pushes to sockets) and hands
    the new outbox rows to the relay.

    Both run strictly after the commit: a task can never point at a rolled-back row, and no
    socket is told of one. If the relay fails (broker down), the rows stay pending in the
    outbox and the sweeper publishes them later — nothing is lost.
    """

    def __init__(
        self,
        session: AsyncSession,
        pending: PendingTasks,
        after_commit: AfterCommit,
        hooks: CommitHooks | None = None,
    ) -> None:
        self._session = session
        self._pending = pending
        self._after_commit = after_commit
        self._hooks = hooks or CommitHooks()

    async def commit(self) -> None:
        await self._session.commit()
        for hook in self._hooks.take():
            try:
                await hook()
            except Exception as exc:  # Redis away, typically: one line, not a traceback
                log.warning(
                    "A live push after commit failed (%s: %s); the committed change stands",
                    type(exc).__name__,
                    (str(exc).splitlines() or [""])[0][:200],
                )
                log.debug("Push failure", exc_info=exc)
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
        self._hooks.take()
        await self._session.rollback()

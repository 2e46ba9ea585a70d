from __future__ import annotations

from typing import Protocol


class TransactionManager(Protocol):
    """The unit of work of one use case. Nothing is durable until ``commit``.

    Every repository and the task queue handed to the same use case share this transaction:
    committing makes all their writes visible at once; leaving without committing discards them.
    """

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

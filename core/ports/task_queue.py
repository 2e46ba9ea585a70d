from __future__ import annotations

from typing import Protocol

from core.domain.tasks import Task


class TaskQueue(Protocol):
    """Background work. ``enqueue`` joins the current transaction: the task is recorded with the
    change that caused it and runs only if that change commits, at least once, even if the broker
    was down at the time."""

    async def enqueue(self, task: Task) -> None: ...

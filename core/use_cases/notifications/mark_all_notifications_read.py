from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.ports.clock import Clock
from core.ports.notification_repository import NotificationRepository
from core.ports.transaction_manager import TransactionManager


class MarkAllNotificationsReadCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User


class MarkAllNotificationsRead:
    """Every unread notification of the caller becomes read; how many did."""

    def __init__(
        self, tx: TransactionManager, notifications: NotificationRepository, clock: Clock
    ) -> None:
        self._tx = tx
        self._notifications = notifications
        self._clock = clock

    async def __call__(self, cmd: MarkAllNotificationsReadCommand) -> int:
        count = await self._notifications.mark_all_read(cmd.actor.require_id(), self._clock.now())
        await self._tx.commit()
        return count

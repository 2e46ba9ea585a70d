from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import NotFound
from core.domain.notifications.views import NotificationView
from core.ports.clock import Clock
from core.ports.notification_repository import NotificationRepository
from core.ports.transaction_manager import TransactionManager


class MarkNotificationReadCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    notification_id: int


class MarkNotificationRead:
    """Only the owner can; anyone else is told it does not exist (404)."""

    def __init__(
        self, tx: TransactionManager, notifications: NotificationRepository, clock: Clock
    ) -> None:
        self._tx = tx
        self._notifications = notifications
        self._clock = clock

    async def __call__(self, cmd: MarkNotificationReadCommand) -> NotificationView:
        view = await self._notifications.mark_read(
            cmd.notification_id, cmd.actor.require_id(), self._clock.now()
        )
        if view is None:
            raise NotFound("Notification not found.")
        await self._tx.commit()
        return view

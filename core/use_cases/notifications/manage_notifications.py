from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import NotFound, ValidationFailed
from core.domain.jobs.views import Page
from core.domain.notifications.notification import EMAIL_BY_DEFAULT, NotificationType
from core.domain.notifications.views import NotificationView
from core.ports.clock import Clock
from core.ports.notification_repository import NotificationRepository
from core.ports.transaction_manager import TransactionManager


class NotificationPage(msgspec.Struct, frozen=True, kw_only=True):
    count: int
    unread_count: int
    results: list[NotificationView]


class ListNotificationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    unread_only: bool = False
    type: str | None = None
    page: Page


class ListNotifications:
    def __init__(self, notifications: NotificationRepository) -> None:
        self._notifications = notifications

    async def __call__(self, cmd: ListNotificationsCommand) -> NotificationPage:
        if cmd.type is not None and cmd.type not in {t.value for t in NotificationType}:
            raise ValidationFailed.single("type", f'"{cmd.type}" is not a notification type.')
        count, unread, results = await self._notifications.for_user(
            cmd.actor.require_id(), unread_only=cmd.unread_only, type_=cmd.type, page=cmd.page
        )
        return NotificationPage(count=count, unread_count=unread, results=results)


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


class MarkAllNotificationsRead:
    def __init__(
        self, tx: TransactionManager, notifications: NotificationRepository, clock: Clock
    ) -> None:
        self._tx = tx
        self._notifications = notifications
        self._clock = clock

    async def __call__(self, actor: User) -> int:
        count = await self._notifications.mark_all_read(actor.require_id(), self._clock.now())
        await self._tx.commit()
        return count


class EmailPreferences(msgspec.Struct, frozen=True, kw_only=True):
    email_types: list[str]
    available_types: list[str]


class NotificationPreferences:
    """Which notification types also arrive by e-mail."""

    def __init__(self, tx: TransactionManager, notifications: NotificationRepository) -> None:
        self._tx = tx
        self._notifications = notifications

    async def get(self, actor: User) -> EmailPreferences:
        chosen = await self._notifications.email_types(actor.require_id())
        types = set(EMAIL_BY_DEFAULT) if chosen is None else chosen
        return EmailPreferences(
            email_types=sorted(types), available_types=sorted(t.value for t in NotificationType)
        )

    async def set(self, actor: User, email_types: list[str]) -> EmailPreferences:
        known = {t.value for t in NotificationType}
        if unknown := sorted(set(email_types) - known):
            raise ValidationFailed.single(
                "email_types", f"Unknown types {unknown}; choose from {sorted(known)}."
            )
        await self._notifications.set_email_types(actor.require_id(), set(email_types))
        await self._tx.commit()
        return await self.get(actor)

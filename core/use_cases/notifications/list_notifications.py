from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NotificationListing
from core.domain.pages import Page
from core.ports.notification_repository import NotificationRepository


class ListNotificationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    unread_only: bool = False
    type: str | None = None
    page: Page


class ListNotifications:
    """The caller's notifications, newest first, with their unread count overall."""

    def __init__(self, notifications: NotificationRepository) -> None:
        self._notifications = notifications

    async def __call__(self, cmd: ListNotificationsCommand) -> NotificationListing:
        if cmd.type is not None and cmd.type not in {t.value for t in NotificationType}:
            raise ValidationFailed.single("type", f'"{cmd.type}" is not a notification type.')
        return await self._notifications.for_user(
            cmd.actor.require_id(), unread_only=cmd.unread_only, type_=cmd.type, page=cmd.page
        )

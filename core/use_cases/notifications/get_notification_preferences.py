from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.notifications.notification import EMAIL_BY_DEFAULT, NotificationType
from core.domain.notifications.views import EmailPreferences
from core.ports.notification_repository import NotificationRepository


class GetNotificationPreferencesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User


async def preferences_of(user_id: int, notifications: NotificationRepository) -> EmailPreferences:
    chosen = await notifications.email_types(user_id)
    types = set(EMAIL_BY_DEFAULT) if chosen is None else chosen
    return EmailPreferences(
        email_types=sorted(types), available_types=sorted(t.value for t in NotificationType)
    )


class GetNotificationPreferences:
    """Which notification types also arrive by e-mail (the defaults until the user chooses)."""

    def __init__(self, notifications: NotificationRepository) -> None:
        self._notifications = notifications

    async def __call__(self, cmd: GetNotificationPreferencesCommand) -> EmailPreferences:
        return await preferences_of(cmd.actor.require_id(), self._notifications)

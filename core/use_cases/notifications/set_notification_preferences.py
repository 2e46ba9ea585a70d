from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import ValidationFailed
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import EmailPreferences
from core.ports.notification_repository import NotificationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.get_notification_preferences import preferences_of


class SetNotificationPreferencesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    email_types: list[str]


class SetNotificationPreferences:
    """Choose which notification types also arrive by e-mail."""

    def __init__(self, tx: TransactionManager, notifications: NotificationRepository) -> None:
        self._tx = tx
        self._notifications = notifications

    async def __call__(self, cmd: SetNotificationPreferencesCommand) -> EmailPreferences:
        known = {t.value for t in NotificationType}
        if unknown := sorted(set(cmd.email_types) - known):
            raise ValidationFailed.single(
                "email_types", f"Unknown types {unknown}; choose from {sorted(known)}."
            )
        await self._notifications.set_email_types(cmd.actor.require_id(), set(cmd.email_types))
        await self._tx.commit()
        return await preferences_of(cmd.actor.require_id(), self._notifications)

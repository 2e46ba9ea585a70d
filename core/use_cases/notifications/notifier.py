"""How every notification is made: once per (event, user), pushed to the user's open
notification sockets once committed, and e-mailed when the user wants that type by e-mail.
Used by the handlers of every module that tells users something."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from core.domain.email import Attachment, SendEmail
from core.domain.notifications.notification import EMAIL_BY_DEFAULT
from core.domain.notifications.views import NewNotification, NotificationFrame
from core.ports.live_updates import LiveUpdates
from core.ports.notification_repository import NotificationRepository
from core.ports.task_queue import TaskQueue
from core.ports.user_repository import UserRepository


class Notifier:
    def __init__(
        self,
        notifications: NotificationRepository,
        users: UserRepository,
        tasks: TaskQueue,
        live: LiveUpdates,
    ) -> None:
        self._notifications = notifications
        self._users = users
        self._tasks = tasks
        self._live = live

    async def wants_email(self, user_id: int, type_: str) -> bool:
        """Whether the user gets notifications of this type by e-mail (their choice, or the
        defaults until they make one)."""
        chosen = await self._notifications.email_types(user_id)
        return type_ in (EMAIL_BY_DEFAULT if chosen is None else chosen)

    async def notify(
        self,
        notification: NewNotification,
        attachments: list[Attachment] | None = None,
        *,
        email_if: Callable[[], Awaitable[bool]] | None = None,
    ) -> bool:
        """Record it (in the caller's transaction), push it to the user's open sockets once
        that commits, and queue its e-mail if the user wants that type by e-mail and, when
        given, ``email_if`` agrees (asked last, and only then: a caller's own rule, as
        messaging's one e-mail per unread conversation). False when this event had already
        notified this user: nothing is added, pushed, asked or sent again."""
        stored = await self._notifications.add(notification)
        if stored is None:
            return False
        await self._live.to_user(notification.user_id, NotificationFrame(notification=stored))
        if not await self.wants_email(notification.user_id, notification.type):
            return True
        if email_if is not None and not await email_if():
            return True
        user = await self._users.get(notification.user_id)
        if user is None or not user.is_active:
            return True
        await self._tasks.enqueue(
            SendEmail(
                template="notification",
                to=user.email,
                locale="en",
                context={
                    "first_name": user.first_name,
                    "username": user.username,
                    "title": notification.title,
                    "message": notification.message,
                },
                attachments=attachments or [],
            )
        )
        return True

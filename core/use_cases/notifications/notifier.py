"""How every notification is made: once per (event, user), and e-mailed when the user wants
that type by e-mail. Used by the handlers of every module that tells users something."""

from __future__ import annotations

from core.domain.email import Attachment, SendEmail
from core.domain.notifications.notification import EMAIL_BY_DEFAULT
from core.domain.notifications.views import NewNotification
from core.ports.notification_repository import NotificationRepository
from core.ports.task_queue import TaskQueue
from core.ports.user_repository import UserRepository


class Notifier:
    def __init__(
        self, notifications: NotificationRepository, users: UserRepository, tasks: TaskQueue
    ) -> None:
        self._notifications = notifications
        self._users = users
        self._tasks = tasks

    async def notify(
        self, notification: NewNotification, attachments: list[Attachment] | None = None
    ) -> bool:
        """Record it (in the caller's transaction) and queue its e-mail if wanted. False when
        this event had already notified this user: nothing is added, nothing sent again."""
        if not await self._notifications.add(notification):
            return False
        chosen = await self._notifications.email_types(notification.user_id)
        wanted = EMAIL_BY_DEFAULT if chosen is None else chosen
        if notification.type not in wanted:
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

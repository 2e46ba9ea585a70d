from __future__ import annotations

from core.domain.notifications.notification import EMAIL_BY_DEFAULT
from core.domain.notifications.views import NewNotification
from core.domain.tasks import Attachment, SendEmail
from core.ports.notification_repository import NotificationRepository
from core.ports.task_queue import TaskQueue
from core.ports.user_repository import UserRepository


async def notify_user(
    notification: NewNotification,
    *,
    notifications: NotificationRepository,
    users: UserRepository,
    tasks: TaskQueue,
    attachments: list[Attachment] | None = None,
) -> bool:
    """Record the notification once per (event, user) and e-mail it if the user wants that type.
    Returns False when this event had already notified this user."""
    if not await notifications.add(notification):
        return False
    chosen = await notifications.email_types(notification.user_id)
    wanted = EMAIL_BY_DEFAULT if chosen is None else chosen
    if notification.type not in wanted:
        return True
    user = await users.get(notification.user_id)
    if user is None or not user.is_active:
        return True
    await tasks.enqueue(
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

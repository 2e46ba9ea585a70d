from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.domain.notifications.views import (
    NewNotification,
    NotificationListing,
    NotificationView,
)
from core.domain.pages import Page


class NotificationRepository(Protocol):
    async def add(self, notification: NewNotification) -> NotificationView | None:
        """The stored notification; ``None`` when this event already notified this user
        (nothing is added)."""
        ...

    async def for_user(
        self, user_id: int, *, unread_only: bool, type_: str | None, page: Page
    ) -> NotificationListing:
        """The page of matching notifications, their count, and the unread count overall."""
        ...

    async def mark_read(
        self, notification_id: int, user_id: int, now: datetime
    ) -> NotificationView | None: ...

    async def mark_all_read(self, user_id: int, now: datetime) -> int: ...

    async def email_types(self, user_id: int) -> set[str] | None:
        """The types the user wants by e-mail; None when they never chose."""
        ...

    async def set_email_types(self, user_id: int, types: set[str]) -> None: ...

    async def followers(self, company_id: int, followed_before: datetime) -> list[int]:
        """Who followed the company before ``followed_before`` (a job's posting time)."""
        ...

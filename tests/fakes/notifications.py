"""Notifications: one per (event key, user) -- a repeat adds nothing, as the unique constraint
``uq_notifications_event_user`` makes it -- read state, e-mail preferences, and who followed
a company before a job was posted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import msgspec

from core.domain.notifications.views import (
    NewNotification,
    NotificationListing,
    NotificationView,
)
from core.domain.pages import Page
from core.ports.clock import Clock
from core.ports.notification_repository import NotificationRepository
from tests.fakes.accounts import InMemoryUsers
from tests.fakes.companies import InMemoryCompanies

#: ``notifications.event_key`` is a String(64): PostgreSQL refuses anything longer.
EVENT_KEY_LENGTH = 64


@dataclass(frozen=True, slots=True)
class StoredNotification:
    id: int
    user_id: int
    event_key: str
    view: NotificationView


class InMemoryNotifications(NotificationRepository):
    def __init__(self, users: InMemoryUsers, companies: InMemoryCompanies, clock: Clock) -> None:
        self.rows: dict[int, StoredNotification] = {}
        self.preferences: dict[int, set[str]] = {}
        self._users = users
        self._companies = companies
        self._clock = clock
        self._next = 1

    def of(self, user_id: int) -> list[NotificationView]:
        """A user's notifications, oldest first (for assertions)."""
        return [n.view for n in self.rows.values() if n.user_id == user_id]

    async def add(self, notification: NewNotification) -> NotificationView | None:
        assert notification.user_id in self._users.rows, "a foreign key to users"
        assert len(notification.event_key) <= EVENT_KEY_LENGTH, "event_key is a String(64)"
        if any(
            (n.event_key, n.user_id) == (notification.event_key, notification.user_id)
            for n in self.rows.values()
        ):
            return None
        stored = StoredNotification(
            id=self._next,
            user_id=notification.user_id,
            event_key=notification.event_key,
            view=NotificationView(
                id=self._next,
                type=notification.type,
                title=notification.title,
                message=notification.message,
                related_object_type=notification.related_object_type,
                related_object_id=notification.related_object_id,
                is_read=False,
                read_at=None,
                created_at=self._clock.now(),
            ),
        )
        self.rows[stored.id] = stored
        self._next += 1
        return stored.view

    async def for_user(
        self, user_id: int, *, unread_only: bool, type_: str | None, page: Page
    ) -> NotificationListing:
        own = [n.view for n in self.rows.values() if n.user_id == user_id]
        chosen = [
            v for v in own if (not unread_only or not v.is_read) and (not type_ or v.type == type_)
        ]
        chosen.sort(key=lambda v: (v.created_at, v.id), reverse=True)
        return NotificationListing(
            count=len(chosen),
            unread_count=sum(1 for v in own if not v.is_read),
            items=chosen[page.offset : page.offset + page.size],
        )

    async def mark_read(
        self, notification_id: int, user_id: int, now: datetime
    ) -> NotificationView | None:
        stored = self.rows.get(notification_id)
        if stored is None or stored.user_id != user_id:
            return None
        if not stored.view.is_read:  # a second read keeps the first read_at
            stored = replace(stored, view=replace_view(stored.view, is_read=True, read_at=now))
            self.rows[notification_id] = stored
        return stored.view

    async def mark_all_read(self, user_id: int, now: datetime) -> int:
        count = 0
        for key, stored in list(self.rows.items()):
            if stored.user_id == user_id and not stored.view.is_read:
                self.rows[key] = replace(
                    stored, view=replace_view(stored.view, is_read=True, read_at=now)
                )
                count += 1
        return count

    async def email_types(self, user_id: int) -> set[str] | None:
        chosen = self.preferences.get(user_id)
        return None if chosen is None else set(chosen)

    async def set_email_types(self, user_id: int, types: set[str]) -> None:
        self.preferences[user_id] = set(types)

    async def followers(self, company_id: int, followed_before: datetime) -> list[int]:
        return [
            user_id
            for (company, user_id), since in self._companies.followers.items()
            if company == company_id and since <= followed_before
        ]


def replace_view(view: NotificationView, **changes: object) -> NotificationView:
    return msgspec.structs.replace(view, **changes)

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables.companies import company_followers
from adapters.persistence.tables.notifications import notification_preferences, notifications
from core.domain.notifications.views import (
    NewNotification,
    NotificationListing,
    NotificationView,
)
from core.domain.pages import Page
from core.ports.clock import Clock
from core.ports.notification_repository import NotificationRepository


def _view(row: Row[Any]) -> NotificationView:
    d = row._mapping
    return NotificationView(
        id=d["id"],
        type=d["type"],
        title=d["title"],
        message=d["message"],
        related_object_type=d["related_object_type"],
        related_object_id=d["related_object_id"],
        is_read=d["is_read"],
        read_at=d["read_at"],
        created_at=d["created_at"],
    )


class SqlNotifications(NotificationRepository):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, notification: NewNotification) -> NotificationView | None:
        now = self._clock.now()
        try:
            async with self._session.begin_nested():
                result = await self._session.execute(
                    notifications.insert()
                    .values(
                        user_id=notification.user_id,
                        type=notification.type,
                        title=notification.title,
                        message=notification.message,
                        related_object_type=notification.related_object_type,
                        related_object_id=notification.related_object_id,
                        created_at=now,
                        event_key=notification.event_key,
                    )
                    .returning(notifications.c.id)
                )
                notification_id = int(result.scalar_one())
        except IntegrityError:
            return None
        return NotificationView(
            id=notification_id,
            type=notification.type,
            title=notification.title,
            message=notification.message,
            related_object_type=notification.related_object_type,
            related_object_id=notification.related_object_id,
            is_read=False,
            read_at=None,
            created_at=now,
        )

    async def for_user(
        self, user_id: int, *, unread_only: bool, type_: str | None, page: Page
    ) -> NotificationListing:
        criteria = [notifications.c.user_id == user_id]
        if unread_only:
            criteria.append(notifications.c.is_read.is_(False))
        if type_:
            criteria.append(notifications.c.type == type_)
        count = (await self._session.execute(select(func.count()).where(*criteria))).scalar_one()
        unread = (
            await self._session.execute(
                select(func.count()).where(
                    notifications.c.user_id == user_id, notifications.c.is_read.is_(False)
                )
            )
        ).scalar_one()
        rows = await self._session.execute(
            select(notifications)
            .where(*criteria)
            .order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
            .limit(page.size)
            .offset((page.number - 1) * page.size)
        )
        return NotificationListing(
            count=int(count), unread_count=int(unread), items=[_view(r) for r in rows]
        )

    async def mark_read(
        self, notification_id: int, user_id: int, now: datetime
    ) -> NotificationView | None:
        await self._session.execute(
            update(notifications)
            .where(
                notifications.c.id == notification_id,
                notifications.c.user_id == user_id,
                notifications.c.is_read.is_(False),
            )
            .values(is_read=True, read_at=now)
        )
        row = (
            await self._session.execute(
                select(notifications).where(
                    notifications.c.id == notification_id, notifications.c.user_id == user_id
                )
            )
        ).first()
        return None if row is None else _view(row)

    async def mark_all_read(self, user_id: int, now: datetime) -> int:
        result = await self._session.execute(
            update(notifications)
            .where(notifications.c.user_id == user_id, notifications.c.is_read.is_(False))
            .values(is_read=True, read_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def email_types(self, user_id: int) -> set[str] | None:
        row = (
            await self._session.execute(
                select(notification_preferences.c.email_types).where(
                    notification_preferences.c.user_id == user_id
                )
            )
        ).first()
        return None if row is None else set(row[0])

    async def set_email_types(self, user_id: int, types: set[str]) -> None:
        values = {"email_types": sorted(types), "updated_at": self._clock.now()}
        result = await self._session.execute(
            update(notification_preferences)
            .where(notification_preferences.c.user_id == user_id)
            .values(**values)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            return
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    notification_preferences.insert().values(user_id=user_id, **values)
                )
        except IntegrityError:  # a concurrent first choice: the last one wins
            await self._session.execute(
                update(notification_preferences)
                .where(notification_preferences.c.user_id == user_id)
                .values(**values)
            )

    async def followers(self, company_id: int, followed_before: datetime) -> list[int]:
        rows = await self._session.execute(
            select(company_followers.c.user_id).where(
                company_followers.c.company_id == company_id,
                company_followers.c.created_at <= followed_before,
            )
        )
        return [r[0] for r in rows]

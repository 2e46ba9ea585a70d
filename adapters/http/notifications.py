from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import links, page_of
from adapters.http.query import bool_param
from core.domain.notifications.views import NotificationView
from core.use_cases.notifications.manage_notifications import (
    EmailPreferences,
    ListNotifications,
    ListNotificationsCommand,
    MarkAllNotificationsRead,
    MarkNotificationRead,
    MarkNotificationReadCommand,
    NotificationPreferences,
)

Req = Request[Any, Any, Any]
Q = Annotated[str | None, QueryParameter(max_length=100)]


class NotificationList(msgspec.Struct, kw_only=True):
    count: int
    unread_count: int
    next: str | None
    previous: str | None
    results: list[NotificationView]


class ReadOut(msgspec.Struct, kw_only=True):
    id: int
    is_read: bool
    read_at: Any


class MarkedAll(msgspec.Struct, kw_only=True):
    message: str
    updated_count: int


class PreferencesIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    email_types: list[str]


class NotificationController(Controller):
    path = "/notifications/api/v1"
    tags = ["Notifications"]

    @get("/notifications/", summary="Your notifications", responses=errors(400, 401))
    async def list_notifications(
        self,
        request: Req,
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListNotifications],
        unread_only: Q = None,
        type: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> NotificationList:
        pagination = page_of(request)
        result = await use_case(
            ListNotificationsCommand(
                actor=me.user,
                unread_only=bool(bool_param("unread_only", unread_only)),
                type=type or None,
                page=pagination,
            )
        )
        next_url, previous = links(request, pagination, result.count)
        return NotificationList(
            count=result.count,
            unread_count=result.unread_count,
            next=next_url,
            previous=previous,
            results=result.results,
        )

    @patch(
        "/notifications/{notification_id:int}/read/",
        summary="Mark one of your notifications read",
        responses=errors(401, 404),
    )
    async def read(
        self,
        notification_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[MarkNotificationRead],
    ) -> ReadOut:
        view = await use_case(
            MarkNotificationReadCommand(actor=me.user, notification_id=notification_id)
        )
        return ReadOut(id=view.id, is_read=view.is_read, read_at=view.read_at)

    @post(
        "/notifications/mark-all-read/",
        status_code=200,
        summary="Mark all your notifications read",
        responses=errors(401),
    )
    async def mark_all(
        self, me: FromDishka[CurrentUser], use_case: FromDishka[MarkAllNotificationsRead]
    ) -> MarkedAll:
        count = await use_case(me.user)
        return MarkedAll(message="All notifications marked as read", updated_count=count)

    @get("/preferences/", summary="Which notifications also come by e-mail", responses=errors(401))
    async def preferences(
        self, me: FromDishka[CurrentUser], use_case: FromDishka[NotificationPreferences]
    ) -> EmailPreferences:
        return await use_case.get(me.user)

    @patch(
        "/preferences/",
        summary="Choose which notifications come by e-mail",
        responses=errors(400, 401),
    )
    async def set_preferences(
        self,
        data: JSONBody[PreferencesIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[NotificationPreferences],
    ) -> EmailPreferences:
        return await use_case.set(me.user, data.email_types)

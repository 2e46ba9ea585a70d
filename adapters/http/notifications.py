from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, page_of, paginate
from adapters.http.query import bool_param
from core.domain.notifications.views import EmailPreferences, NotificationView
from core.use_cases.notifications.get_notification_preferences import (
    GetNotificationPreferences,
    GetNotificationPreferencesCommand,
)
from core.use_cases.notifications.list_notifications import (
    ListNotifications,
    ListNotificationsCommand,
)
from core.use_cases.notifications.mark_all_notifications_read import (
    MarkAllNotificationsRead,
    MarkAllNotificationsReadCommand,
)
from core.use_cases.notifications.mark_notification_read import (
    MarkNotificationRead,
    MarkNotificationReadCommand,
)
from core.use_cases.notifications.set_notification_preferences import (
    SetNotificationPreferences,
    SetNotificationPreferencesCommand,
)

Req = Request[Any, Any, Any]
Q = Annotated[str | None, QueryParameter(max_length=100)]


T = TypeVar("T")


class NotificationList(Paginated[T], Generic[T], kw_only=True):
    #: Unread notifications overall (whatever the filters).
    unread_count: int


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
    ) -> NotificationList[NotificationView]:
        pagination = page_of(request)
        result = await use_case(
            ListNotificationsCommand(
                actor=me.user,
                unread_only=bool(bool_param("unread_only", unread_only)),
                type=type or None,
                page=pagination,
            )
        )
        envelope = paginate(request, pagination, result)
        return NotificationList(
            **msgspec.structs.asdict(envelope), unread_count=result.unread_count
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
        count = await use_case(MarkAllNotificationsReadCommand(actor=me.user))
        return MarkedAll(message="All notifications marked as read", updated_count=count)

    @get("/preferences/", summary="Which notifications also come by e-mail", responses=errors(401))
    async def preferences(
        self, me: FromDishka[CurrentUser], use_case: FromDishka[GetNotificationPreferences]
    ) -> EmailPreferences:
        return await use_case(GetNotificationPreferencesCommand(actor=me.user))

    @patch(
        "/preferences/",
        summary="Choose which notifications come by e-mail",
        responses=errors(400, 401),
    )
    async def set_preferences(
        self,
        data: JSONBody[PreferencesIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[SetNotificationPreferences],
    ) -> EmailPreferences:
        return await use_case(
            SetNotificationPreferencesCommand(actor=me.user, email_types=data.email_types)
        )

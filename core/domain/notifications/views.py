from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.live import LiveFrame
from core.domain.pages import Listing


class NotificationView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    type: str
    title: str
    message: str
    related_object_type: str
    related_object_id: int | None
    is_read: bool
    read_at: datetime | None
    created_at: datetime


class NewNotification(msgspec.Struct, frozen=True, kw_only=True):
    user_id: int
    type: str
    title: str
    message: str
    related_object_type: str
    related_object_id: int | None
    #: The event that produced it: a redelivered event creates nothing new.
    event_key: str


class NotificationListing(Listing[NotificationView], frozen=True, kw_only=True):
    #: Unread notifications of the user overall (whatever the filters).
    unread_count: int


class EmailPreferences(msgspec.Struct, frozen=True, kw_only=True):
    email_types: list[str]
    available_types: list[str]


class NotificationFrame(LiveFrame, frozen=True, kw_only=True, tag="notification"):
    """A new notification, pushed to the user's open ``ws/notifications/`` sockets."""

    notification: NotificationView

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import msgspec

from core.domain.email import Attachment


class EmailMessage(msgspec.Struct, frozen=True, kw_only=True):
    to: str
    subject: str
    text: str
    html: str | None = None
    #: Stable id of the outbox task that produced the message, so a redelivery can be detected.
    message_id: str | None = None
    attachments: list[Attachment] = msgspec.field(default_factory=list)


class RenderedEmail(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    text: str
    html: str | None = None


class EmailRenderer(Protocol):
    def render(
        self, template: str, locale: str, context: Mapping[str, object]
    ) -> RenderedEmail: ...


class EmailSender(Protocol):
    async def send(self, message: EmailMessage) -> None: ...

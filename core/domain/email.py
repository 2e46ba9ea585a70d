"""E-mails the core asks for (activation, password reset, notifications)."""

from __future__ import annotations

import msgspec

from core.domain.messages import Message


class Attachment(msgspec.Struct, frozen=True, kw_only=True):
    filename: str
    content_type: str
    #: Text attachments only (calendar invitations); binary ones would be base64 here.
    content: str


class SendEmail(Message, frozen=True, kw_only=True, tag="send_email"):
    """Render ``template`` in ``locale`` and send it to ``to`` (a command: one handler)."""

    template: str
    to: str
    locale: str
    context: dict[str, str] = msgspec.field(default_factory=dict)
    attachments: list[Attachment] = msgspec.field(default_factory=list)

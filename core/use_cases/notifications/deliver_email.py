from __future__ import annotations

import msgspec

from core.domain.tasks import SendEmail
from core.ports.email import EmailMessage, EmailRenderer, EmailSender


class DeliverEmailCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: SendEmail
    #: The id of the task that asked for it; repeated deliveries carry the same id.
    message_id: str


class DeliverEmail:
    def __init__(self, renderer: EmailRenderer, sender: EmailSender) -> None:
        self._renderer = renderer
        self._sender = sender

    async def __call__(self, cmd: DeliverEmailCommand) -> None:
        rendered = self._renderer.render(cmd.email.template, cmd.email.locale, cmd.email.context)
        await self._sender.send(
            EmailMessage(
                to=cmd.email.to,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
                message_id=cmd.message_id,
                attachments=cmd.email.attachments,
            )
        )

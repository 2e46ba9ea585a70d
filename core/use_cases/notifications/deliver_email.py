from __future__ import annotations

from core.domain.email import SendEmail
from core.ports.email import EmailMessage, EmailRenderer, EmailSender


class DeliverEmail:
    """Render and send one e-mail. The key goes out as its Message-ID, so a redelivery can be
    recognised by the receiving side (and by the file sender, which writes it once)."""

    def __init__(self, renderer: EmailRenderer, sender: EmailSender) -> None:
        self._renderer = renderer
        self._sender = sender

    async def __call__(self, message: SendEmail, key: str) -> None:
        rendered = self._renderer.render(message.template, message.locale, message.context)
        await self._sender.send(
            EmailMessage(
                to=message.to,
                subject=rendered.subject,
                text=rendered.text,
                html=rendered.html,
                message_id=key,
                attachments=message.attachments,
            )
        )

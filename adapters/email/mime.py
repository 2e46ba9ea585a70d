from __future__ import annotations

from email.message import EmailMessage as MimeMessage
from email.utils import formatdate, make_msgid

from core.ports.email import EmailMessage


def build_mime(message: EmailMessage, sender: str) -> MimeMessage:
    """A standard RFC 5322 message: text part, plus an HTML alternative when there is one."""
    mime = MimeMessage()
    mime["From"] = sender
    mime["To"] = message.to
    mime["Subject"] = message.subject
    mime["Date"] = formatdate(localtime=False, usegmt=True)
    mime["Message-ID"] = (
        f"<{message.message_id}@hireflow>" if message.message_id else make_msgid("hireflow")
    )
    mime.set_content(message.text)
    if message.html:
        mime.add_alternative(message.html, subtype="html")
    for attachment in message.attachments:
        subtype = attachment.content_type.partition("/")[2]
        params = {"method": "REQUEST"} if subtype == "calendar" else {}
        if subtype == "calendar" and "METHOD:CANCEL" in attachment.content:
            params = {"method": "CANCEL"}
        mime.add_attachment(
            attachment.content,
            subtype=subtype or "plain",
            filename=attachment.filename,
            params=params,
        )
    return mime

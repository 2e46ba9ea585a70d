from __future__ import annotations

import asyncio
import email
import email.policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from adapters.email.file_sender import FileEmailSender
from adapters.email.smtp_sender import SmtpEmailSender
from core.ports.email import EmailMessage
from tests.servers import free_port

MESSAGE = EmailMessage(
    to="zoe@example.com",
    subject="Activez votre compte Hireflow",
    text="Bonjour Zoé,\nhttps://x.test/activate?token=abc\n",
    html="<p>Bonjour Zoé</p>",
    message_id="0123456789abcdef",
)


def _parse(data: bytes) -> Any:
    return email.message_from_bytes(data, policy=email.policy.default)


async def test_file_sender_writes_a_real_eml_once_per_message(tmp_path: Path) -> None:
    sender = FileEmailSender(tmp_path / "outbox", "Hireflow <no-reply@hireflow.test>")
    await sender.send(MESSAGE)
    await sender.send(MESSAGE)  # a redelivered task
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    parsed = _parse(files[0].read_bytes())
    assert parsed["To"] == "zoe@example.com"
    assert parsed["From"] == "Hireflow <no-reply@hireflow.test>"
    assert parsed["Subject"] == "Activez votre compte Hireflow"
    assert parsed["Message-ID"] == "<0123456789abcdef@hireflow>"
    assert "Bonjour Zoé" in parsed.get_body(preferencelist=("plain",)).get_content()
    assert "<p>Bonjour Zoé</p>" in parsed.get_body(preferencelist=("html",)).get_content()
    assert not list((tmp_path / "outbox").glob(".tmp-*"))
    assert all(not f.name.startswith(".") for f in files)


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


async def test_smtp_sender_delivers_to_a_real_smtp_server() -> None:
    inbox = _Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sender = SmtpEmailSender(
            host="127.0.0.1", port=port, sender="no-reply@hireflow.test", start_tls=False
        )
        await sender.send(MESSAGE)
    finally:
        await asyncio.to_thread(controller.stop)
    [(mail_from, rcpt_tos, content)] = inbox.messages
    assert mail_from == "no-reply@hireflow.test"
    assert rcpt_tos == ["zoe@example.com"]
    parsed = _parse(content)
    assert parsed["Subject"] == "Activez votre compte Hireflow"
    assert "Bonjour Zoé" in parsed.get_body(preferencelist=("plain",)).get_content()

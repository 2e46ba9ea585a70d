from __future__ import annotations

import aiosmtplib

from adapters.email.mime import build_mime
from core.ports.email import EmailMessage, EmailSender


class SmtpEmailSender(EmailSender):
    """Production delivery through an SMTP relay. Failures propagate: the task is retried."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        username: str = "",
        password: str = "",
        start_tls: bool = True,
        use_tls: bool = False,
        timeout: float = 30.0,
    ) -> None:
        self._host = host
        self._port = port
        self._sender = sender
        self._username = username or None
        self._password = password or None
        self._start_tls = start_tls and not use_tls
        self._use_tls = use_tls
        self._timeout = timeout

    async def send(self, message: EmailMessage) -> None:
        await aiosmtplib.send(
            build_mime(message, self._sender),
            hostname=self._host,
            port=self._port,
            username=self._username,
            password=self._password,
            start_tls=self._start_tls if self._start_tls else None,
            use_tls=self._use_tls,
            timeout=self._timeout,
        )

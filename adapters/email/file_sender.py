"""The embedded default: each message becomes a real ``.eml`` file in the outbox directory
(open it with any mail client). Writes are atomic, and a redelivered task writes nothing new."""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from adapters.email.mime import build_mime
from core.ports.email import EmailMessage, EmailSender


class FileEmailSender(EmailSender):
    def __init__(self, outbox_dir: Path, sender: str) -> None:
        self._dir = outbox_dir
        self._sender = sender

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._write, message)

    def _write(self, message: EmailMessage) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        ident = re.sub(r"[^A-Za-z0-9_-]", "", message.message_id or "") or uuid.uuid4().hex
        if message.message_id and any(self._dir.glob(f"*-{ident}.eml")):
            return  # this task's message was already written
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%f")
        data = build_mime(message, self._sender).as_bytes()
        fd, tmp = tempfile.mkstemp(dir=self._dir, prefix=".tmp-", suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._dir / f"{stamp}-{ident}.eml")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

"""Log filters that keep secrets out of log lines."""

from __future__ import annotations

import logging
import re

#: Query parameters whose values are secrets: e-mailed action tokens, OAuth codes and states,
#: and the access token the WebSocket endpoints accept in the query string.
SECRET_PARAMS = ("token", "code", "state", "access_token", "refresh")
_SECRET = re.compile(rf"(?<=[?&])({'|'.join(SECRET_PARAMS)})=[^&\s\"']*")


def redact(text: str) -> str:
    return _SECRET.sub(r"\1=[redacted]", text)


class RedactQuerySecrets(logging.Filter):
    """Rewrites the record's arguments (uvicorn's access log passes the path as one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True

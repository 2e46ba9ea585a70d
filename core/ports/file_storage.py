from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

import msgspec


class FileStorageUnavailable(Exception):
    """The store cannot be reached or refused us (network, credentials, bucket): a failure of
    the infrastructure, which passes, not of the request. The message names no secret."""


class StoredFile(msgspec.Struct, frozen=True, kw_only=True):
    """A file being read: its size and its content, chunk by chunk (read once)."""

    size: int
    content_type: str
    chunks: AsyncIterator[bytes]


class FileStorage(Protocol):
    """Binary files by key (``cvs/42/cv.pdf``). Keys are chosen by the core, never by users.
    Every method raises ``FileStorageUnavailable`` when the store cannot be reached."""

    async def save(self, key: str, data: bytes, content_type: str) -> None: ...

    async def read(self, key: str) -> bytes | None: ...

    async def open(self, key: str) -> StoredFile | None:
        """The file to stream, or ``None`` if there is none under ``key``."""
        ...

    async def delete(self, key: str) -> None: ...

from __future__ import annotations

from typing import Protocol


class FileStorage(Protocol):
    """Binary files by key (``cvs/42/cv.pdf``). Keys are chosen by the core, never by users."""

    async def save(self, key: str, data: bytes, content_type: str) -> None: ...

    async def read(self, key: str) -> bytes | None: ...

    async def delete(self, key: str) -> None: ...

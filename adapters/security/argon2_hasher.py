from __future__ import annotations

import asyncio
from typing import Literal

from argon2 import PasswordHasher as _Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core.ports.password_hasher import PasswordHasher


def _argon2(profile: Literal["default", "fast"]) -> _Argon2:
    if profile == "fast":
        # Tests only: same algorithm and format, a fraction of the cost.
        return _Argon2(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
    # RFC 9106 "second recommended option": t=3, m=64 MiB, p=4 (argon2-cffi's default).
    return _Argon2(type=Type.ID)


class Argon2PasswordHasher(PasswordHasher):
    """argon2id through argon2-cffi. Hashing runs in a worker thread so the loop stays free."""

    def __init__(self, profile: Literal["default", "fast"] = "default") -> None:
        self._hasher = _argon2(profile)
        self._dummy = self._hasher.hash("dummy password to spend time on")

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        return await asyncio.to_thread(self._verify, password_hash, password)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return bool(self._hasher.verify(password_hash, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return bool(self._hasher.check_needs_rehash(password_hash))
        except InvalidHashError:
            return False

    async def burn(self, password: str) -> None:
        await self.verify(self._dummy, password)

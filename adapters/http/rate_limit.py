"""Fixed-window rate limits, counted in memory (one process) or in Redis (shared by every
server process). ``hit`` returns how many seconds to wait when the limit is exceeded."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol

from redis.asyncio import Redis


class RateLimitStore(Protocol):
    async def incr(self, key: str, window: int) -> tuple[int, int]:
        """Count one hit in the current window of ``key``: (hits so far, seconds left)."""
        ...

    async def close(self) -> None: ...


class MemoryRateLimitStore(RateLimitStore):
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._windows: dict[str, tuple[float, int]] = {}
        self._lock = asyncio.Lock()

    async def incr(self, key: str, window: int) -> tuple[int, int]:
        async with self._lock:
            now = self._now()
            if len(self._windows) > 100_000:  # forget expired windows now and then
                self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
            ends, count = self._windows.get(key, (0.0, 0))
            if ends <= now:
                ends, count = now + window, 0
            count += 1
            self._windows[key] = (ends, count)
            return count, max(1, int(ends - now + 0.999))

    async def close(self) -> None:
        self._windows.clear()


class RedisRateLimitStore(RateLimitStore):
    def __init__(self, url: str, prefix: str = "hireflow:rl:") -> None:
        self._redis: Redis = Redis.from_url(url)
        self._prefix = prefix

    async def incr(self, key: str, window: int) -> tuple[int, int]:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window, nx=True)
            pipe.ttl(name)
            count, _, ttl = await pipe.execute()
        return int(count), max(1, int(ttl) if int(ttl) > 0 else window)

    async def close(self) -> None:
        await self._redis.aclose()


class Rule:
    def __init__(self, limit: int, window: int) -> None:
        self.limit = limit
        self.window = window

    @classmethod
    def parse(cls, text: str) -> Rule:
        count, _, seconds = text.partition("/")
        return cls(int(count), int(seconds or 60))


class RateLimiter:
    def __init__(self, store: RateLimitStore, rules: dict[str, Rule], enabled: bool = True) -> None:
        self._store = store
        self._rules = rules
        self._enabled = enabled

    async def hit(self, rule_name: str, key: str) -> int | None:
        """Count a request; ``None`` if allowed, else the seconds until it would be."""
        if not self._enabled:
            return None
        rule = self._rules[rule_name]
        count, retry_after = await self._store.incr(f"{rule_name}:{key}", rule.window)
        return retry_after if count > rule.limit else None

    async def close(self) -> None:
        await self._store.close()

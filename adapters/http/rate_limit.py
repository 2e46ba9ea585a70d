"""Fixed-window rate limits, counted in memory (one process) or in Redis (shared by every
server process).

``RateLimiter.hit`` counts every request (availability checks, password resets, resends) and
returns how many seconds to wait once the limit is exceeded. ``take`` / ``give_back`` /
``clear`` count only what the caller decides: login counts failures only (``Throttle`` in
``adapters.http.auth`` takes a slot before checking the password, gives it back unless the
password was wrong, and clears the (account, client) window on success).

While Redis cannot be reached, ``FallbackRateLimitStore`` counts in this process's memory
(each process then allows up to the limit on its own), tries Redis again every second, and
goes back to the shared counters as soon as Redis answers: a Redis outage never fails a
request.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

T = TypeVar("T")


class RateLimitStore(Protocol):
    async def incr(self, key: str, window: int) -> tuple[int, int]:
        """Count one hit in the current window of ``key``: (hits so far, seconds left)."""
        ...

    async def decr(self, key: str) -> None:
        """Take back one hit of the current window of ``key`` (nothing if it has ended)."""
        ...

    async def reset(self, key: str) -> None:
        """End the current window of ``key``: the next hit starts a new one."""
        ...

    async def ping(self) -> str | None:
        """ "ok" or "unreachable" for a shared store; ``None`` for one that lives in memory."""
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

    async def decr(self, key: str) -> None:
        async with self._lock:
            ends, count = self._windows.get(key, (0.0, 0))
            if ends > self._now() and count > 0:
                self._windows[key] = (ends, count - 1)

    async def reset(self, key: str) -> None:
        async with self._lock:
            self._windows.pop(key, None)

    async def ping(self) -> str | None:
        return None

    async def close(self) -> None:
        self._windows.clear()


#: Take back one hit only while the window exists: a DECR on an expired key would create a
#: counter at -1 that never expires.
_DECR_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then
    return redis.call('DECR', KEYS[1])
end
return 0
"""


class RedisRateLimitStore(RateLimitStore):
    """Counters shared by every process. Short timeouts (a rate limit must never hold a request
    for long) and one immediate retry on a fresh connection, so that the pooled connections
    Redis dropped when it restarted are replaced on first use."""

    def __init__(self, url: str, prefix: str = "hireflow:rl:", timeout: float = 0.5) -> None:
        self._redis: Redis = Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 1),
        )
        self._prefix = prefix
        self._decr = self._redis.register_script(_DECR_IF_EXISTS)

    async def incr(self, key: str, window: int) -> tuple[int, int]:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window, nx=True)
            pipe.ttl(name)
            count, _, ttl = await pipe.execute()
        return int(count), max(1, int(ttl) if int(ttl) > 0 else window)

    async def decr(self, key: str) -> None:
        await self._decr(keys=[self._prefix + key])

    async def reset(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    async def ping(self) -> str | None:
        try:
            await self._redis.ping()
        except (RedisError, OSError):
            return "unreachable"
        return "ok"

    async def close(self) -> None:
        await self._redis.aclose()


class FallbackRateLimitStore(RateLimitStore):
    """The shared store while it answers; this process's memory while it does not.

    A failed call marks the shared store down for ``retry_every`` seconds (so an outage costs
    one failed attempt per second, not one per request); the first call after that tries it
    again. Counts made in memory during the outage are not carried over: the shared windows
    go on from whatever Redis still holds.
    """

    def __init__(
        self,
        primary: RateLimitStore,
        fallback: RateLimitStore | None = None,
        *,
        retry_every: float = 1.0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._primary = primary
        self._fallback = fallback or MemoryRateLimitStore(now)
        self._retry_every = retry_every
        self._now = now
        self._down_until: float | None = None

    @property
    def degraded(self) -> bool:
        """Whether counts are currently kept in this process only."""
        return self._down_until is not None

    async def _call(
        self, primary: Callable[[], Awaitable[T]], fallback: Callable[[], Awaitable[T]]
    ) -> T:
        if self._down_until is not None and self._now() < self._down_until:
            return await fallback()
        try:
            result = await primary()
        except (RedisError, OSError) as exc:
            if self._down_until is None:
                log.warning(
                    "Redis is unreachable (%s): rate limits are counted in this process "
                    "until it answers again",
                    type(exc).__name__,
                )
            self._down_until = self._now() + self._retry_every
            return await fallback()
        if self._down_until is not None:
            log.info("Redis answers again: rate limits are shared between processes again")
            self._down_until = None
        return result

    async def incr(self, key: str, window: int) -> tuple[int, int]:
        return await self._call(
            lambda: self._primary.incr(key, window), lambda: self._fallback.incr(key, window)
        )

    async def decr(self, key: str) -> None:
        await self._call(lambda: self._primary.decr(key), lambda: self._fallback.decr(key))

    async def reset(self, key: str) -> None:
        await self._call(lambda: self._primary.reset(key), lambda: self._fallback.reset(key))

    async def ping(self) -> str | None:
        return await self._primary.ping()

    async def close(self) -> None:
        await self._primary.close()
        await self._fallback.close()


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

    async def take(self, rule_name: str, key: str) -> int | None:
        """Take one of the window's ``limit`` slots; ``None`` if one was free, else the
        seconds until one will be. A refusal takes nothing. Taking before acting (rather than
        checking, acting, then counting) is what keeps concurrent attempts within the limit."""
        if not self._enabled:
            return None
        rule = self._rules[rule_name]
        name = f"{rule_name}:{key}"
        count, retry_after = await self._store.incr(name, rule.window)
        if count > rule.limit:
            await self._store.decr(name)
            return retry_after
        return None

    async def give_back(self, rule_name: str, key: str) -> None:
        """Return a slot taken by ``take`` (what it guarded did not count)."""
        if self._enabled:
            await self._store.decr(f"{rule_name}:{key}")

    async def clear(self, rule_name: str, key: str) -> None:
        """Forget the window of ``key``: every slot is free again."""
        if self._enabled:
            await self._store.reset(f"{rule_name}:{key}")

    async def close(self) -> None:
        await self._store.close()

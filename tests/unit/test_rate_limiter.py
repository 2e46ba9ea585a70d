"""The rate limiter's counting rules, and how it carries on when Redis is away."""

from __future__ import annotations

import asyncio
import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from adapters.http.rate_limit import (
    FallbackRateLimitStore,
    MemoryRateLimitStore,
    RateLimiter,
    RateLimitStore,
    Rule,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_memory_window_resets() -> None:
    clock = Clock()
    limiter = RateLimiter(MemoryRateLimitStore(clock), {"r": Rule(2, 10)})
    assert await limiter.hit("r", "k") is None
    assert await limiter.hit("r", "k") is None
    assert await limiter.hit("r", "k") == 10
    clock.now += 10.5
    assert await limiter.hit("r", "k") is None


async def test_take_refuses_without_counting_and_gives_back() -> None:
    clock = Clock()
    limiter = RateLimiter(MemoryRateLimitStore(clock), {"r": Rule(2, 60)})
    assert await limiter.take("r", "k") is None  # n-1
    assert await limiter.take("r", "k") is None  # n
    assert await limiter.take("r", "k") == 60  # n+1: refused...
    assert await limiter.take("r", "k") == 60  # ...and the refusal took nothing
    await limiter.give_back("r", "k")
    assert await limiter.take("r", "k") is None  # one slot was free again
    await limiter.clear("r", "k")
    assert await limiter.take("r", "k") is None
    assert await limiter.take("r", "k") is None
    assert await limiter.take("r", "k") is not None


async def test_concurrent_takes_never_exceed_the_limit() -> None:
    limiter = RateLimiter(MemoryRateLimitStore(), {"r": Rule(5, 60)})
    results = await asyncio.gather(*(limiter.take("r", "k") for _ in range(50)))
    assert sum(result is None for result in results) == 5


async def test_giving_back_after_the_window_ended_leaves_no_debt() -> None:
    clock = Clock()
    limiter = RateLimiter(MemoryRateLimitStore(clock), {"r": Rule(1, 10)})
    assert await limiter.take("r", "k") is None
    clock.now += 11
    await limiter.give_back("r", "k")  # the window is gone: nothing to give back to
    assert await limiter.take("r", "k") is None
    assert await limiter.take("r", "k") == 10


async def test_disabled_limiter_allows_everything() -> None:
    limiter = RateLimiter(MemoryRateLimitStore(), {"r": Rule(1, 60)}, enabled=False)
    for _ in range(3):
        assert await limiter.hit("r", "k") is None
        assert await limiter.take("r", "k") is None


class FlakyStore(MemoryRateLimitStore):
    """A shared store that fails like a Redis that went away, while ``down``."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(clock)
        self.down = False
        self.calls = 0

    def _check(self) -> None:
        self.calls += 1
        if self.down:
            raise RedisConnectionError("Connection lost")

    async def incr(self, key: str, window: int) -> tuple[int, int]:
        self._check()
        return await super().incr(key, window)

    async def decr(self, key: str) -> None:
        self._check()
        await super().decr(key)

    async def reset(self, key: str) -> None:
        self._check()
        await super().reset(key)

    async def ping(self) -> str | None:
        return "unreachable" if self.down else "ok"


def _fallback(clock: Clock) -> tuple[FlakyStore, FallbackRateLimitStore, RateLimiter]:
    shared = FlakyStore(clock)
    store = FallbackRateLimitStore(shared, retry_every=1.0, now=clock)
    return shared, store, RateLimiter(store, {"r": Rule(2, 60)})


async def test_outage_counts_in_memory_and_goes_back_to_the_shared_store(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    shared, store, limiter = _fallback(clock)
    assert await limiter.hit("r", "k") is None
    shared.down = True
    with caplog.at_level(logging.INFO, logger="adapters.http.rate_limit"):
        # Down: the limit still holds, counted in this process (a fresh window).
        assert await limiter.hit("r", "k") is None
        assert await limiter.hit("r", "k") is None
        assert await limiter.hit("r", "k") == 60
        assert store.degraded
        assert await store.ping() == "unreachable"
        # One failed attempt, then no call to the shared store for a second.
        assert shared.calls == 2
        clock.now += 1.1
        assert await limiter.hit("r", "other") is None
        assert shared.calls == 3  # tried again once the second had passed
        shared.down = False
        clock.now += 1.1
        # Back: counted in the shared store again, which remembers the hit before the outage.
        assert await limiter.hit("r", "k") is None
        assert await limiter.hit("r", "k") == 58  # the window opened before the outage
        assert not store.degraded
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1  # one line per outage, not one per request
    assert "counted in this process" in warnings[0].getMessage()
    assert any("shared between processes again" in r.getMessage() for r in caplog.records)


async def test_take_give_back_and_clear_survive_an_outage_in_between() -> None:
    clock = Clock()
    shared, _, limiter = _fallback(clock)
    assert await limiter.take("r", "k") is None
    shared.down = True
    await limiter.give_back("r", "k")  # Redis left between the take and the give-back
    await limiter.clear("r", "k")
    assert await limiter.take("r", "k") is None


def test_memory_store_is_a_rate_limit_store() -> None:
    store: RateLimitStore = MemoryRateLimitStore()
    assert asyncio.run(store.ping()) is None

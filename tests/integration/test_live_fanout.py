"""The real-time fan-out under the sockets: frames reach the subscribers of a channel on every
process (Redis) or across the embedded worker's threads (memory), only once the transaction
that pushed them commits; a subscriber that stops reading is cut off, and a lost Redis
connection is rebuilt."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from dramatiq.brokers.stub import StubBroker

from adapters.messaging.dramatiq_tasks import TaskSystem
from adapters.messaging.live import (
    LiveBacklogExceeded,
    LiveHub,
    MemoryLiveHub,
    RedisLiveHub,
    conversation_channel,
    user_channel,
)
from bootstrap.container import make_worker_container
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from core.domain.live import LiveFrame
from core.ports.live_updates import LiveUpdates
from core.ports.transaction_manager import TransactionManager


class Ping(LiveFrame, frozen=True, kw_only=True, tag="ping_test"):
    n: int


async def _next(subscription: Any, timeout: float = 2.0) -> bytes:
    return bytes(await asyncio.wait_for(subscription.next(), timeout))


async def _nothing(subscription: Any, wait: float = 0.3) -> None:
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(subscription.next(), wait)


async def test_memory_hub_delivers_across_threads_and_loops() -> None:
    hub = MemoryLiveHub()
    async with (
        hub.subscribe([conversation_channel(1)]) as one,
        hub.subscribe([conversation_channel(1), user_channel(7)]) as both,
    ):
        # As the embedded worker does: publish from another thread, on its own event loop.
        def worker() -> None:
            asyncio.run(hub.publish(conversation_channel(1), b"from-the-worker"))
            asyncio.run(hub.publish(user_channel(7), b"for-user-7"))

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert await _next(one) == b"from-the-worker"
        assert await _next(both) == b"from-the-worker"
        assert await _next(both) == b"for-user-7"
        await _nothing(one)
        assert hub.subscribers == 2
    assert hub.subscribers == 0
    await hub.publish(conversation_channel(1), b"nobody listens")  # no error, no listener


async def test_a_subscriber_that_stops_reading_is_cut_off_at_its_backlog() -> None:
    hub = MemoryLiveHub()
    async with hub.subscribe([user_channel(1)], backlog=3) as slow:
        for n in range(3):
            await hub.publish(user_channel(1), str(n).encode())
        for n in range(3):
            assert await _next(slow) == str(n).encode()  # at its backlog: nothing is lost
        for n in range(4):
            await hub.publish(user_channel(1), str(n).encode())
        for n in range(3):
            assert await _next(slow) == str(n).encode()  # what fit is still read, in order
        with pytest.raises(LiveBacklogExceeded):
            await _next(slow)


@pytest.fixture
async def redis_hubs(redis_server: Any) -> Any:
    first, second = RedisLiveHub(redis_server.url), RedisLiveHub(redis_server.url)
    yield first, second
    await first.close()
    await second.close()


@pytest.mark.redis
async def test_redis_hub_delivers_between_processes(redis_hubs: tuple[LiveHub, LiveHub]) -> None:
    a, b = redis_hubs
    async with b.subscribe([conversation_channel(5)]) as on_b:
        # Confirmed on entry: a frame published right away arrives.
        await a.publish(conversation_channel(5), b"hello from a")
        assert await _next(on_b) == b"hello from a"
        await a.publish(conversation_channel(6), b"another conversation")
        await b.publish(conversation_channel(5), b"from b itself")
        assert await _next(on_b) == b"from b itself"
        async with a.subscribe([conversation_channel(5)]) as on_a:
            await b.publish(conversation_channel(5), b"both")
            assert await _next(on_a) == b"both"
            assert await _next(on_b) == b"both"
        await a.publish(conversation_channel(5), b"after a left")
        assert await _next(on_b) == b"after a left"
    async with b.subscribe([user_channel(1)]) as later:
        await a.publish(conversation_channel(5), b"unsubscribed")
        await a.publish(user_channel(1), b"resubscribed")
        assert await _next(later) == b"resubscribed"  # nothing of the channel it left


@pytest.mark.redis
async def test_redis_hub_reconnects_after_losing_its_connection(
    redis_hubs: tuple[LiveHub, LiveHub], redis_server: Any
) -> None:
    import redis.asyncio

    a, b = redis_hubs
    admin = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        async with b.subscribe([user_channel(9)]) as on_b:
            await a.publish(user_channel(9), b"before")
            assert await _next(on_b) == b"before"
            assert await admin.client_kill_filter(_type="pubsub") >= 1
            got = None
            for _ in range(100):  # published until the rebuilt connection has subscribed
                await a.publish(user_channel(9), b"after")
                try:
                    got = await _next(on_b, timeout=0.1)
                    break
                except TimeoutError:
                    continue
            assert got == b"after"
    finally:
        await admin.aclose()


@pytest.mark.parametrize("redis", [False, pytest.param(True, marks=pytest.mark.redis)])
async def test_pushes_leave_only_once_their_transaction_commits(
    settings: Settings, redis: bool, request: pytest.FixtureRequest
) -> None:
    if redis:
        settings = replace_settings(settings, redis_url=request.getfixturevalue("redis_server").url)
    tasks = TaskSystem(StubBroker())
    container = make_worker_container(settings, tasks)
    try:
        hub = await container.get(LiveHub)
        async with hub.subscribe([conversation_channel(3)]) as sockets, container() as scope:
            live, tx = await scope.get(LiveUpdates), await scope.get(TransactionManager)
            await live.to_conversation(3, Ping(n=1))
            await _nothing(sockets)  # not before the commit
            await tx.commit()
            assert await _next(sockets) == b'{"type":"ping_test","n":1}'
            await live.to_conversation(3, Ping(n=2))
            await tx.rollback()
            await tx.commit()
            await _nothing(sockets)  # a rolled-back push never leaves
    finally:
        await container.close()
        tasks.close()

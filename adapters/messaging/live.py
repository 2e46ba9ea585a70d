"""Real-time fan-out: frames pushed to the sockets open on every server process.

A socket listens on *channels*: ``conversation:<id>`` (the chat of one conversation) and
``user:<id>`` (one user's notifications). Whoever changes something (a request on any server
process, or a worker) publishes a frame to a channel once its transaction has committed
(``adapters.messaging.live_updates``, through the transaction's commit hooks); every socket
subscribed to that channel, on whichever process holds it, gets the frame.

* ``MemoryLiveHub``, the embedded default (no ``HIREFLOW_REDIS_URL``): one process. It is
  thread-safe, because the embedded worker's lanes run on event loops of their own and publish
  into the web server's sockets (a frame is handed to a socket's loop with
  ``call_soon_threadsafe``).
* ``RedisLiveHub``: Redis pub/sub. Every process publishes with ``PUBLISH`` (a worker needs no
  socket and no web framework to push); each serving process holds one subscriber connection
  for the channels its sockets listen on, subscribed when its first local socket needs one and
  unsubscribed after the last. If Redis goes away the connection is rebuilt and every channel
  subscribed again; sockets stay open (frames published meanwhile are missed, as pub/sub
  keeps none: what is committed is read back over REST).

Why not Litestar's ``ChannelsPlugin`` and its Redis backend: its ``publish`` is synchronous on
the web app's loop and needs the app's lifespan, while our workers publish from processes (and,
embedded, threads and loops) that have no app; its pub/sub backend streams events in one task
that dies for good on a lost Redis connection (no reconnect); and it has known subscriber leaks
(a client that cancels during ``subscribe()``) and hangs (``iter_events`` after a disconnect).
This is one small module without those, usable by the web adapter and the worker alike, and it
keeps ``adapters.messaging`` free of the web framework (an import-linter contract).

A subscription confirms its channels before it is handed back (Redis answers ``SUBSCRIBE``
asynchronously), so a socket that loads its history *after* subscribing misses nothing
committed in between: a frame published after the history was read arrives on the socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

log = logging.getLogger(__name__)

#: Frames a subscriber may have waiting before it is cut off (``LiveBacklogExceeded``).
DEFAULT_BACKLOG = 1000
#: How long ``subscribe`` waits for Redis to confirm its channels before going on without.
SUBSCRIBE_TIMEOUT = 2.0
#: How long the subscriber connection waits for a message before looking again.
READ_TIMEOUT = 5.0


def conversation_channel(conversation_id: int) -> str:
    return f"conversation:{conversation_id}"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


class LiveBacklogExceeded(Exception):
    """The subscriber fell too far behind (its socket does not read what it is sent)."""


class Subscription:
    """The frames published to some channels, for one socket, in the order they arrive.
    Lives on the event loop that created it; frames may be delivered from any thread."""

    def __init__(self, channels: Sequence[str], backlog: int = DEFAULT_BACKLOG) -> None:
        self.channels = tuple(dict.fromkeys(channels))
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._backlog = backlog
        self.exceeded = False

    def deliver(self, data: bytes) -> None:
        """Hand over a frame (from any thread)."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._offer(data)
            return
        with contextlib.suppress(RuntimeError):  # its loop has closed: nobody is listening
            self._loop.call_soon_threadsafe(self._offer, data)

    def _offer(self, data: bytes) -> None:
        if self.exceeded:
            return
        if self._queue.qsize() >= self._backlog:
            self.exceeded = True
            self._queue.put_nowait(None)  # wakes the reader, which gives up
            return
        self._queue.put_nowait(data)

    async def next(self) -> bytes:
        """The next frame; raises ``LiveBacklogExceeded`` once the backlog overflowed."""
        data = await self._queue.get()
        if data is None:
            raise LiveBacklogExceeded()
        return data


class _Fanout:
    """This process's subscribers, by channel."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_channel: dict[str, set[Subscription]] = {}

    def add(self, subscription: Subscription) -> list[str]:
        """Register it; the channels nobody here listened on before."""
        with self._lock:
            first = [c for c in subscription.channels if not self._by_channel.get(c)]
            for channel in subscription.channels:
                self._by_channel.setdefault(channel, set()).add(subscription)
            return first

    def remove(self, subscription: Subscription) -> list[str]:
        """Unregister it; the channels nobody here listens on any more."""
        with self._lock:
            last = []
            for channel in subscription.channels:
                listeners = self._by_channel.get(channel)
                if listeners is None:
                    continue
                listeners.discard(subscription)
                if not listeners:
                    del self._by_channel[channel]
                    last.append(channel)
            return last

    def deliver(self, channel: str, data: bytes) -> int:
        with self._lock:
            listeners = list(self._by_channel.get(channel, ()))
        for subscription in listeners:
            subscription.deliver(data)
        return len(listeners)

    def channels(self) -> list[str]:
        with self._lock:
            return list(self._by_channel)

    def __len__(self) -> int:
        with self._lock:
            return len({s for subs in self._by_channel.values() for s in subs})


class LiveHub(Protocol):
    async def publish(self, channel: str, data: bytes) -> None:
        """Send ``data`` to every subscriber of ``channel``, on every process."""
        ...

    def subscribe(
        self, channels: Sequence[str], backlog: int = DEFAULT_BACKLOG
    ) -> AbstractAsyncContextManager[Subscription]:
        """Listen on ``channels`` for as long as the context lasts (confirmed on entry)."""
        ...

    async def close(self) -> None: ...


class MemoryLiveHub(LiveHub):
    """One process: the web server and its embedded worker's lanes (any thread, any loop)."""

    def __init__(self) -> None:
        self._fanout = _Fanout()

    async def publish(self, channel: str, data: bytes) -> None:
        self._fanout.deliver(channel, data)

    @asynccontextmanager
    async def subscribe(
        self, channels: Sequence[str], backlog: int = DEFAULT_BACKLOG
    ) -> AsyncIterator[Subscription]:
        subscription = Subscription(channels, backlog)
        self._fanout.add(subscription)
        try:
            yield subscription
        finally:
            self._fanout.remove(subscription)

    @property
    def subscribers(self) -> int:
        return len(self._fanout)

    async def close(self) -> None:
        return None


class RedisLiveHub(LiveHub):
    """Redis pub/sub, shared by every server and worker process (see the module's doc).

    One instance per event loop (each container builds its own): the Redis client and its
    subscriber connection belong to the loop that first uses them."""

    def __init__(self, url: str, *, prefix: str = "hireflow:live:") -> None:
        # A Redis that does not answer must not hold a request: pushes are best effort.
        self._redis: Redis = Redis.from_url(url, socket_connect_timeout=2)
        self._prefix = prefix
        self._fanout = _Fanout()
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None
        #: SUBSCRIBE commands sent and not yet answered, per channel.
        self._unanswered: dict[str, int] = {}
        #: Channels Redis confirmed and that are still wanted.
        self._confirmed: set[str] = set()
        self._waiters: dict[str, list[asyncio.Future[None]]] = {}
        self._closed = False

    async def publish(self, channel: str, data: bytes) -> None:
        await self._redis.publish(self._prefix + channel, data)

    @asynccontextmanager
    async def subscribe(
        self, channels: Sequence[str], backlog: int = DEFAULT_BACKLOG
    ) -> AsyncIterator[Subscription]:
        subscription = Subscription(channels, backlog)
        first = self._fanout.add(subscription)
        try:
            self._start_reader()
            await self._listen(subscription.channels, first)
            yield subscription
        finally:
            last = self._fanout.remove(subscription)
            if last:
                await self._unlisten(last)

    @property
    def subscribers(self) -> int:
        return len(self._fanout)

    def _start_reader(self) -> None:
        if self._reader is None or self._reader.done():
            self._reader = asyncio.get_running_loop().create_task(
                self._read_forever(), name="hireflow-live-subscriber"
            )

    def _prefixed(self, channels: Iterable[str]) -> list[str]:
        return [self._prefix + c for c in channels]

    async def _listen(self, channels: Sequence[str], first: Sequence[str]) -> None:
        loop = asyncio.get_running_loop()
        waits: list[asyncio.Future[None]] = []
        for channel in channels:
            if channel not in self._confirmed:
                future: asyncio.Future[None] = loop.create_future()
                self._waiters.setdefault(channel, []).append(future)
                waits.append(future)
        pubsub = self._pubsub
        if first and pubsub is not None:
            # Otherwise the reader is (re)connecting and subscribes every wanted channel.
            await self._send(pubsub, "subscribe", first)
        if waits:
            _, pending = await asyncio.wait(waits, timeout=SUBSCRIBE_TIMEOUT)
            if pending:
                log.warning("Redis did not confirm live channel(s) %s in time", channels)
            for future in pending:
                future.cancel()

    async def _unlisten(self, channels: Sequence[str]) -> None:
        for channel in channels:
            self._confirmed.discard(channel)
        pubsub = self._pubsub
        if pubsub is not None:
            await self._send(pubsub, "unsubscribe", channels)

    async def _send(self, pubsub: PubSub, command: str, channels: Sequence[str]) -> None:
        if command == "subscribe":
            for channel in channels:
                self._unanswered[channel] = self._unanswered.get(channel, 0) + 1
        try:
            method: Callable[..., Any] = getattr(pubsub, command)
            await method(*self._prefixed(channels))
        except Exception as exc:  # the reader notices the lost connection and redoes it all
            log.warning("Redis %s of live channels failed (%s)", command, type(exc).__name__)

    def _answered(self, kind: str, raw_channel: bytes) -> None:
        channel = raw_channel.decode()[len(self._prefix) :]
        if kind != "subscribe":
            return
        left = max(0, self._unanswered.get(channel, 0) - 1)
        self._unanswered[channel] = left
        if left == 0:
            self._unanswered.pop(channel, None)
            if channel in self._fanout.channels():
                self._confirmed.add(channel)
                for future in self._waiters.pop(channel, []):
                    if not future.done():
                        future.set_result(None)

    async def _read_forever(self) -> None:
        delay = 0.2
        while not self._closed:
            pubsub = self._redis.pubsub()
            try:
                self._pubsub = pubsub
                self._unanswered.clear()
                self._confirmed.clear()
                # A channel of its own keeps the connection subscribed while no socket is.
                await self._send(pubsub, "subscribe", ["~", *self._fanout.channels()])
                if not pubsub.subscribed:
                    raise ConnectionError("could not subscribe")
                delay = 0.2
                while True:
                    message = await pubsub.get_message(timeout=READ_TIMEOUT)
                    if message is None:
                        continue
                    kind = message["type"]
                    if kind == "message":
                        channel = message["channel"].decode()[len(self._prefix) :]
                        self._fanout.deliver(channel, message["data"])
                    else:
                        self._answered(kind, message["channel"])
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if self._closed:
                    return
                log.warning(
                    "Live updates lost their Redis connection (%s); reconnecting in %.1fs",
                    type(exc).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            finally:
                self._pubsub = None
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        self._closed = True
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        await self._redis.aclose()

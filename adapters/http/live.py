"""What every live socket shares (``ws/messaging/{id}/``, ``ws/notifications/``): who is asking,
the close codes, error frames, and the loop that forwards pushed frames while reading the
client's.

Close codes (the README lists them; clients rely on them, never change one):

* ``4401``: no token, or one that is forged, expired, of an ended session or of an inactive
  account; also sent when the token expires while the socket is open (log in or refresh, then
  reconnect).
* ``4403``: the account is disabled.
* ``4404``: the conversation is unknown or is not the caller's (as over REST: ids reveal
  nothing).
* ``1009``: a frame over 64 KiB.
* ``1013``: the client fell too far behind reading what it is sent (reconnect: the history
  and REST tell what was missed).
* ``1011``: an unexpected server fault (logged).

A bad frame that is not too big (not JSON, not an object, an unknown ``type``, a missing or
wrong field, sending too fast) is answered ``{"type": "error", "detail": ..., "code": ...}``
and the socket stays open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec
from dishka import AsyncContainer
from litestar import WebSocket
from litestar.exceptions import WebSocketDisconnect

from adapters.messaging.live import LiveBacklogExceeded, LiveHub, Subscription
from core.domain.accounts.errors import AccountDisabled
from core.domain.accounts.user import User
from core.domain.errors import NotAuthenticated
from core.ports.clock import Clock
from core.ports.token_issuer import TokenIssuer
from core.use_cases.accounts.authenticate import Authenticate

log = logging.getLogger(__name__)

CLOSE_NOT_AUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_BIG = 1009
CLOSE_TOO_SLOW = 1013
CLOSE_SERVER_ERROR = 1011

#: The largest frame a client may send (bytes of UTF-8 text).
MAX_FRAME_BYTES = 64 * 1024
#: Frames a client may send per second on one socket (a burst of twice as many is allowed).
FRAMES_PER_SECOND = 20.0

_WS_REASON_LIMIT = 123  # bytes: a close reason longer than this is refused by the protocol


class ErrorFrame(msgspec.Struct, kw_only=True, tag="error", tag_field="type", omit_defaults=True):
    detail: str
    code: str
    errors: dict[str, list[str]] | None = None
    retry_after: int | None = None


_encoder = msgspec.json.Encoder()


def socket_token(socket: WebSocket[Any, Any, Any]) -> str | None:
    """The access token: ``?token=`` or ``Authorization: Bearer`` (browsers cannot set headers
    on a WebSocket, hence the query string; the access log scrubs it)."""
    if token := socket.query_params.get("token"):
        return str(token)
    scheme, _, value = socket.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


async def close(socket: WebSocket[Any, Any, Any], code: int, reason: str) -> None:
    encoded = reason.encode()[:_WS_REASON_LIMIT]
    with contextlib.suppress(Exception):  # the client may be gone already
        await socket.close(code=code, reason=encoded.decode(errors="ignore"))


@dataclass(frozen=True, slots=True)
class Caller:
    user: User
    expires_at: datetime | None
    #: Checked again before each write (a session ended meanwhile may not write). Never shown.
    token: str = field(repr=False)


async def authenticate(socket: WebSocket[Any, Any, Any], session: AsyncContainer) -> Caller | None:
    """The caller, or ``None`` once the (accepted) socket is closed with 4401/4403. Uses the
    same checks as every request (``Authenticate``: signature, expiry, open session)."""
    token = socket_token(socket)
    if token is None:
        await close(socket, CLOSE_NOT_AUTHENTICATED, "Send the access token as ?token=.")
        return None
    try:
        async with session() as container:
            claims = (await container.get(TokenIssuer)).read(token, expected="access")
            user = await (await container.get(Authenticate))(token)
    except AccountDisabled as exc:
        await close(socket, CLOSE_FORBIDDEN, exc.message)
        return None
    except NotAuthenticated as exc:
        await close(socket, CLOSE_NOT_AUTHENTICATED, exc.message)
        return None
    return Caller(user, claims.expires_at, token)


@dataclass(frozen=True, slots=True)
class SocketPolicy:
    """``HIREFLOW_WS_*`` (``SocketSettings``), as the sockets use them."""

    #: How often an open socket checks its session is still open (closed with 4401 if not).
    session_check_seconds: float = 60.0
    #: Frames a socket may fall behind before it is closed with 1013.
    backlog: int = 1000


class FrameBucket:
    """How fast one socket's client may send frames (a token bucket, in this socket only:
    a socket lives in one process)."""

    def __init__(
        self, rate: float = FRAMES_PER_SECOND, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate = rate
        self._clock = clock
        self._tokens = 2 * rate
        self._at = clock()

    def take(self) -> bool:
        now = self._clock()
        self._tokens = min(2 * self._rate, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens < 1 - 1e-9:  # a whole frame's worth, to float precision
            return False
        self._tokens -= 1
        return True


class BadFrame(Exception):
    """A client frame the socket answers with an error frame."""

    def __init__(
        self, detail: str, code: str = "bad_frame", errors: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.code = code
        self.errors = errors


class CloseSocket(Exception):
    """Ends the socket with this code (raised by a frame handler)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class LiveSocket:
    """One accepted, authenticated socket: sends are serialised (the forwarder and the frame
    handler both send)."""

    def __init__(
        self, socket: WebSocket[Any, Any, Any], caller: Caller, session: AsyncContainer
    ) -> None:
        self.socket = socket
        self.caller = caller
        self.session = session
        self._lock = asyncio.Lock()

    @property
    def user(self) -> User:
        return self.caller.user

    async def send(self, data: bytes) -> None:
        async with self._lock:
            await self.socket.send_data(data.decode(), mode="text")

    async def error(
        self,
        detail: str,
        code: str,
        errors: dict[str, list[str]] | None = None,
        retry_after: int | None = None,
    ) -> None:
        frame = ErrorFrame(detail=detail, code=code, errors=errors, retry_after=retry_after)
        await self.send(_encoder.encode(frame))

    async def serve(
        self,
        hub: LiveHub,
        channels: Sequence[str],
        on_frame: Callable[[dict[str, Any]], Awaitable[None]],
        *,
        ready: Callable[[], Awaitable[None]] | None = None,
        keep: Callable[[bytes], bool] | None = None,
    ) -> None:
        """Subscribe to ``channels``, run ``ready`` (the socket's first frames: a history read
        after subscribing misses nothing), then forward what is published (those ``keep``
        accepts) and hand the client's frames to ``on_frame`` until the client leaves, the
        token expires or the socket must close."""
        policy = await self.session.get(SocketPolicy)
        clock = await self.session.get(Clock)
        async with hub.subscribe(channels, policy.backlog) as subscription:
            if ready is not None:
                await ready()
            tasks = [
                asyncio.create_task(self._forward(subscription, keep)),
                asyncio.create_task(self._read(on_frame)),
                asyncio.create_task(self._watch_session(policy.session_check_seconds)),
            ]
            if (wait := self._until_expiry(clock)) is not None:
                tasks.append(asyncio.create_task(self._expire(wait)))
            try:
                done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
            outcome = next(iter(done))
            if outcome.cancelled():
                return
            failure = outcome.exception()
            if failure is None or isinstance(failure, WebSocketDisconnect):
                return
            if isinstance(failure, CloseSocket):
                await close(self.socket, failure.code, failure.reason)
            elif isinstance(failure, LiveBacklogExceeded):
                await close(self.socket, CLOSE_TOO_SLOW, "Too far behind: reconnect.")
            else:
                log.error("Live socket failed", exc_info=failure)
                await close(self.socket, CLOSE_SERVER_ERROR, "Server error.")

    def _until_expiry(self, clock: Clock) -> float | None:
        if self.caller.expires_at is None:
            return None
        return max(0.0, (self.caller.expires_at - clock.now()).total_seconds())

    async def check_session(self) -> None:
        """Raises ``CloseSocket`` (4401/4403) once the caller's session ended or their
        account was disabled: a socket is closed as a request would be refused."""
        try:
            async with self.session() as container:
                await (await container.get(Authenticate))(self.caller.token)
        except AccountDisabled as exc:
            raise CloseSocket(CLOSE_FORBIDDEN, exc.message) from None
        except NotAuthenticated as exc:
            raise CloseSocket(CLOSE_NOT_AUTHENTICATED, exc.message) from None

    async def _watch_session(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self.check_session()

    async def _expire(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        raise CloseSocket(CLOSE_NOT_AUTHENTICATED, "The access token expired: reconnect.")

    async def _forward(
        self, subscription: Subscription, keep: Callable[[bytes], bool] | None
    ) -> None:
        while True:
            data = await subscription.next()
            if keep is None or keep(data):
                await self.send(data)

    async def _read(self, on_frame: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        bucket = FrameBucket()
        while True:
            event = await self.socket.receive()
            if event["type"] == "websocket.disconnect":
                return
            text = event.get("text")
            raw = event.get("bytes")
            if not isinstance(text, str):
                text = None
            size = (
                len(text.encode())
                if text is not None
                else len(raw)
                if isinstance(raw, bytes)
                else 0
            )
            if size > MAX_FRAME_BYTES:
                raise CloseSocket(CLOSE_TOO_BIG, f"Frames are at most {MAX_FRAME_BYTES} bytes.")
            if not bucket.take():
                await self.error("Too many frames: slow down.", "throttled", retry_after=1)
                continue
            try:
                await on_frame(parse_frame(text))
            except BadFrame as bad:
                await self.error(bad.detail, bad.code, bad.errors)


def parse_frame(text: str | None) -> dict[str, Any]:
    """A client frame: a JSON object with a string ``type``."""
    if text is None:
        raise BadFrame("Send text frames of JSON, not binary ones.")
    try:
        frame = msgspec.json.decode(text)
    except msgspec.DecodeError:
        raise BadFrame("This frame is not JSON.") from None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise BadFrame('A frame is a JSON object with a "type".')
    return frame


def unknown_type(frame: dict[str, Any], known: Sequence[str]) -> BadFrame:
    listed = ", ".join(known)
    return BadFrame(f"Unknown frame type {str(frame['type'])[:40]!r}: send one of {listed}.")

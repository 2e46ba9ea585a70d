"""``ws/messaging/{conversation_id}/``: a conversation's chat (close codes and error frames:
``adapters.http.live``).

On connect the socket is sent ``{"type": "message_history", "messages": [...]}`` (the 50 most
recent, oldest first; the others' among them are now read). Then it receives every
``chat_message`` of the conversation (its own and its other tabs' included), the others'
``typing`` and every ``read``. The client sends:

* ``{"type": "chat_message", "content": ...}``: sent as over REST (same checks, notification
  and rate limit); an ``error`` frame answers a refused one.
* ``{"type": "typing", "is_typing": true|false}``: relayed to the other participants.
* ``{"type": "read"}`` (optional ``"up_to_id"``): what arrived while open is read.
* ``{"type": "ping"}``: answered ``{"type": "pong"}``.
"""

from __future__ import annotations

from typing import Any

import msgspec
from dishka import AsyncContainer
from litestar import Controller, WebSocket, websocket
from litestar.params import FromPath

from adapters.http.auth import Throttle
from adapters.http.errors import TooManyRequests
from adapters.http.live import (
    CLOSE_NOT_FOUND,
    BadFrame,
    CloseSocket,
    LiveSocket,
    authenticate,
    close,
    unknown_type,
)
from adapters.http.messaging.conversations import check_send_rate
from adapters.messaging.live import LiveHub, conversation_channel
from core.domain.errors import ValidationFailed
from core.domain.live import encode_frame
from core.domain.messaging.conversation import ConversationNotFound
from core.domain.messaging.frames import MessageHistoryFrame, TypingFrame
from core.domain.numbers import fits_int64
from core.use_cases.messaging.mark_conversation_read import (
    MarkConversationRead,
    MarkConversationReadCommand,
)
from core.use_cases.messaging.open_conversation import (
    OpenConversation,
    OpenConversationCommand,
)
from core.use_cases.messaging.send_message import SendMessage, SendMessageCommand

CLIENT_FRAMES = ("chat_message", "typing", "read", "ping")


class _Pushed(msgspec.Struct):
    """What a socket reads of a pushed frame to decide whether its client wants it."""

    type: str
    user_id: int | None = None
    message: _PushedMessage | None = None


class _PushedMessage(msgspec.Struct):
    id: int


_peek = msgspec.json.Decoder(_Pushed)
_PONG = b'{"type":"pong"}'


class ChatSocket:
    def __init__(
        self, live: LiveSocket, session: AsyncContainer, hub: LiveHub, conversation_id: int
    ) -> None:
        self._live = live
        self._session = session
        self._hub = hub
        self._id = conversation_id
        self._me = live.user.require_id()
        #: Messages up to this one were in the history: not sent twice.
        self._seen_up_to = 0

    async def history(self) -> None:
        async with self._session() as container:
            use_case = await container.get(OpenConversation)
            messages = await use_case(
                OpenConversationCommand(actor=self._live.user, conversation_id=self._id)
            )
        self._seen_up_to = max((m.id for m in messages), default=0)
        await self._live.send(
            encode_frame(MessageHistoryFrame(conversation_id=self._id, messages=messages))
        )

    def keep(self, data: bytes) -> bool:
        try:
            pushed = _peek.decode(data)
        except msgspec.DecodeError:
            return True
        if pushed.type == "typing":
            return pushed.user_id != self._me  # relayed to the others, not echoed
        if pushed.type == "chat_message" and pushed.message is not None:
            return pushed.message.id > self._seen_up_to
        return True

    async def on_frame(self, frame: dict[str, Any]) -> None:
        kind = frame["type"]
        if kind == "chat_message":
            await self._send(frame)
        elif kind == "typing":
            await self._type(frame)
        elif kind == "read":
            await self._read(frame)
        elif kind == "ping":
            await self._live.send(_PONG)
        else:
            raise unknown_type(frame, CLIENT_FRAMES)

    async def _send(self, frame: dict[str, Any]) -> None:
        content = frame.get("content")
        if not isinstance(content, str):
            raise BadFrame(
                '"content" (text) is required.',
                "validation_error",
                {"content": ["This field is required and must be text."]},
            )
        await self._live.check_session()  # a session ended meanwhile may not write
        async with self._session() as container:
            throttle = await container.get(Throttle)
            try:
                await check_send_rate(throttle, self._me)
            except TooManyRequests as exc:
                await self._live.error(
                    "Too many messages: wait before sending again.",
                    "throttled",
                    retry_after=exc.retry_after,
                )
                return
            use_case = await container.get(SendMessage)
            try:
                await use_case(
                    SendMessageCommand(
                        actor=self._live.user, conversation_id=self._id, content=content
                    )
                )
            except ValidationFailed as exc:
                raise BadFrame(exc.message, exc.code, exc.errors) from None
            except ConversationNotFound as exc:
                raise CloseSocket(CLOSE_NOT_FOUND, exc.message) from None
        # The message reaches this socket, like every other, once committed.

    async def _type(self, frame: dict[str, Any]) -> None:
        is_typing = frame.get("is_typing")
        if not isinstance(is_typing, bool):
            raise BadFrame(
                '"is_typing" (true or false) is required.',
                "validation_error",
                {"is_typing": ["Must be true or false."]},
            )
        user = self._live.user
        data = encode_frame(
            TypingFrame(
                conversation_id=self._id,
                user_id=self._me,
                username=user.username,
                is_typing=is_typing,
            )
        )
        # Nothing is stored, so nothing waits for a commit.
        await self._hub.publish(conversation_channel(self._id), data)

    async def _read(self, frame: dict[str, Any]) -> None:
        up_to = frame.get("up_to_id")
        if up_to is not None and (
            not isinstance(up_to, int) or isinstance(up_to, bool) or not fits_int64(up_to)
        ):
            raise BadFrame(
                '"up_to_id" is a message id.',
                "validation_error",
                {"up_to_id": ["Must be a message id."]},
            )
        await self._live.check_session()
        async with self._session() as container:
            use_case = await container.get(MarkConversationRead)
            try:
                await use_case(
                    MarkConversationReadCommand(
                        actor=self._live.user, conversation_id=self._id, up_to_id=up_to
                    )
                )
            except ConversationNotFound as exc:
                raise CloseSocket(CLOSE_NOT_FOUND, exc.message) from None


class ChatSocketController(Controller):
    path = "/ws"

    @websocket("/messaging/{conversation_id:int}/")
    async def chat(self, socket: WebSocket[Any, Any, Any], conversation_id: FromPath[int]) -> None:
        await socket.accept()
        session: AsyncContainer = socket.state.dishka_container
        caller = await authenticate(socket, session)
        if caller is None:
            return
        if not fits_int64(conversation_id):
            await close(socket, CLOSE_NOT_FOUND, ConversationNotFound.default_message)
            return
        hub = await session.get(LiveHub)
        live = LiveSocket(socket, caller, session)
        chat = ChatSocket(live, session, hub, conversation_id)
        try:
            await live.serve(
                hub,
                [conversation_channel(conversation_id)],
                chat.on_frame,
                ready=chat.history,
                keep=chat.keep,
            )
        except ConversationNotFound as exc:
            await close(socket, CLOSE_NOT_FOUND, exc.message)

"""``/messaging/api/v1/conversations/``: the inbox, starting a conversation, its messages."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter

from adapters.http.auth import Throttle
from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, page_of, paginate
from adapters.http.query import bool_param, id_or_name
from core.domain.messaging.conversation import MAX_CONTENT_LENGTH
from core.domain.messaging.views import ConversationFilters, ConversationView, MessageView
from core.domain.numbers import INT64_MAX
from core.use_cases.messaging.list_conversations import (
    ListConversations,
    ListConversationsCommand,
)
from core.use_cases.messaging.list_messages import (
    MESSAGES_PAGE_SIZE,
    ListMessages,
    ListMessagesCommand,
)
from core.use_cases.messaging.send_message import SendMessage, SendMessageCommand
from core.use_cases.messaging.start_conversation import (
    StartConversation,
    StartConversationCommand,
)

Req = Request[Any, Any, Any]
Q = Annotated[str | None, QueryParameter(max_length=100)]
UserId = Annotated[int, msgspec.Meta(ge=1, le=INT64_MAX)]

#: The rate rule of sending (``HIREFLOW_RATE_MESSAGE_SEND``), per user, shared with sockets.
SEND_RULE = "message_send"


async def check_send_rate(throttle: Throttle, user_id: int) -> None:
    """Raises ``TooManyRequests`` when the user sent too many messages (REST and sockets)."""
    await throttle.check_key(SEND_RULE, f"user:{user_id}")


class ConversationIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    #: The other person.
    participant_id: UserId
    #: The job it is about (optional).
    job_id: UserId | None = None
    #: A first message (optional).
    content: str | None = None


class MessageIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    content: str


CONTENT_RULES = (
    f"The content is trimmed, must not be blank, holds at most {MAX_CONTENT_LENGTH} "
    "characters (no control characters but newlines and tabs) and is stored and returned "
    "as plain text."
)


class ConversationController(Controller):
    path = "/messaging/api/v1/conversations"
    tags = ["Messaging"]

    @get(
        "/",
        summary="Your conversations, most recent activity first",
        description="Each with its participants, last message and `unread_count` (the "
        "others' messages you have not read). `unread_only=true` keeps those with unread "
        "messages, `with_user` the one with that user (id or username).",
        responses=errors(400, 401),
    )
    async def list_conversations(
        self,
        request: Req,
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListConversations],
        unread_only: Q = None,
        with_user: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> Paginated[ConversationView]:
        pagination = page_of(request)
        filters = ConversationFilters(
            unread_only=bool(bool_param("unread_only", unread_only)),
            with_user=id_or_name("with_user", with_user),
        )
        found = await use_case(
            ListConversationsCommand(actor=me.user, filters=filters, page=pagination)
        )
        return paginate(request, pagination, found)

    @post(
        "/",
        status_code=201,
        summary="Start a conversation with someone (or get the one you share)",
        description="A recruiter may start one with a candidate who applied to one of their "
        "company's jobs or appears in its job matches; a candidate with a recruiter of a "
        "company they applied to; a site admin with anyone. Two people share one "
        "conversation: if they already do, it is answered with 200 (and `content`, if sent, "
        "is sent in it). `job_id`: the job it is about, one of the recruiter's company's. "
        + CONTENT_RULES,
        responses={
            200: ResponseSpec(
                data_container=ConversationView,
                description="You already shared this conversation: here it is.",
            ),
            **errors(400, 401, 403, 404, 429),
        },
    )
    async def start(
        self,
        data: JSONBody[ConversationIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[StartConversation],
        throttle: FromDishka[Throttle],
    ) -> Response[ConversationView]:
        if data.content is not None:
            await check_send_rate(throttle, me.id)
        started = await use_case(
            StartConversationCommand(
                actor=me.user,
                participant_id=data.participant_id,
                job_id=data.job_id,
                content=data.content,
            )
        )
        return Response(started.conversation, status_code=201 if started.created else 200)

    @get(
        "/{conversation_id:int}/messages/",
        summary="A conversation's messages, newest first (participants only)",
        description="Page 1 holds the most recent messages and `next` goes back in time "
        f"(`limit` defaults to {MESSAGES_PAGE_SIZE}). Reading a page marks every message "
        "of the others up to the newest on it as read (so reading page 1 reads the "
        "conversation), and their senders' open sockets are told. Somebody else's "
        "conversation answers 404, like an unknown one.",
        responses=errors(400, 401, 404),
    )
    async def messages(
        self,
        request: Req,
        conversation_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListMessages],
        page: Q = None,
        limit: Q = None,
    ) -> Paginated[MessageView]:
        pagination = page_of(request, default_size=MESSAGES_PAGE_SIZE)
        found = await use_case(
            ListMessagesCommand(actor=me.user, conversation_id=conversation_id, page=pagination)
        )
        return paginate(request, pagination, found)

    @post(
        "/{conversation_id:int}/messages/",
        status_code=201,
        summary="Send a message (participants only)",
        description="It is pushed to every socket open on the conversation (yours too) and "
        "its recipient gets a `new_message` notification (by e-mail too only if their "
        "preferences ask for it, and at most once per conversation until they read it). "
        + CONTENT_RULES
        + " Sending is rate limited per user (`HIREFLOW_RATE_MESSAGE_SEND`), over REST and "
        "sockets together.",
        responses=errors(400, 401, 404, 429),
    )
    async def send(
        self,
        conversation_id: FromPath[int],
        data: JSONBody[MessageIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[SendMessage],
        throttle: FromDishka[Throttle],
    ) -> MessageView:
        await check_send_rate(throttle, me.id)
        return await use_case(
            SendMessageCommand(actor=me.user, conversation_id=conversation_id, content=data.content)
        )

"""Messaging: conversations, their messages, chat over WebSocket."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.http.messaging.conversations import ConversationController
from adapters.http.messaging.sockets import ChatSocketController
from adapters.messaging.routes import Route
from adapters.persistence.messaging import (
    SqlCandidateTies,
    SqlConversationQueries,
    SqlConversations,
)
from bootstrap.modules._module import Module
from bootstrap.settings import RateRules
from core.domain.messaging.events import MessageSent
from core.ports.candidate_ties import CandidateTies
from core.ports.conversations import ConversationQueries, ConversationRepository
from core.use_cases.messaging._conversations import MessagePoster, ReadMarker
from core.use_cases.messaging.list_conversations import ListConversations
from core.use_cases.messaging.list_messages import ListMessages
from core.use_cases.messaging.mark_conversation_read import MarkConversationRead
from core.use_cases.messaging.notify_recipients import NotifyRecipientsOfMessage
from core.use_cases.messaging.open_conversation import OpenConversation
from core.use_cases.messaging.send_message import SendMessage
from core.use_cases.messaging.start_conversation import StartConversation


class MessagingRateRules(RateRules, frozen=True, kw_only=True):
    """``HIREFLOW_RATE_MESSAGE_SEND``: messages per user (over REST and sockets together)."""

    message_send: str = "30/60"


class MessagingProvider(Provider):
    scope = Scope.REQUEST

    conversations = provide(SqlConversations, provides=ConversationRepository)
    queries = provide(SqlConversationQueries, provides=ConversationQueries)
    ties = provide(SqlCandidateTies, provides=CandidateTies)
    use_cases = provide_all(
        ListConversations,
        ListMessages,
        MarkConversationRead,
        MessagePoster,
        NotifyRecipientsOfMessage,
        OpenConversation,
        ReadMarker,
        SendMessage,
        StartConversation,
    )


MODULE = Module(
    name="messaging",
    providers=(MessagingProvider,),
    controllers=(ConversationController, ChatSocketController),
    routes=(Route("messaging.notify_recipients", MessageSent, NotifyRecipientsOfMessage),),
    settings=(MessagingRateRules,),
)

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.messaging.views import ConversationFilters, ConversationView
from core.domain.pages import Listing, Page
from core.ports.conversations import ConversationQueries


class ListConversationsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    filters: ConversationFilters = msgspec.field(default_factory=ConversationFilters)
    page: Page = msgspec.field(default_factory=Page)


class ListConversations:
    """The caller's inbox: their conversations, most recent activity first, each with its
    participants, last message and how many of its messages the caller has not read."""

    def __init__(self, queries: ConversationQueries) -> None:
        self._queries = queries

    async def __call__(self, cmd: ListConversationsCommand) -> Listing[ConversationView]:
        return await self._queries.for_user(cmd.actor.require_id(), cmd.filters, cmd.page)

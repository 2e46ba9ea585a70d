from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.messaging.views import MessageView
from core.domain.pages import Listing, Page
from core.ports.conversations import ConversationQueries, ConversationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.messaging._conversations import (
    ReadMarker,
    as_read_by,
    participants_conversation,
)

#: The guide's page size for messages.
MESSAGES_PAGE_SIZE = 50


class ListMessagesCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    conversation_id: int
    page: Page = msgspec.field(default_factory=lambda: Page(size=MESSAGES_PAGE_SIZE))


class ListMessages:
    """A conversation's messages, newest first (page 1 holds the latest; later pages go back
    in time), for its participants only. Reading a page marks read every message of the
    others up to the newest on it: reading the first page reads the conversation."""

    def __init__(
        self,
        tx: TransactionManager,
        conversations: ConversationRepository,
        queries: ConversationQueries,
        reader: ReadMarker,
    ) -> None:
        self._tx = tx
        self._conversations = conversations
        self._queries = queries
        self._reader = reader

    async def __call__(self, cmd: ListMessagesCommand) -> Listing[MessageView]:
        conversation = await participants_conversation(
            self._conversations, cmd.actor, cmd.conversation_id
        )
        listing = await self._queries.messages(conversation.require_id(), cmd.page)
        if not listing.items:
            return listing
        newest = max(m.id for m in listing.items)
        receipt = await self._reader.mark(conversation, cmd.actor, newest)
        await self._tx.commit()
        items = as_read_by(listing.items, cmd.actor.require_id(), receipt)
        return msgspec.structs.replace(listing, items=items)

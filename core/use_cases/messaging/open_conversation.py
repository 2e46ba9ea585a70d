from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.messaging.views import MessageView
from core.ports.conversations import ConversationQueries, ConversationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.messaging._conversations import (
    ReadMarker,
    as_read_by,
    participants_conversation,
)

#: How many recent messages a socket is sent when it connects.
HISTORY_SIZE = 50


class OpenConversationCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    conversation_id: int
    history: int = HISTORY_SIZE


class OpenConversation:
    """A participant opens the conversation's socket: its recent messages, oldest first, which
    they now see, so the others' among them are marked read (as reading them over REST)."""

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

    async def __call__(self, cmd: OpenConversationCommand) -> list[MessageView]:
        conversation = await participants_conversation(
            self._conversations, cmd.actor, cmd.conversation_id
        )
        messages = await self._queries.recent(conversation.require_id(), max(0, cmd.history))
        if not messages:
            return messages
        receipt = await self._reader.mark(conversation, cmd.actor, messages[-1].id)
        await self._tx.commit()
        return as_read_by(messages, cmd.actor.require_id(), receipt)

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.messaging.views import ReadReceipt
from core.ports.conversations import ConversationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.messaging._conversations import ReadMarker, participants_conversation


class MarkConversationReadCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    conversation_id: int
    #: Up to which message (every one so far when ``None``).
    up_to_id: int | None = None


class MarkConversationRead:
    """A participant says they read the others' messages (a socket's ``read`` frame: what
    arrived while it was open); the senders' sockets are told."""

    def __init__(
        self, tx: TransactionManager, conversations: ConversationRepository, reader: ReadMarker
    ) -> None:
        self._tx = tx
        self._conversations = conversations
        self._reader = reader

    async def __call__(self, cmd: MarkConversationReadCommand) -> ReadReceipt:
        conversation = await participants_conversation(
            self._conversations, cmd.actor, cmd.conversation_id
        )
        receipt = await self._reader.mark(conversation, cmd.actor, cmd.up_to_id)
        await self._tx.commit()
        return receipt

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.messaging.conversation import message_content
from core.domain.messaging.views import MessageView
from core.ports.conversations import ConversationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.messaging._conversations import MessagePoster, participants_conversation


class SendMessageCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    conversation_id: int
    content: str


class SendMessage:
    """A participant writes in a conversation (over REST or its socket, the same way): the
    text is trimmed and checked (``message_content``), stored unread, pushed to every socket
    open on the conversation once committed, and its recipient is notified."""

    def __init__(
        self,
        tx: TransactionManager,
        conversations: ConversationRepository,
        poster: MessagePoster,
    ) -> None:
        self._tx = tx
        self._conversations = conversations
        self._poster = poster

    async def __call__(self, cmd: SendMessageCommand) -> MessageView:
        conversation = await participants_conversation(
            self._conversations, cmd.actor, cmd.conversation_id
        )
        content = message_content(cmd.content)
        message = await self._poster.post(conversation, cmd.actor, content)
        await self._tx.commit()
        return message

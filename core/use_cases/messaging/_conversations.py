"""What messaging's use cases share (private to the module): finding the caller's
conversation, posting a message in it, marking the others' messages read."""

from __future__ import annotations

from core.domain.accounts.user import User
from core.domain.messaging.conversation import Conversation, ConversationNotFound
from core.domain.messaging.events import MessageSent
from core.domain.messaging.frames import ChatMessageFrame, ReadFrame
from core.domain.messaging.views import MessageView, Person, ReadReceipt
from core.domain.numbers import fits_int64
from core.ports.clock import Clock
from core.ports.conversations import ConversationRepository
from core.ports.live_updates import LiveUpdates
from core.ports.task_queue import TaskQueue


async def participants_conversation(
    conversations: ConversationRepository, actor: User, conversation_id: int
) -> Conversation:
    """The conversation if ``actor`` takes part in it; the same ``ConversationNotFound`` for
    an unknown one and for somebody else's (its id reveals nothing)."""
    if not fits_int64(conversation_id):
        raise ConversationNotFound()
    conversation = await conversations.get(conversation_id)
    if conversation is None or not conversation.has(actor.require_id()):
        raise ConversationNotFound()
    return conversation


class MessagePoster:
    """Stores a message (its content already checked), asks for its recipients'
    notification, and pushes it to the conversation's open sockets once committed. The
    caller commits."""

    def __init__(
        self,
        conversations: ConversationRepository,
        tasks: TaskQueue,
        live: LiveUpdates,
        clock: Clock,
    ) -> None:
        self._conversations = conversations
        self._tasks = tasks
        self._live = live
        self._clock = clock

    async def post(self, conversation: Conversation, sender: User, content: str) -> MessageView:
        now = self._clock.now()
        conversation_id, sender_id = conversation.require_id(), sender.require_id()
        message_id = await self._conversations.add_message(conversation_id, sender_id, content, now)
        message = MessageView(
            id=message_id,
            conversation_id=conversation_id,
            content=content,
            sender=Person.of(sender),
            created_at=now,
        )
        await self._tasks.enqueue(
            MessageSent(message_id=message_id, conversation_id=conversation_id, sender_id=sender_id)
        )
        await self._live.to_conversation(conversation_id, ChatMessageFrame(message=message))
        return message


class ReadMarker:
    """Marks the others' messages read for a reader and, if any were unread, tells the
    conversation's sockets once committed (the sender sees them read). The caller commits."""

    def __init__(
        self, conversations: ConversationRepository, live: LiveUpdates, clock: Clock
    ) -> None:
        self._conversations = conversations
        self._live = live
        self._clock = clock

    async def mark(
        self, conversation: Conversation, reader: User, up_to_id: int | None
    ) -> ReadReceipt:
        conversation_id = conversation.require_id()
        receipt = await self._conversations.mark_read(
            conversation_id, reader.require_id(), up_to_id, self._clock.now()
        )
        if receipt.up_to_id is not None:
            await self._live.to_conversation(
                conversation_id,
                ReadFrame(
                    conversation_id=conversation_id,
                    reader_id=reader.require_id(),
                    up_to_id=receipt.up_to_id,
                    count=receipt.count,
                    read_at=receipt.read_at,
                ),
            )
        return receipt


def as_read_by(
    messages: list[MessageView], reader_id: int, receipt: ReadReceipt
) -> list[MessageView]:
    """``messages`` as they are once ``receipt`` marked the others' read for ``reader_id``."""
    if receipt.up_to_id is None:
        return messages
    up_to = receipt.up_to_id
    return [
        m
        if m.is_read or m.sender.id == reader_id or m.id > up_to
        else MessageView(
            id=m.id,
            conversation_id=m.conversation_id,
            content=m.content,
            sender=m.sender,
            created_at=m.created_at,
            read_at=receipt.read_at,
            is_read=True,
        )
        for m in messages
    ]

from __future__ import annotations

from core.domain.messaging.events import MessageSent
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.conversations import ConversationQueries, ConversationRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.notifications.notifier import Notifier

#: How much of a message its notification shows.
PREVIEW_LENGTH = 140
TITLE_LENGTH = 200


def preview(content: str) -> str:
    flat = " ".join(content.split())
    return flat if len(flat) <= PREVIEW_LENGTH else flat[: PREVIEW_LENGTH - 1].rstrip() + "…"


class NotifyRecipientsOfMessage:
    """A message was sent: each other participant gets a ``new_message`` notification (pushed
    to their notification sockets), and an e-mail only if their preferences ask for that
    type and they have not been e-mailed about this conversation since they last read it: at
    most one e-mail per conversation while its messages stay unread."""

    def __init__(
        self,
        tx: TransactionManager,
        conversations: ConversationRepository,
        queries: ConversationQueries,
        notifier: Notifier,
    ) -> None:
        self._tx = tx
        self._conversations = conversations
        self._queries = queries
        self._notifier = notifier

    async def __call__(self, message: MessageSent, key: str) -> None:
        sent = await self._queries.message(message.message_id)
        conversation = await self._conversations.get(message.conversation_id)
        if sent is None or conversation is None:
            return
        name = sent.sender.full_name or sent.sender.username
        for recipient in conversation.others(message.sender_id):

            async def unread_and_not_mailed(recipient: int = recipient) -> bool:
                # Read already (they were in the chat): nothing to tell them by e-mail.
                return not sent.is_read and await self._conversations.claim_email(
                    message.conversation_id, recipient
                )

            await self._notifier.notify(
                NewNotification(
                    user_id=recipient,
                    type=NotificationType.NEW_MESSAGE,
                    title=f"New message from {name}"[:TITLE_LENGTH],
                    message=f"{name}: {preview(sent.content)}",
                    related_object_type="conversation",
                    related_object_id=message.conversation_id,
                    event_key=key,
                ),
                email_if=unread_and_not_mailed,
            )
        await self._tx.commit()

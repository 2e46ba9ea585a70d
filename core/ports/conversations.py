from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.domain.messaging.conversation import Conversation
from core.domain.messaging.views import (
    ConversationFilters,
    ConversationView,
    MessageView,
    ReadReceipt,
)
from core.domain.pages import Listing, Page


class ConversationRepository(Protocol):
    async def get(self, conversation_id: int) -> Conversation | None: ...

    async def by_pair(self, one: int, other: int) -> Conversation | None:
        """The conversation the two share, whichever started it."""
        ...

    async def add(self, conversation: Conversation, started_by: int) -> Conversation:
        """Store it with its participants. Raises ``ConversationExists`` when the pair already
        has one (a unique constraint: of concurrent starts, exactly one succeeds)."""
        ...

    async def add_message(
        self, conversation_id: int, sender_id: int, content: str, at: datetime
    ) -> int:
        """Store a message (unread) and make ``at`` the conversation's last activity; its id."""
        ...

    async def mark_read(
        self, conversation_id: int, reader_id: int, up_to_id: int | None, at: datetime
    ) -> ReadReceipt:
        """Mark read, at ``at``, every message of the others not yet read by ``reader_id``
        with an id up to ``up_to_id`` (every one, when ``None``); the reader's e-mail about
        unread messages is no longer pending."""
        ...

    async def claim_email(self, conversation_id: int, user_id: int) -> bool:
        """True once while ``user_id`` has not read the conversation since its last e-mail
        about it (and marks that e-mail pending); False until they read it."""
        ...


class ConversationQueries(Protocol):
    async def for_user(
        self, user_id: int, filters: ConversationFilters, page: Page
    ) -> Listing[ConversationView]:
        """The user's conversations, most recent activity first."""
        ...

    async def view(self, conversation_id: int, viewer_id: int) -> ConversationView | None: ...

    async def messages(self, conversation_id: int, page: Page) -> Listing[MessageView]:
        """A conversation's messages, newest first."""
        ...

    async def recent(self, conversation_id: int, limit: int) -> list[MessageView]:
        """The newest ``limit`` messages, oldest first."""
        ...

    async def message(self, message_id: int) -> MessageView | None: ...

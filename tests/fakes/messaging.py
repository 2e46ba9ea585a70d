"""Messaging: conversations (one per pair of people, as ``uq_conversations_pair_key`` makes
it), their messages and read state, and what links a candidate to a company."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from core.domain.messaging.contacts import CompanyTies
from core.domain.messaging.conversation import Conversation, ConversationExists, pair_key
from core.domain.messaging.views import (
    ConversationFilters,
    ConversationView,
    MessageView,
    Person,
    ReadReceipt,
)
from core.domain.pages import Listing, Page
from core.ports.candidate_ties import CandidateTies
from core.ports.conversations import ConversationQueries, ConversationRepository
from tests.fakes.accounts import InMemoryUsers
from tests.fakes.applications import InMemoryApplications
from tests.fakes.jobs import InMemoryJobs
from tests.fakes.matching import InMemoryMatchStore


@dataclass(slots=True)
class StoredMessage:
    id: int
    conversation_id: int
    sender_id: int
    content: str
    created_at: datetime
    read_at: datetime | None = None


class InMemoryConversations(ConversationRepository):
    def __init__(self, users: InMemoryUsers) -> None:
        self.rows: dict[int, Conversation] = {}
        self.messages: dict[int, StoredMessage] = {}
        #: (conversation, participant) whose unread-message e-mail is pending.
        self.email_pending: set[tuple[int, int]] = set()
        self.started_by: dict[int, int] = {}
        self._users = users
        self._next = 1
        self._next_message = 1

    async def get(self, conversation_id: int) -> Conversation | None:
        found = self.rows.get(conversation_id)
        return None if found is None else dataclasses.replace(found)

    async def by_pair(self, one: int, other: int) -> Conversation | None:
        key = pair_key(one, other)
        found = next((c for c in self.rows.values() if c.key == key), None)
        return None if found is None else dataclasses.replace(found)

    async def add(self, conversation: Conversation, started_by: int) -> Conversation:
        for user_id in conversation.participant_ids:
            assert user_id in self._users.rows, "a foreign key to users"
        if any(c.key == conversation.key for c in self.rows.values()):
            raise ConversationExists(conversation.key)
        stored = dataclasses.replace(conversation, id=self._next)
        self.rows[self._next] = stored
        self.started_by[self._next] = started_by
        self._next += 1
        return dataclasses.replace(stored)

    async def add_message(
        self, conversation_id: int, sender_id: int, content: str, at: datetime
    ) -> int:
        assert conversation_id in self.rows and sender_id in self._users.rows, "foreign keys"
        message_id = self._next_message
        self._next_message += 1
        self.messages[message_id] = StoredMessage(
            id=message_id,
            conversation_id=conversation_id,
            sender_id=sender_id,
            content=content,
            created_at=at,
        )
        self.rows[conversation_id].updated_at = at
        return message_id

    async def mark_read(
        self, conversation_id: int, reader_id: int, up_to_id: int | None, at: datetime
    ) -> ReadReceipt:
        marked = [
            m
            for m in self.messages.values()
            if m.conversation_id == conversation_id
            and m.sender_id != reader_id
            and m.read_at is None
            and (up_to_id is None or m.id <= up_to_id)
        ]
        for m in marked:
            m.read_at = at
        self.email_pending.discard((conversation_id, reader_id))
        return ReadReceipt(
            count=len(marked), up_to_id=max((m.id for m in marked), default=None), read_at=at
        )

    async def claim_email(self, conversation_id: int, user_id: int) -> bool:
        assert self.rows[conversation_id].has(user_id), "a participant row"
        if (conversation_id, user_id) in self.email_pending:
            return False
        self.email_pending.add((conversation_id, user_id))
        return True

    def unread(self, conversation_id: int, reader_id: int) -> list[StoredMessage]:
        return [
            m
            for m in self.messages.values()
            if m.conversation_id == conversation_id
            and m.sender_id != reader_id
            and m.read_at is None
        ]


class InMemoryConversationQueries(ConversationQueries):
    """Views built from ``InMemoryConversations`` and the users, as the SQL joins them."""

    def __init__(self, conversations: InMemoryConversations, users: InMemoryUsers) -> None:
        self._conversations = conversations
        self._users = users

    def _person(self, user_id: int) -> Person:
        return Person.of(self._users.rows[user_id])

    def _message(self, stored: StoredMessage) -> MessageView:
        return MessageView(
            id=stored.id,
            conversation_id=stored.conversation_id,
            content=stored.content,
            sender=self._person(stored.sender_id),
            created_at=stored.created_at,
            read_at=stored.read_at,
            is_read=stored.read_at is not None,
        )

    def _of(self, conversation_id: int) -> list[StoredMessage]:
        return sorted(
            (
                m
                for m in self._conversations.messages.values()
                if m.conversation_id == conversation_id
            ),
            key=lambda m: m.id,
        )

    async def view(self, conversation_id: int, viewer_id: int) -> ConversationView | None:
        conversation = self._conversations.rows.get(conversation_id)
        if conversation is None or not conversation.has(viewer_id):
            return None
        messages = self._of(conversation_id)
        return ConversationView(
            id=conversation_id,
            participants=[self._person(p) for p in conversation.participant_ids],
            last_message=self._message(messages[-1]) if messages else None,
            unread_count=len(self._conversations.unread(conversation_id, viewer_id)),
            job_id=conversation.job_id,
            created_at=conversation.created_at,
            updated_at=conversation.updated_at,
        )

    async def for_user(
        self, user_id: int, filters: ConversationFilters, page: Page
    ) -> Listing[ConversationView]:
        views = []
        for conversation in self._conversations.rows.values():
            view = await self.view(conversation.require_id(), user_id)
            if view is None or (filters.unread_only and not view.unread_count):
                continue
            if filters.with_user is not None:
                others = [p for p in view.participants if p.id != user_id]
                wanted = filters.with_user
                if not any(
                    p.id == wanted
                    if isinstance(wanted, int)
                    else p.username.casefold() == wanted.casefold()
                    for p in others
                ):
                    continue
            views.append(view)
        views.sort(key=lambda v: (v.updated_at, v.id), reverse=True)
        return Listing(count=len(views), items=views[page.offset : page.offset + page.size])

    async def messages(self, conversation_id: int, page: Page) -> Listing[MessageView]:
        newest_first = list(reversed(self._of(conversation_id)))
        chosen = newest_first[page.offset : page.offset + page.size]
        return Listing(count=len(newest_first), items=[self._message(m) for m in chosen])

    async def recent(self, conversation_id: int, limit: int) -> list[MessageView]:
        messages = self._of(conversation_id)
        return [self._message(m) for m in (messages[-limit:] if limit else [])]

    async def message(self, message_id: int) -> MessageView | None:
        stored = self._conversations.messages.get(message_id)
        return None if stored is None else self._message(stored)


class InMemoryCandidateTies(CandidateTies):
    """From the applications, the jobs and the stored matches, as the SQL reads them."""

    def __init__(
        self, applications: InMemoryApplications, jobs: InMemoryJobs, matches: InMemoryMatchStore
    ) -> None:
        self._applications = applications
        self._jobs = jobs
        self._matches = matches

    def _company_of(self, job_id: int) -> int | None:
        job = self._jobs.rows.get(job_id)
        return None if job is None else job.company_id

    async def to_company(self, candidate_id: int, company_id: int) -> CompanyTies:
        applied = any(
            a.candidate_id == candidate_id and self._company_of(a.job_id) == company_id
            for a in self._applications.rows.values()
        )
        matched = any(
            c == candidate_id and self._company_of(j) == company_id for j, c in self._matches.rows
        )
        return CompanyTies(applied=applied, matched=matched)

"""Conversations and messages in SQL: the write side (``SqlConversations``), the inbox and
message lists read straight into views (``SqlConversationQueries``), and what links a candidate
to a company (``SqlCandidateTies``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, case, exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement, Select

from adapters.persistence.integrity import violated_constraint
from adapters.persistence.tables.accounts import users
from adapters.persistence.tables.applications import applications
from adapters.persistence.tables.jobs import jobs
from adapters.persistence.tables.matching import job_matches
from adapters.persistence.tables.messaging import (
    conversation_participants,
    conversations,
    messages,
)
from core.domain.accounts.identifiers import username_key
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

participants = conversation_participants


def _conversation(rows: Sequence[Row[Any]]) -> Conversation | None:
    """From rows of (conversation columns, participant user_id): the starter first."""
    if not rows:
        return None
    first = rows[0]._mapping
    people = sorted(
        (r._mapping["user_id"] for r in rows),
        key=lambda user_id: (user_id != first["started_by"], user_id),
    )
    return Conversation(
        id=first["id"],
        participant_ids=(people[0], people[1] if len(people) > 1 else people[0]),
        job_id=first["job_id"],
        created_at=first["created_at"],
        updated_at=first["updated_at"],
    )


def _with_participants() -> Select[Any]:
    return select(
        conversations.c.id,
        conversations.c.job_id,
        conversations.c.started_by,
        conversations.c.created_at,
        conversations.c.updated_at,
        participants.c.user_id,
    ).join(participants, participants.c.conversation_id == conversations.c.id)


class SqlConversations(ConversationRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, conversation_id: int) -> Conversation | None:
        rows = await self._session.execute(
            _with_participants().where(conversations.c.id == conversation_id)
        )
        return _conversation(rows.all())

    async def by_pair(self, one: int, other: int) -> Conversation | None:
        rows = await self._session.execute(
            _with_participants().where(conversations.c.pair_key == pair_key(one, other))
        )
        return _conversation(rows.all())

    async def add(self, conversation: Conversation, started_by: int) -> Conversation:
        try:
            async with self._session.begin_nested():
                result = await self._session.execute(
                    conversations.insert()
                    .values(
                        pair_key=conversation.key,
                        job_id=conversation.job_id,
                        started_by=started_by,
                        created_at=conversation.created_at,
                        updated_at=conversation.updated_at,
                    )
                    .returning(conversations.c.id)
                )
                conversation_id = int(result.scalar_one())
        except IntegrityError as exc:
            if "pair_key" in violated_constraint(exc):
                raise ConversationExists(conversation.key) from None
            raise
        await self._session.execute(
            participants.insert(),
            [
                {
                    "conversation_id": conversation_id,
                    "user_id": user_id,
                    "joined_at": conversation.created_at,
                }
                for user_id in conversation.participant_ids
            ],
        )
        return Conversation(
            id=conversation_id,
            participant_ids=conversation.participant_ids,
            job_id=conversation.job_id,
            created_at=conversation.created_at,
            updated_at=conversation.updated_at,
        )

    async def add_message(
        self, conversation_id: int, sender_id: int, content: str, at: datetime
    ) -> int:
        result = await self._session.execute(
            messages.insert()
            .values(
                conversation_id=conversation_id, sender_id=sender_id, content=content, created_at=at
            )
            .returning(messages.c.id)
        )
        message_id = int(result.scalar_one())
        await self._session.execute(
            update(conversations).where(conversations.c.id == conversation_id).values(updated_at=at)
        )
        return message_id

    async def mark_read(
        self, conversation_id: int, reader_id: int, up_to_id: int | None, at: datetime
    ) -> ReadReceipt:
        criteria = [
            messages.c.conversation_id == conversation_id,
            messages.c.sender_id != reader_id,
            messages.c.read_at.is_(None),
        ]
        if up_to_id is not None:
            criteria.append(messages.c.id <= up_to_id)
        result = await self._session.execute(
            update(messages).where(*criteria).values(read_at=at).returning(messages.c.id)
        )
        marked = list(result.scalars())
        await self._session.execute(
            update(participants)
            .where(
                participants.c.conversation_id == conversation_id,
                participants.c.user_id == reader_id,
                participants.c.email_pending.is_(True),
            )
            .values(email_pending=False)
        )
        return ReadReceipt(count=len(marked), up_to_id=max(marked, default=None), read_at=at)

    async def claim_email(self, conversation_id: int, user_id: int) -> bool:
        # One conditional UPDATE: of two concurrent deliveries, one gets the e-mail.
        result = await self._session.execute(
            update(participants)
            .where(
                participants.c.conversation_id == conversation_id,
                participants.c.user_id == user_id,
                participants.c.email_pending.is_(False),
            )
            .values(email_pending=True)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]


_sender = users.alias("sender")


def _messages() -> Select[Any]:
    return select(
        messages.c.id,
        messages.c.conversation_id,
        messages.c.content,
        messages.c.created_at,
        messages.c.read_at,
        _sender.c.id.label("sender_id"),
        _sender.c.username,
        _sender.c.first_name,
        _sender.c.last_name,
        _sender.c.profile_picture,
    ).join(_sender, _sender.c.id == messages.c.sender_id)


def _person(d: Any, id_key: str = "sender_id") -> Person:
    return Person(
        id=d[id_key],
        username=d["username"],
        full_name=f"{d['first_name']} {d['last_name']}".strip(),
        profile_picture=d["profile_picture"] or None,
    )


def _message(row: Row[Any]) -> MessageView:
    d = row._mapping
    return MessageView(
        id=d["id"],
        conversation_id=d["conversation_id"],
        content=d["content"],
        sender=_person(d),
        created_at=d["created_at"],
        read_at=d["read_at"],
        is_read=d["read_at"] is not None,
    )


def _unread_of(user_id: int) -> ColumnElement[bool]:
    """The messages of the current conversation that ``user_id`` has not read."""
    return and_(
        messages.c.conversation_id == conversations.c.id,
        messages.c.sender_id != user_id,
        messages.c.read_at.is_(None),
    )


class SqlConversationQueries(ConversationQueries):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_user(
        self, user_id: int, filters: ConversationFilters, page: Page
    ) -> Listing[ConversationView]:
        mine = participants.alias("mine")
        joined = conversations.join(
            mine, and_(mine.c.conversation_id == conversations.c.id, mine.c.user_id == user_id)
        )
        criteria: list[ColumnElement[bool]] = []
        if filters.unread_only:
            criteria.append(exists().where(_unread_of(user_id)))
        if filters.with_user is not None:
            criteria.append(self._with(user_id, filters.with_user))
        count = await self._session.execute(
            select(func.count()).select_from(joined).where(*criteria)
        )
        rows = await self._session.execute(
            self._rows(user_id)
            .select_from(joined)
            .where(*criteria)
            .order_by(conversations.c.updated_at.desc(), conversations.c.id.desc())
            .limit(page.size)
            .offset(page.offset)
        )
        return Listing(count=int(count.scalar_one()), items=await self._views(rows.all()))

    async def view(self, conversation_id: int, viewer_id: int) -> ConversationView | None:
        mine = participants.alias("mine")
        rows = await self._session.execute(
            self._rows(viewer_id)
            .join(
                mine,
                and_(mine.c.conversation_id == conversations.c.id, mine.c.user_id == viewer_id),
            )
            .where(conversations.c.id == conversation_id)
        )
        views = await self._views(rows.all())
        return views[0] if views else None

    async def messages(self, conversation_id: int, page: Page) -> Listing[MessageView]:
        count = await self._session.execute(
            select(func.count()).where(messages.c.conversation_id == conversation_id)
        )
        rows = await self._session.execute(
            _messages()
            .where(messages.c.conversation_id == conversation_id)
            .order_by(messages.c.id.desc())
            .limit(page.size)
            .offset(page.offset)
        )
        return Listing(count=int(count.scalar_one()), items=[_message(r) for r in rows])

    async def recent(self, conversation_id: int, limit: int) -> list[MessageView]:
        if limit <= 0:
            return []
        rows = await self._session.execute(
            _messages()
            .where(messages.c.conversation_id == conversation_id)
            .order_by(messages.c.id.desc())
            .limit(limit)
        )
        return [_message(r) for r in reversed(rows.all())]

    async def message(self, message_id: int) -> MessageView | None:
        row = (await self._session.execute(_messages().where(messages.c.id == message_id))).first()
        return None if row is None else _message(row)

    @staticmethod
    def _rows(user_id: int) -> Select[Any]:
        unread = (
            select(func.count())
            .select_from(messages)
            .where(_unread_of(user_id))
            .scalar_subquery()
            .label("unread_count")
        )
        return select(
            conversations.c.id,
            conversations.c.job_id,
            conversations.c.created_at,
            conversations.c.updated_at,
            unread,
        )

    @staticmethod
    def _with(user_id: int, wanted: int | str) -> ColumnElement[bool]:
        other = participants.alias("other")
        criteria: list[ColumnElement[bool]] = [
            other.c.conversation_id == conversations.c.id,
            other.c.user_id != user_id,
        ]
        if isinstance(wanted, int):
            criteria.append(other.c.user_id == wanted)
        else:
            criteria.append(
                other.c.user_id.in_(
                    select(users.c.id).where(users.c.username_key == username_key(wanted))
                )
            )
        return exists().where(*criteria)

    async def _views(self, rows: Sequence[Row[Any]]) -> list[ConversationView]:
        ids = [r._mapping["id"] for r in rows]
        if not ids:
            return []
        people: dict[int, list[Person]] = {i: [] for i in ids}
        found = await self._session.execute(
            select(
                participants.c.conversation_id,
                users.c.id.label("user_id"),
                users.c.username,
                users.c.first_name,
                users.c.last_name,
                users.c.profile_picture,
            )
            .join(users, users.c.id == participants.c.user_id)
            .join(conversations, conversations.c.id == participants.c.conversation_id)
            .where(participants.c.conversation_id.in_(ids))
            .order_by(
                participants.c.conversation_id,
                case((participants.c.user_id == conversations.c.started_by, 0), else_=1),
                participants.c.user_id,
            )
        )
        for row in found:
            people[row.conversation_id].append(_person(row._mapping, "user_id"))
        newest = (
            select(func.max(messages.c.id))
            .where(messages.c.conversation_id.in_(ids))
            .group_by(messages.c.conversation_id)
        )
        last = {
            m.conversation_id: m
            for m in map(
                _message, await self._session.execute(_messages().where(messages.c.id.in_(newest)))
            )
        }
        return [
            ConversationView(
                id=d["id"],
                participants=people[d["id"]],
                last_message=last.get(d["id"]),
                unread_count=int(d["unread_count"]),
                job_id=d["job_id"],
                created_at=d["created_at"],
                updated_at=d["updated_at"],
            )
            for d in (r._mapping for r in rows)
        ]


class SqlCandidateTies(CandidateTies):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def to_company(self, candidate_id: int, company_id: int) -> CompanyTies:
        of_company = and_(jobs.c.company_id == company_id)
        applied = exists().where(
            applications.c.candidate_id == candidate_id,
            applications.c.job_id == jobs.c.id,
            of_company,
        )
        matched = exists().where(
            job_matches.c.candidate_id == candidate_id,
            job_matches.c.job_id == jobs.c.id,
            of_company,
        )
        row = (await self._session.execute(select(applied.label("a"), matched.label("m")))).one()
        return CompanyTies(applied=bool(row.a), matched=bool(row.m))

"""Messaging: who may start a conversation with whom, who may read and write in one, what a
message may say, and what follows a message (its push to the conversation's sockets once
committed, its recipient's notification, at most one e-mail per unread conversation)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.messaging.contacts import (
    CANDIDATE_NEEDS,
    NO_TEAM,
    NOT_BETWEEN,
    RECRUITER_NEEDS,
    CompanyTies,
    start_refusal,
)
from core.domain.messaging.conversation import (
    MAX_CONTENT_LENGTH,
    Conversation,
    ConversationExists,
    message_content,
    pair_key,
)
from core.domain.messaging.events import MessageSent
from core.domain.messaging.frames import ChatMessageFrame, ReadFrame
from core.domain.messaging.views import ConversationFilters, Person, StartedConversation
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NotificationFrame
from core.domain.numbers import fits_int64
from core.domain.pages import Page
from core.use_cases.messaging.list_conversations import ListConversationsCommand
from core.use_cases.messaging.list_messages import ListMessagesCommand
from core.use_cases.messaging.mark_conversation_read import MarkConversationReadCommand
from core.use_cases.messaging.notify_recipients import preview
from core.use_cases.messaging.open_conversation import OpenConversationCommand
from core.use_cases.messaging.send_message import SendMessageCommand
from core.use_cases.messaging.start_conversation import StartConversationCommand
from core.use_cases.notifications.set_notification_preferences import (
    SetNotificationPreferencesCommand,
)
from tests.unit.hiring import Cast, Hiring


async def start(h: Hiring, actor: User, other: User | int, **fields: Any) -> StartedConversation:
    participant = other if isinstance(other, int) else other.require_id()
    return await h.start_conversation(
        StartConversationCommand(actor=actor, participant_id=participant, **fields)
    )


async def send(h: Hiring, actor: User, conversation_id: int, content: str) -> Any:
    return await h.send_message(
        SendMessageCommand(actor=actor, conversation_id=conversation_id, content=content)
    )


async def inbox(h: Hiring, actor: User, **filters: Any) -> list[tuple[int, int]]:
    """(conversation id, unread count) of the actor's conversations, in the inbox's order."""
    page = filters.pop("page", Page())
    listing = await h.list_conversations(
        ListConversationsCommand(actor=actor, filters=ConversationFilters(**filters), page=page)
    )
    return [(c.id, c.unread_count) for c in listing.items]


@pytest.fixture
async def applied(h: Hiring, cast: Cast) -> Cast:
    """John applied to Bob's job (Company One)."""
    await h.applied(cast.john, cast.job_id)
    await h.worker.run()
    return cast


# --- who may start one ---------------------------------------------------------------------


async def test_a_recruiter_starts_with_an_applicant_and_the_pair_keeps_one_conversation(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    started = await start(h, c.bob, c.john, job_id=c.job_id)
    assert started.created and started.message is None
    view = started.conversation
    assert [p.username for p in view.participants] == ["bob", "john"]
    assert (view.job_id, view.unread_count, view.last_message) == (c.job_id, 0, None)
    # Whoever starts it again, in whichever order, gets the same one.
    again = await start(h, c.john, c.bob)
    assert not again.created and again.conversation.id == view.id
    colleague = await start(h, c.jane, c.john)  # Jane's company's job: she may too
    assert colleague.created and colleague.conversation.id != view.id
    assert len(h.conversations.rows) == 2


async def test_a_recruiter_may_write_to_a_candidate_of_its_job_matches(
    h: Hiring, cast: Cast
) -> None:
    await h.worker.run()  # Bob's posting matched John (no application)
    assert any(c == cast.john.require_id() for _, c in h.matches.rows)
    with h.refused(PermissionDenied, match=CANDIDATE_NEEDS):  # a match is not John's doing
        await start(h, cast.john, cast.bob)
    assert (await start(h, cast.bob, cast.john)).created


async def test_everyone_else_is_refused(h: Hiring, applied: Cast) -> None:
    c = applied
    zoe = await h.candidate("zoe")  # neither applied nor matched anywhere
    refusals: list[tuple[User, User, str]] = [
        (c.carl, c.john, RECRUITER_NEEDS),  # a recruiter of another company
        (c.eve, c.john, NO_TEAM),  # left the team: speaks for no company
        (c.bob, zoe, RECRUITER_NEEDS),  # a candidate with nothing to do with them
        (zoe, c.bob, CANDIDATE_NEEDS),
        (c.max, c.bob, CANDIDATE_NEEDS),  # matched with Bob's job, but did not apply
        (c.john, c.carl, CANDIDATE_NEEDS),  # John applied to Company One, not Two
        (c.john, c.max, NOT_BETWEEN),
        (c.bob, c.jane, NOT_BETWEEN),
        (c.john, c.root, NOT_BETWEEN),  # a site admin starts; nobody starts with one
    ]
    for actor, other, why in refusals:
        with h.refused(PermissionDenied, match=re.escape(why)):
            await start(h, actor, other, content="Hello")
    with h.refused(PermissionDenied, match="in no company's team"):
        await start(h, c.john, c.eve)
    assert h.conversations.rows == {} and h.conversations.messages == {}


async def test_a_site_admin_starts_with_anyone(h: Hiring, cast: Cast) -> None:
    for other in (cast.max, cast.carl, cast.eve):
        assert (await start(h, cast.root, other)).created
    # About any job.
    other_company = await h.job(cast.carl, "Carl's job")
    about = await start(h, cast.root, cast.john, job_id=other_company.id)
    assert about.conversation.job_id == other_company.id


async def test_oneself_an_unknown_or_inactive_user_are_refused(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid, match="yourself"):
        await start(h, cast.root, cast.root)
    for nobody in (999, 2**63, -1):
        with h.refused(NotFound, match="User not found"):
            await start(h, cast.root, nobody)
    inactive = await h.candidate("sleepy", active=False)
    with h.refused(NotFound):
        await start(h, cast.root, inactive)


async def test_the_job_must_be_one_of_the_recruiters_company(h: Hiring, applied: Cast) -> None:
    c = applied
    carls = await h.job(c.carl, "Carl's job")
    with h.refused(Invalid, match="company's jobs"):
        await start(h, c.bob, c.john, job_id=carls.id)
    with h.refused(Invalid, match="No job"):
        await start(h, c.bob, c.john, job_id=12345)
    started = await start(h, c.john, c.bob, job_id=c.job_id)  # John about the job he applied to
    assert started.conversation.job_id == c.job_id
    with h.refused(Invalid, match="No job"):  # checked when they already share one, too
        await start(h, c.bob, c.john, job_id=12345)


async def test_two_who_share_a_conversation_keep_it_after_their_link_ends(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    started = await start(h, c.bob, c.john)
    await h.remove_member(_leave(c.bob, c.one))  # Bob leaves Company One
    again = await start(h, c.bob, c.john, content="Still here")
    assert again.conversation.id == started.conversation.id and not again.created
    assert again.message is not None and again.message.content == "Still here"


def _leave(user: User, company: int) -> Any:
    from core.use_cases.companies.remove_team_member import RemoveTeamMemberCommand

    return RemoveTeamMemberCommand(actor=user, company_id=company, user_id=user.require_id())


kinds = st.sampled_from(list(UserType))
ties = st.one_of(st.none(), st.builds(CompanyTies, applied=st.booleans(), matched=st.booleans()))


def _user(kind: UserType, user_id: int) -> User:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, tzinfo=UTC)
    return User(
        id=user_id,
        username=f"u{user_id}",
        email=f"u{user_id}@example.com",
        password_hash=None,
        user_type=kind,
        created_at=now,
        updated_at=now,
    )


@given(starter=kinds, other=kinds, company=st.one_of(st.none(), st.integers(1, 5)), link=ties)
def test_who_may_start_a_conversation(
    starter: UserType, other: UserType, company: int | None, link: CompanyTies | None
) -> None:
    allowed = start_refusal(_user(starter, 1), _user(other, 2), company=company, ties=link) is None
    applied, matched = bool(link and link.applied), bool(link and link.matched)
    if starter is UserType.ADMIN:
        assert allowed  # a site admin, with anyone
    elif (starter, other) == (UserType.RECRUITER, UserType.CANDIDATE):
        assert allowed == (company is not None and (applied or matched))
    elif (starter, other) == (UserType.CANDIDATE, UserType.RECRUITER):
        assert allowed == (company is not None and applied)  # a match is not enough
    else:
        assert not allowed


# --- what a message may say ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Hello!", "Hello!"),
        ("  padded \n", "padded"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("<b>not markup</b> & co", "<b>not markup</b> & co"),
        ("é" * MAX_CONTENT_LENGTH, "é" * MAX_CONTENT_LENGTH),
        ("  " + "x" * MAX_CONTENT_LENGTH + "  ", "x" * MAX_CONTENT_LENGTH),  # counted once trimmed
        ("x" * (MAX_CONTENT_LENGTH - 1), "x" * (MAX_CONTENT_LENGTH - 1)),
    ],
)
def test_content_is_trimmed_plain_text(raw: str, stored: str) -> None:
    assert message_content(raw) == stored


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "may not be blank"),
        (" \n\t ", "may not be blank"),
        ("x" * (MAX_CONTENT_LENGTH + 1), "no more than 5000 characters"),
        ("nul\x00byte", "Control characters"),
        ("bell\x07", "Control characters"),
    ],
)
def test_content_that_is_refused(raw: str, why: str) -> None:
    with pytest.raises(Invalid, match=why) as refused:
        message_content(raw)
    assert list(refused.value.errors) == ["content"]


# --- writing and reading -------------------------------------------------------------------


async def test_a_message_is_stored_pushed_after_commit_and_announced(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    sent = await send(h, c.bob, conversation, "  Thank you for applying!  ")
    assert (sent.content, sent.sender.username, sent.is_read, sent.read_at) == (
        "Thank you for applying!",
        "bob",
        False,
        None,
    )
    [pushed] = h.live.to("conversation", conversation, ChatMessageFrame)
    assert pushed.message == sent
    assert h.tasks.of(MessageSent)[-1] == MessageSent(
        message_id=sent.id, conversation_id=conversation, sender_id=c.bob.require_id()
    )
    await h.worker.run()
    [note] = [n for n in h.notified(c.john) if n.type == NotificationType.NEW_MESSAGE]
    assert note.title == "New message from Bob" and "Thank you for applying!" in note.message
    assert (note.related_object_type, note.related_object_id) == ("conversation", conversation)
    assert h.live.to("user", c.john.require_id(), NotificationFrame)[-1].notification == note
    assert h.mailed(c.john) == []  # new messages are not e-mailed unless asked for
    assert [n for n in h.notified(c.bob) if n.type == NotificationType.NEW_MESSAGE] == []


async def test_only_participants_write_and_read(h: Hiring, applied: Cast) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    for outsider in (c.jane, c.carl, c.max, c.root):  # a site admin reads no one's mail
        with h.refused(NotFound, match="Conversation not found"):
            await send(h, outsider, conversation, "Hi")
        with h.refused(NotFound):
            await h.list_messages(ListMessagesCommand(actor=outsider, conversation_id=conversation))
        with h.refused(NotFound):
            await h.open_conversation(
                OpenConversationCommand(actor=outsider, conversation_id=conversation)
            )
        with h.refused(NotFound):
            await h.mark_conversation_read(
                MarkConversationReadCommand(actor=outsider, conversation_id=conversation)
            )
        assert conversation not in dict(await inbox(h, outsider))
    for unknown in (conversation + 100, 2**63):
        with h.refused(NotFound, match="Conversation not found"):
            await send(h, c.bob, unknown, "Hi")
    with h.refused(Invalid, match="blank"):
        await send(h, c.bob, conversation, "   ")
    assert h.conversations.messages == {}


async def test_the_inbox_puts_recent_activity_first_and_counts_unread(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    with_bob = (await start(h, c.john, c.bob)).conversation.id
    h.clock.advance(minutes=1)
    with_jane = (await start(h, c.jane, c.john)).conversation.id
    assert await inbox(h, c.john) == [(with_jane, 0), (with_bob, 0)]
    h.clock.advance(minutes=1)
    for text in ("one", "two"):
        await send(h, c.bob, with_bob, text)
    assert await inbox(h, c.john) == [(with_bob, 2), (with_jane, 0)]
    assert await inbox(h, c.bob) == [(with_bob, 0)]
    assert await inbox(h, c.john, unread_only=True) == [(with_bob, 2)]
    assert await inbox(h, c.john, with_user=c.jane.require_id()) == [(with_jane, 0)]
    assert await inbox(h, c.john, with_user="JANE") == [(with_jane, 0)]  # or by username
    assert await inbox(h, c.john, with_user=c.john.require_id()) == []  # not oneself
    assert await inbox(h, c.john, page=Page(number=2, size=1)) == [(with_jane, 0)]
    listing = await h.list_conversations(ListConversationsCommand(actor=c.john))
    last = listing.items[0].last_message
    assert last is not None and (last.content, last.sender.username) == ("two", "bob")


async def test_reading_a_page_marks_the_others_messages_read_up_to_its_newest(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    ids = []
    for n in range(5):
        ids.append((await send(h, c.bob, conversation, f"bob {n}")).id)
        h.clock.advance(seconds=1)
    mine = await send(h, c.john, conversation, "john's own")

    def read(page: Page, actor: User = c.john) -> Any:
        return h.list_messages(
            ListMessagesCommand(actor=actor, conversation_id=conversation, page=page)
        )

    older = await read(Page(number=2, size=2))  # bob 3, bob 2: newest first
    assert [m.content for m in older.items] == ["bob 3", "bob 2"] and older.count == 6
    assert all(m.is_read and m.read_at == h.clock.now() for m in older.items)
    # Up to the newest on that page: bob 0..3 are read, bob 4 is not.
    assert [m.id for m in h.conversations.unread(conversation, c.john.require_id())] == [ids[4]]
    [receipt] = h.live.to("conversation", conversation, ReadFrame)
    assert (receipt.reader_id, receipt.up_to_id, receipt.count) == (
        c.john.require_id(),
        ids[3],
        4,
    )
    latest = await read(Page(size=50))
    assert [m.content for m in latest.items][:2] == ["john's own", "bob 4"]
    assert not latest.items[0].is_read  # John's own stay unread until Bob reads them
    assert await inbox(h, c.john) == [(conversation, 0)]
    assert await inbox(h, c.bob) == [(conversation, 1)]
    commits = h.tx.commits
    await read(Page())  # nothing new to mark: nothing pushed
    assert len(h.live.to("conversation", conversation, ReadFrame)) == 2
    assert h.tx.commits == commits + 1
    await read(Page(), actor=c.bob)
    assert h.conversations.messages[mine.id].read_at is not None  # now Bob read John's


async def test_opening_the_socket_sends_the_recent_history_oldest_first_and_reads_it(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    for n in range(55):
        await send(h, c.bob, conversation, f"m{n}")
    history = await h.open_conversation(
        OpenConversationCommand(actor=c.john, conversation_id=conversation)
    )
    assert [m.content for m in history] == [f"m{n}" for n in range(5, 55)]
    assert all(m.is_read for m in history)
    # Up to the newest: the five older ones, not shown, are read too.
    assert h.conversations.unread(conversation, c.john.require_id()) == []
    [frame] = h.live.to("conversation", conversation, ReadFrame)
    assert (frame.count, frame.up_to_id) == (55, history[-1].id)
    # What arrives while the socket is open is read when the client says so (``read``).
    later = [(await send(h, c.bob, conversation, f"later {n}")).id for n in range(3)]
    receipt = await h.mark_conversation_read(
        MarkConversationReadCommand(actor=c.john, conversation_id=conversation, up_to_id=later[1])
    )
    assert (receipt.count, receipt.up_to_id) == (2, later[1])
    assert await inbox(h, c.john) == [(conversation, 1)]
    receipt = await h.mark_conversation_read(
        MarkConversationReadCommand(actor=c.john, conversation_id=conversation)
    )
    assert receipt.count == 1 and await inbox(h, c.john) == [(conversation, 0)]
    nothing = await h.mark_conversation_read(
        MarkConversationReadCommand(actor=c.john, conversation_id=conversation)
    )
    assert (nothing.count, nothing.up_to_id) == (0, None)


async def test_one_e_mail_per_conversation_while_its_messages_stay_unread(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    await h.set_preferences(
        SetNotificationPreferencesCommand(actor=c.john, email_types=["new_message"])
    )
    conversation = (await start(h, c.bob, c.john)).conversation.id
    await send(h, c.bob, conversation, "first")
    await send(h, c.bob, conversation, "second")
    await h.worker.run()
    assert len(h.mailed(c.john)) == 1  # two unread messages, one e-mail
    assert len([n for n in h.notified(c.john) if n.type == "new_message"]) == 2  # in-app: each
    await h.list_messages(ListMessagesCommand(actor=c.john, conversation_id=conversation))
    await send(h, c.bob, conversation, "third")
    await h.worker.run()
    assert len(h.mailed(c.john)) == 2  # read since: the next one is e-mailed again
    # Another conversation has its own e-mail.
    other = (await start(h, c.jane, c.john)).conversation.id
    await send(h, c.jane, other, "from Jane")
    await h.worker.run()
    assert len(h.mailed(c.john)) == 3
    # A redelivered reaction adds nothing and mails nothing again.
    for delivery in h.worker.delivered("messaging.notify_recipients"):
        await h.worker.redeliver(delivery)
    assert len(h.mailed(c.john)) == 3
    assert len([n for n in h.notified(c.john) if n.type == "new_message"]) == 4


async def test_a_message_read_before_its_notification_is_not_e_mailed(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    await h.set_preferences(
        SetNotificationPreferencesCommand(actor=c.john, email_types=["new_message"])
    )
    conversation = (await start(h, c.bob, c.john)).conversation.id
    await send(h, c.bob, conversation, "read at once")
    await h.open_conversation(OpenConversationCommand(actor=c.john, conversation_id=conversation))
    await h.worker.run()
    assert h.mailed(c.john) == [] and h.notified(c.john)[-1].type == "new_message"


async def test_starting_with_a_first_message_sends_it(h: Hiring, applied: Cast) -> None:
    c = applied
    with h.refused(Invalid, match="5000"):
        await start(h, c.bob, c.john, content="x" * 5001)
    assert h.conversations.rows == {}  # a refused first message starts nothing
    started = await start(h, c.bob, c.john, content=" Hello John ")
    assert started.message is not None and started.message.content == "Hello John"
    assert started.conversation.last_message == started.message
    assert started.conversation.unread_count == 0  # the starter's own message
    await h.worker.run()
    assert h.notified(c.john)[-1].title == "New message from Bob"


# --- what each refusal says ----------------------------------------------------------------


async def test_each_refusal_to_start_names_its_field_and_says_why(h: Hiring, applied: Cast) -> None:
    c = applied
    with h.refused(Invalid) as refused:
        await start(h, c.bob, c.bob)
    assert refused.value.errors == {
        "participant_id": ["You cannot start a conversation with yourself."]
    }
    with h.refused(NotFound) as refused:
        await start(h, c.bob, 999)
    assert str(refused.value) == "User not found."
    with h.refused(Invalid) as refused:
        await start(h, c.bob, c.john, job_id=12345)
    assert refused.value.errors == {"job_id": ["No job has this id."]}
    carls = await h.job(c.carl, "Carl's job")
    with h.refused(Invalid) as refused:
        await start(h, c.bob, c.john, job_id=carls.id)
    assert refused.value.errors == {
        "job_id": ["The job must be one of the recruiter's company's jobs."]
    }


def _as_the_database(get: Any) -> Any:
    """``get`` refusing an id no BIGINT column holds, as the database driver does."""

    async def checked(row_id: int) -> Any:
        if not fits_int64(row_id):
            raise OverflowError(f"{row_id} does not fit in a BIGINT")
        return await get(row_id)

    return checked


@pytest.mark.parametrize("huge", [2**63, -(2**63) - 1])
async def test_ids_no_column_holds_are_unknown_without_asking_the_store(
    h: Hiring, applied: Cast, monkeypatch: pytest.MonkeyPatch, huge: int
) -> None:
    c = applied
    monkeypatch.setattr(h.users, "get", _as_the_database(h.users.get))
    monkeypatch.setattr(h.jobs, "get", _as_the_database(h.jobs.get))
    with h.refused(NotFound, match="User not found"):
        await start(h, c.bob, huge)
    with h.refused(Invalid) as refused:
        await start(h, c.bob, c.john, job_id=huge)
    assert refused.value.errors == {"job_id": ["No job has this id."]}


async def test_a_started_conversation_keeps_who_started_it_and_when(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    h.clock.advance(hours=2)
    started = await start(h, c.john, c.bob, job_id=c.job_id)
    conversation = started.conversation.id
    john, bob = c.john.require_id(), c.bob.require_id()
    assert h.conversations.started_by[conversation] == john
    assert h.conversations.rows[conversation].participant_ids == (john, bob)
    assert started.conversation.created_at == started.conversation.updated_at == h.clock.now()
    assert h.conversations.rows[conversation].job_id == c.job_id


async def test_two_starting_the_same_conversation_at_once_share_the_first_one(
    h: Hiring, applied: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = applied
    john, bob = c.john.require_id(), c.bob.require_id()
    add = h.conversations.add

    async def john_commits_first(conversation: Conversation, started_by: int) -> Conversation:
        # John's start is stored between Bob's look-up of the pair and Bob's insert.
        now = h.clock.now()
        rival = Conversation(participant_ids=(john, bob), created_at=now, updated_at=now)
        await add(rival, started_by=john)
        return await add(conversation, started_by)

    monkeypatch.setattr(h.conversations, "add", john_commits_first)
    started = await start(h, c.bob, c.john, content="Hello John")
    [only] = h.conversations.rows.values()
    assert started.created is False
    assert started.conversation.id == only.id and h.conversations.started_by[only.id] == john
    assert started.message is not None and started.message.conversation_id == only.id
    assert [m.content for m in h.conversations.messages.values()] == ["Hello John"]


# --- the conversation and its messages, as the domain has them -----------------------------


def test_an_unsaved_conversation_has_no_id() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    unsaved = Conversation(participant_ids=(1, 2), created_at=now, updated_at=now)
    with pytest.raises(RuntimeError) as raised:
        unsaved.require_id()
    assert str(raised.value) == "conversation has not been saved yet"


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        ("", ["This field may not be blank."]),
        ("x" * (MAX_CONTENT_LENGTH + 1), ["Ensure this field has no more than 5000 characters."]),
        ("delete\x7f", ["Control characters are not allowed."]),
        ("escape\x1b[0m", ["Control characters are not allowed."]),
        (
            "\x00" + "x" * MAX_CONTENT_LENGTH,
            [
                "Ensure this field has no more than 5000 characters.",
                "Control characters are not allowed.",
            ],
        ),
    ],
)
def test_what_is_wrong_with_a_message_is_said_in_full(raw: str, problems: list[str]) -> None:
    with pytest.raises(Invalid) as refused:
        message_content(raw, field="message")
    assert refused.value.errors == {"message": problems}


async def test_the_store_refuses_a_second_conversation_for_a_pair(h: Hiring, applied: Cast) -> None:
    c = applied
    await start(h, c.bob, c.john)
    now = h.clock.now()
    again = Conversation(
        participant_ids=(c.john.require_id(), c.bob.require_id()), created_at=now, updated_at=now
    )
    with pytest.raises(ConversationExists) as refused:
        await h.conversations.add(again, started_by=c.john.require_id())
    assert str(refused.value) == "These two already share a conversation."
    assert refused.value.key == pair_key(c.bob.require_id(), c.john.require_id())
    assert refused.value.code == "conflict"


@pytest.mark.parametrize(("picture", "shown"), [("avatars/7.png", "avatars/7.png"), ("", None)])
def test_a_person_shows_a_picture_only_when_there_is_one(picture: str, shown: str | None) -> None:
    user = _user(UserType.CANDIDATE, 7)
    user.first_name, user.last_name, user.profile_picture = "Ada", "Lovelace", picture
    assert Person.of(user) == Person(
        id=7, username="u7", full_name="Ada Lovelace", profile_picture=shown
    )


# --- reading -------------------------------------------------------------------------------


async def test_a_read_page_is_answered_as_it_is_now_stored(h: Hiring, applied: Cast) -> None:
    """Only the others' unread messages up to the newest on the page become read; one read
    earlier keeps the time it was read, one's own stays unread."""
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    first = await send(h, c.bob, conversation, "first")
    h.clock.advance(minutes=1)
    await h.list_messages(ListMessagesCommand(actor=c.john, conversation_id=conversation))
    read_first = h.clock.now()
    h.clock.advance(minutes=1)
    own = await send(h, c.john, conversation, "mine")
    second = await send(h, c.bob, conversation, "second")
    h.clock.advance(minutes=1)
    listing = await h.list_messages(ListMessagesCommand(actor=c.john, conversation_id=conversation))
    stored = await h.conversation_queries.messages(conversation, Page(size=50))
    assert listing.items == stored.items
    read_at = {m.id: m.read_at for m in listing.items}
    assert read_at == {first.id: read_first, own.id: None, second.id: h.clock.now()}
    frame = h.live.to("conversation", conversation, ReadFrame)[-1]
    assert frame == ReadFrame(
        conversation_id=conversation,
        reader_id=c.john.require_id(),
        up_to_id=second.id,
        count=1,
        read_at=h.clock.now(),
    )


async def test_an_opened_history_is_answered_as_it_is_now_stored(h: Hiring, applied: Cast) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    await send(h, c.bob, conversation, "before")
    own = await send(h, c.john, conversation, "mine")
    await send(h, c.bob, conversation, "after")
    h.clock.advance(minutes=1)
    history = await h.open_conversation(
        OpenConversationCommand(actor=c.john, conversation_id=conversation)
    )
    assert history == await h.conversation_queries.recent(conversation, 50)
    assert [m.content for m in history if not m.is_read] == ["mine"]
    assert [m.read_at for m in history] == [h.clock.now(), None, h.clock.now()]
    assert h.conversations.messages[own.id].read_at is None


@pytest.mark.parametrize("history", [0, -1])
async def test_opening_with_no_history_shows_and_reads_nothing(
    h: Hiring, applied: Cast, history: int
) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    sent = await send(h, c.bob, conversation, "unread")
    commits = h.tx.commits
    shown = await h.open_conversation(
        OpenConversationCommand(actor=c.john, conversation_id=conversation, history=history)
    )
    assert shown == []
    assert [m.id for m in h.conversations.unread(conversation, c.john.require_id())] == [sent.id]
    assert h.live.to("conversation", conversation, ReadFrame) == []
    assert h.tx.commits == commits


async def test_opening_reads_only_the_history_it_shows(
    h: Hiring, applied: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message that arrives after the history was read is not marked read with it."""
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    await send(h, c.bob, conversation, "shown")
    recent = h.conversation_queries.recent
    late: list[int] = []

    async def then_one_arrives(conversation_id: int, limit: int) -> list[Any]:
        found = await recent(conversation_id, limit)
        late.append(
            await h.conversations.add_message(
                conversation_id, c.bob.require_id(), "late", h.clock.now()
            )
        )
        return found

    monkeypatch.setattr(h.conversation_queries, "recent", then_one_arrives)
    history = await h.open_conversation(
        OpenConversationCommand(actor=c.john, conversation_id=conversation)
    )
    assert [m.content for m in history] == ["shown"] and history[0].is_read
    assert [m.id for m in h.conversations.unread(conversation, c.john.require_id())] == late


# --- the recipient's notification ----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("x" * 139, "x" * 139),
        ("x" * 140, "x" * 140),
        ("x" * 141, "x" * 139 + "…"),
        ("x" * 138 + " " + "y" * 10, "x" * 138 + "…"),  # no space before the ellipsis
        ("  many   spaces\nand\tlines  ", "many spaces and lines"),
    ],
)
def test_a_notification_previews_140_characters_of_the_message(content: str, shown: str) -> None:
    assert preview(content) == shown


async def test_the_notification_shows_the_preview(h: Hiring, applied: Cast) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    await send(h, c.bob, conversation, "z" * 300)
    await h.worker.run()
    [note] = [n for n in h.notified(c.john) if n.type == NotificationType.NEW_MESSAGE]
    assert note.message == "Bob: " + "z" * 139 + "…"


async def test_a_message_or_conversation_gone_before_its_notification_is_skipped(
    h: Hiring, applied: Cast
) -> None:
    c = applied
    conversation = (await start(h, c.bob, c.john)).conversation.id
    sent = await send(h, c.bob, conversation, "Hello")
    commits, bob = h.tx.commits, c.bob.require_id()
    gone = [
        MessageSent(message_id=sent.id + 100, conversation_id=conversation, sender_id=bob),
        MessageSent(message_id=sent.id, conversation_id=conversation + 100, sender_id=bob),
    ]
    for n, message in enumerate(gone):
        await h.notify_recipients(message, f"gone-{n}")
    assert h.notified(c.john) == [] and h.tx.commits == commits

"""The fakes stay honest: every port has one (or a real pure adapter), each implements every
member of its port with the port's signature, and they keep the rules the database keeps."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from datetime import timedelta
from typing import Any

import msgspec
import pytest

import core.ports
import tests.fakes
from adapters.documents.calendar import ICalendarInvites
from adapters.matching.pairwise import PairwiseBatchScorer
from adapters.messaging.routes import NoRoute, Routes
from adapters.security.action_tokens import SignedActionTokens
from adapters.security.jwt_tokens import JwtTokenIssuer
from core.domain.applications.application import AlreadyApplied, AlreadySubmitted, Status
from core.domain.companies.company import CompanyNameTaken
from core.domain.companies.team import AlreadyInvited, TeamInvitation
from core.domain.email import SendEmail
from core.domain.messaging.conversation import Conversation, ConversationExists
from core.domain.notifications.views import NewNotification
from core.ports.job_tests import StoredSubmission
from tests.fakes.accounts import (
    InMemoryOAuthStates,
    InMemoryRefreshTokens,
)
from tests.fakes.platform import (
    FakeClock,
    FakeTaskQueue,
    FakeTransactionManager,
)
from tests.unit.hiring import ROUTES, Hiring


def _ports() -> dict[str, type]:
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(core.ports.__path__):
        module = importlib.import_module(f"core.ports.{info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and getattr(value, "_is_protocol", False)
            ):
                found[name] = value
    return found


PORTS = _ports()

#: Ports served in unit tests by a real adapter: pure, fast and deterministic.
REAL: dict[str, type] = {
    "ActionTokens": SignedActionTokens,
    "BatchScorer": PairwiseBatchScorer,
    "CalendarInvites": ICalendarInvites,
    "TokenIssuer": JwtTokenIssuer,
}


def _fakes() -> dict[str, type]:
    """Port name -> the fake in ``tests/fakes/`` that subclasses it (a new module's fakes
    file is found without being listed here)."""
    served: dict[str, type] = {}
    for info in pkgutil.iter_modules(tests.fakes.__path__):
        module = importlib.import_module(f"tests.fakes.{info.name}")
        for value in vars(module).values():
            if not inspect.isclass(value) or value.__module__ != module.__name__:
                continue
            for name, port in PORTS.items():
                if port in value.__mro__ and value is not port:
                    assert name not in served, f"{name} has two fakes: {served[name]}, {value}"
                    served[name] = value
    return served


#: Port name -> what serves it in unit tests (the table of ``tests/fakes/__init__.py``).
SERVED_BY: dict[str, type] = {**_fakes(), **REAL}


def test_every_port_is_served_and_listed() -> None:
    assert set(PORTS) == set(SERVED_BY)
    table = tests.fakes.__doc__ or ""
    for port, implementation in SERVED_BY.items():
        row = next((line for line in table.splitlines() if line.startswith(f"{port} ")), "")
        assert implementation.__name__ in row, f"{port} is not in tests/fakes' table"


def _members(port: type) -> list[str]:
    return [
        name
        for name, value in vars(port).items()
        if not name.startswith("_") and inspect.isfunction(value)
    ]


def _shape(function: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@pytest.mark.parametrize("port", sorted(SERVED_BY))
def test_each_member_is_implemented_with_the_ports_signature(port: str) -> None:
    protocol, implementation = PORTS[port], SERVED_BY[port]
    assert protocol in implementation.__mro__, f"{implementation.__name__} must subclass {port}"
    for name in _members(protocol):
        owner = next(k for k in implementation.__mro__ if name in vars(k))
        assert owner is not protocol, f"{implementation.__name__}.{name} is not implemented"
        ours, theirs = getattr(implementation, name), vars(protocol)[name]
        assert _shape(ours) == _shape(theirs), f"{implementation.__name__}.{name} drifted"
        assert inspect.iscoroutinefunction(ours) == inspect.iscoroutinefunction(theirs), name


# --- the rules the database keeps ----------------------------------------------------------


async def test_unique_constraints_raise_the_core_errors() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Tech Corp")
    with pytest.raises(CompanyNameTaken):
        await h.companies.create(jane.require_id(), "  tech   CORP")
    john = await h.candidate("john")
    job = await h.job(jane)
    await h.application(john, job)
    with pytest.raises(AlreadyApplied):
        await h.application(john, job)
    bob = await h.recruiter("bob")
    now = h.clock.now()
    invitation = TeamInvitation(
        company_id=h.company_of(jane) or 0,
        user_id=bob.require_id(),
        invited_by=jane.require_id(),
        created_at=now,
        expires_at=now + timedelta(days=1),
    )
    await h.invitations.add(invitation)
    with pytest.raises(AlreadyInvited):
        await h.invitations.add(dataclasses.replace(invitation, id=None))
    pair = Conversation(
        participant_ids=(jane.require_id(), john.require_id()), created_at=now, updated_at=now
    )
    await h.conversations.add(pair, started_by=jane.require_id())
    with pytest.raises(ConversationExists):  # the other way round is the same pair
        await h.conversations.add(
            dataclasses.replace(pair, participant_ids=(john.require_id(), jane.require_id())),
            started_by=john.require_id(),
        )


async def test_one_submission_per_application_and_one_notification_per_event_and_user() -> None:
    h = Hiring()
    jane, john = await h.recruiter("jane"), await h.candidate("john")
    application = await h.application(john, await h.job(jane))
    assert application.id is not None
    submission = StoredSubmission(
        id=0,
        application_id=application.id,
        answers=[],
        score=None,
        correct_answers=0,
        total_questions=1,
        submitted_at=h.clock.now(),
    )
    await h.tests.add_submission(submission)
    with pytest.raises(AlreadySubmitted):
        await h.tests.add_submission(submission)
    new = NewNotification(
        user_id=john.require_id(),
        type="job_posted",
        title="t",
        message="m",
        related_object_type="job",
        related_object_id=1,
        event_key="task-1",
    )
    assert await h.notifications.add(new) is not None
    assert await h.notifications.add(new) is None
    assert len(h.notified(john)) == 1
    other = msgspec.structs.replace(new, user_id=jane.require_id())
    assert await h.notifications.add(other) is not None  # the same event tells another user


async def test_single_use_things_are_single_use() -> None:
    clock = FakeClock()
    states = InMemoryOAuthStates()
    await states.add("s", clock.now() + timedelta(minutes=5))
    assert await states.consume("s", clock.now()) is True
    assert await states.consume("s", clock.now()) is False
    tokens = InMemoryRefreshTokens()
    await tokens.open_family(family="f", user_id=1)
    await tokens.add(jti="j", family="f", user_id=1, expires_at=clock.now() + timedelta(days=1))
    assert await tokens.use("j", clock.now()) is True
    assert await tokens.use("j", clock.now()) is False


async def test_messages_count_once_committed_and_a_rollback_drops_them() -> None:
    tx = FakeTransactionManager()
    queue = FakeTaskQueue(tx, ROUTES)
    mail = SendEmail(template="t", to="a@example.com", locale="en")
    await queue.enqueue(mail)
    assert queue.committed == []
    await tx.rollback()
    await queue.enqueue(mail)
    await tx.commit()
    assert queue.committed == [mail] and queue.pending == []

    nobody = FakeTaskQueue(FakeTransactionManager(), Routes([]))
    with pytest.raises(NoRoute):  # as the outbox refuses a message no handler reacts to
        await nobody.enqueue(mail)


async def test_a_deleted_company_takes_its_invitations_and_followers_and_frees_its_team() -> None:
    h = Hiring()
    jane, bob = await h.recruiter("jane", "One"), await h.recruiter("bob")
    one = h.company_of(jane)
    assert one is not None
    now = h.clock.now()
    stored = await h.invitations.add(
        TeamInvitation(
            company_id=one,
            user_id=bob.require_id(),
            invited_by=jane.require_id(),
            created_at=now,
            expires_at=now + timedelta(days=1),
        )
    )
    assert await h.companies.follow(one, 42) is True
    assert await h.companies.follow(one, 42) is False  # following twice is still following
    await h.companies.delete(one)
    assert stored.id is not None and await h.invitations.get(stored.id) is None
    assert h.companies.followers == {}
    assert h.company_of(jane) is None


async def test_applications_keep_only_their_status_when_updated() -> None:
    h = Hiring()
    jane, john = await h.recruiter("jane"), await h.candidate("john")
    application = await h.application(john, await h.job(jane))
    changed = dataclasses.replace(application)
    changed.cover_letter = "rewritten"
    changed.move_to("reviewed", h.clock.now())
    assert await h.applications.move(changed, Status.PENDING) is True
    stored = h.applications.rows[application.id or 0]
    assert (stored.status.value, stored.cover_letter) == ("reviewed", "Hello")
    # A move read from a status that has changed since writes nothing.
    stale = dataclasses.replace(application)
    stale.move_to("rejected", h.clock.now())
    assert await h.applications.move(stale, Status.PENDING) is False
    assert h.applications.rows[application.id or 0].status.value == "reviewed"

"""Notifications: reading them, e-mail preferences, and every reaction that makes them, run
the way production routes messages. A reaction is idempotent on its key: redelivered, it adds
no notification and queues no second e-mail."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.documents.calendar import ICalendarInvites
from bootstrap.modules.notifications import MODULE as NOTIFICATIONS
from core.domain.accounts.user import User
from core.domain.applications.application import Status
from core.domain.applications.events import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    InterviewChanged,
)
from core.domain.applications.interview import InterviewChanges
from core.domain.companies.events import TeamInvitationAnswered, TeamInvitationSent
from core.domain.email import Attachment, SendEmail
from core.domain.errors import NotFound
from core.domain.errors import ValidationFailed as Invalid
from core.domain.jobs.events import JobPosted
from core.domain.jobs.job import JobChanges
from core.domain.matching.events import CandidatesMatched, MatchAlert
from core.domain.notifications.notification import EMAIL_BY_DEFAULT, NotificationType
from core.domain.notifications.views import NewNotification, NotificationFrame
from core.domain.pages import Page
from core.ports.email import EmailMessage, RenderedEmail
from core.ports.interviews import CalendarEvent
from core.use_cases.applications.cancel_interview import CancelInterviewCommand
from core.use_cases.applications.reschedule_interview import RescheduleInterviewCommand
from core.use_cases.applications.schedule_interview import ScheduleInterviewCommand
from core.use_cases.applications.withdraw_application import WithdrawApplicationCommand
from core.use_cases.companies.answer_invitation import AnswerInvitationCommand
from core.use_cases.companies.cancel_invitation import CancelInvitationCommand
from core.use_cases.companies.follow_company import FollowCompanyCommand
from core.use_cases.companies.invite_team_member import InviteTeamMemberCommand
from core.use_cases.companies.remove_team_member import RemoveTeamMemberCommand
from core.use_cases.jobs.delete_job import DeleteJobCommand
from core.use_cases.jobs.update_job import UpdateJobCommand
from core.use_cases.notifications.deliver_email import DeliverEmail
from core.use_cases.notifications.get_notification_preferences import (
    GetNotificationPreferencesCommand,
)
from core.use_cases.notifications.list_notifications import ListNotificationsCommand
from core.use_cases.notifications.mark_all_notifications_read import (
    MarkAllNotificationsReadCommand,
)
from core.use_cases.notifications.mark_notification_read import MarkNotificationReadCommand
from core.use_cases.notifications.notify_status_change import STATUS_WORDS
from core.use_cases.notifications.send_interview_invitation import SendInterviewInvitation
from core.use_cases.notifications.set_notification_preferences import (
    SetNotificationPreferencesCommand,
)
from tests.fakes.platform import EchoRenderer
from tests.unit.hiring import PYTHON_JOB, PYTHON_PROFILE, Cast, Hiring


@pytest.fixture
async def cast(h: Hiring) -> Cast:
    cast = await h.cast()
    await h.worker.run()  # the posting's reactions (John's match alert)
    return cast


def _note(user_id: int, key: str, type_: str = NotificationType.JOB_POSTED) -> NewNotification:
    return NewNotification(
        user_id=user_id,
        type=type_,
        title=f"About {key}",
        message="Something happened",
        related_object_type="job",
        related_object_id=1,
        event_key=key,
    )


# --- reading and marking -------------------------------------------------------------------


async def test_a_user_reads_their_notifications_newest_first_with_the_unread_count(
    h: Hiring, cast: Cast
) -> None:
    for key in ("a", "b", "c"):
        await h.notifier.notify(_note(cast.max.require_id(), key))
        h.clock.advance(minutes=1)
    await h.notifier.notify(_note(cast.max.require_id(), "d", NotificationType.NEW_JOB_MATCH))
    await h.notifier.notify(_note(cast.john.require_id(), "e"))
    await h.tx.commit()

    async def listed(**options: object) -> tuple[list[str], int, int]:
        page = options.pop("page", Page())
        listing = await h.list_notifications(
            ListNotificationsCommand(actor=cast.max, page=page, **options)  # type: ignore[arg-type]
        )
        return [n.title for n in listing.items], listing.count, listing.unread_count

    assert await listed() == (["About d", "About c", "About b", "About a"], 4, 4)
    assert await listed(page=Page(number=2, size=3)) == (["About a"], 4, 4)
    assert await listed(type="new_job_match") == (["About d"], 1, 4)
    with h.refused(Invalid):
        await listed(type="gossip")

    first = next(n for n in h.notified(cast.max) if n.title == "About a")
    commits = h.tx.commits
    read = await h.mark_read(MarkNotificationReadCommand(actor=cast.max, notification_id=first.id))
    assert read.is_read and read.read_at == h.clock.now() and h.tx.commits == commits + 1
    assert await listed(unread_only=True) == (["About d", "About c", "About b"], 3, 3)
    h.clock.advance(minutes=5)  # reading it again keeps the first reading's time
    again = await h.mark_read(MarkNotificationReadCommand(actor=cast.max, notification_id=first.id))
    assert again.read_at == read.read_at
    assert await h.mark_all_read(MarkAllNotificationsReadCommand(actor=cast.max)) == 3
    assert await h.mark_all_read(MarkAllNotificationsReadCommand(actor=cast.max)) == 0
    assert await listed(unread_only=True) == ([], 0, 0)
    assert not h.notified(cast.john)[-1].is_read  # John's are his own


async def test_someone_elses_notification_does_not_exist(h: Hiring, cast: Cast) -> None:
    await h.notifier.notify(_note(cast.john.require_id(), "mine"))
    mine = h.notified(cast.john)[-1]
    for other in (cast.max, cast.bob):
        with h.refused(NotFound):
            await h.mark_read(MarkNotificationReadCommand(actor=other, notification_id=mine.id))
    with h.refused(NotFound):
        await h.mark_read(MarkNotificationReadCommand(actor=cast.john, notification_id=999))
    assert not h.notified(cast.john)[-1].is_read


# --- preferences and the notifier ----------------------------------------------------------


async def test_e_mail_preferences_default_until_chosen(h: Hiring, cast: Cast) -> None:
    default = await h.get_preferences(GetNotificationPreferencesCommand(actor=cast.max))
    assert default.email_types == sorted(EMAIL_BY_DEFAULT)
    assert set(default.available_types) == {t.value for t in NotificationType}
    chosen = await h.set_preferences(
        SetNotificationPreferencesCommand(actor=cast.max, email_types=["job_posted"])
    )
    assert chosen.email_types == ["job_posted"]
    assert (await h.get_preferences(GetNotificationPreferencesCommand(actor=cast.max))) == chosen
    with h.refused(Invalid, match="gossip"):
        await h.set_preferences(
            SetNotificationPreferencesCommand(actor=cast.max, email_types=["job_posted", "gossip"])
        )
    assert h.notifications.preferences[cast.max.require_id()] == {"job_posted"}


async def test_the_notifier_mails_the_wanted_types_in_the_callers_transaction(
    h: Hiring, cast: Cast
) -> None:
    max_id = cast.max.require_id()
    mails = len(h.emails())
    assert await h.notifier.notify(_note(max_id, "k1", NotificationType.NEW_JOB_MATCH))
    assert isinstance(h.tasks.pending[-1], SendEmail) and len(h.emails()) == mails
    await h.tx.commit()
    [mail] = h.mailed(cast.max)
    assert mail.context["title"] == "About k1" and mail.to == cast.max.email
    assert await h.notifier.notify(_note(max_id, "k2", NotificationType.JOB_POSTED))
    await h.tx.commit()
    assert len(h.mailed(cast.max)) == 1  # job postings are not e-mailed by default
    assert not await h.notifier.notify(_note(max_id, "k1", NotificationType.NEW_JOB_MATCH))
    await h.set_preferences(SetNotificationPreferencesCommand(actor=cast.max, email_types=[]))
    assert await h.notifier.notify(_note(max_id, "k3", NotificationType.NEW_JOB_MATCH))
    await h.tx.commit()
    assert len(h.mailed(cast.max)) == 1  # none at all, chosen
    assert len(h.notified(cast.max)) == 3
    off = await h.candidate("off", active=False)
    assert await h.notifier.notify(_note(off.require_id(), "k4", NotificationType.NEW_JOB_MATCH))
    await h.tx.commit()
    assert h.notified(off) and h.mailed(off) == []  # a disabled account gets no e-mail


async def test_a_notification_is_pushed_to_the_users_sockets_once_committed(
    h: Hiring, cast: Cast
) -> None:
    max_id = cast.max.require_id()
    before = len(h.live.to("user", max_id, NotificationFrame))
    assert await h.notifier.notify(_note(max_id, "live-1"))
    assert len(h.live.to("user", max_id, NotificationFrame)) == before  # not before the commit
    await h.tx.commit()
    frame = h.live.to("user", max_id, NotificationFrame)[-1]
    assert frame.notification == h.notified(cast.max)[-1]
    assert frame.notification.title == "About live-1" and not frame.notification.is_read

    assert await h.notifier.notify(_note(max_id, "live-2"))
    await h.tx.rollback()  # a rolled-back notification is never pushed
    assert not await h.notifier.notify(_note(max_id, "live-1"))  # nor a repeated one
    await h.tx.commit()
    assert [f.notification.title for f in h.live.to("user", max_id, NotificationFrame)][
        before:
    ] == ["About live-1"]
    john = h.live.to("user", cast.john.require_id(), NotificationFrame)
    assert "About live-1" not in [f.notification.title for f in john]  # only to its user


async def test_a_callers_own_rule_is_asked_last_whether_to_mail(h: Hiring, cast: Cast) -> None:
    max_id = cast.max.require_id()
    assert await h.notifier.wants_email(max_id, NotificationType.NEW_JOB_MATCH)
    assert not await h.notifier.wants_email(max_id, NotificationType.NEW_MESSAGE)
    asked: list[str] = []

    def rule(answer: bool, name: str) -> Any:
        async def ask() -> bool:
            asked.append(name)
            return answer

        return ask

    mails = len(h.mailed(cast.max))
    note = _note(max_id, "quiet", NotificationType.NEW_JOB_MATCH)
    assert await h.notifier.notify(note, email_if=rule(False, "no"))
    assert not await h.notifier.notify(note, email_if=rule(True, "repeat"))  # not asked again
    assert await h.notifier.notify(_note(max_id, "unwanted"), email_if=rule(True, "unwanted"))
    await h.tx.commit()
    assert asked == ["no"] and len(h.mailed(cast.max)) == mails  # nor for an unwanted type
    loud = _note(max_id, "loud", NotificationType.NEW_JOB_MATCH)
    assert await h.notifier.notify(loud, email_if=rule(True, "yes"))
    await h.tx.commit()
    assert asked == ["no", "yes"] and h.mailed(cast.max)[-1].context["title"] == "About loud"


# --- each reaction -------------------------------------------------------------------------


def _titles(h: Hiring, user: User) -> list[str]:
    return [n.title for n in h.notified(user)]


async def test_the_jobs_managers_in_the_team_hear_of_an_application(h: Hiring, cast: Cast) -> None:
    await h.applied(cast.john, cast.job_id)
    await h.worker.run()
    for manager in (cast.jane, cast.bob):
        assert _titles(h, manager)[-1] == "New application"
        assert h.mailed(manager)[-1].context["message"] == "John applied for 'Python Developer'"
    assert "New application" not in _titles(h, cast.eve)
    # The poster left the team: only the admin hears of the next one.
    await h.remove_member(
        RemoveTeamMemberCommand(actor=cast.bob, company_id=cast.one, user_id=cast.bob.require_id())
    )
    await h.applied(cast.max, cast.job_id)
    await h.worker.run()
    assert _titles(h, cast.jane).count("New application") == 2
    assert _titles(h, cast.bob).count("New application") == 1


async def test_applicants_hear_of_the_jobs_test(h: Hiring, cast: Cast) -> None:
    john = await h.applied(cast.john, cast.job_id)
    withdrawn = await h.applied(cast.max, cast.job_id)
    await h.withdraw(WithdrawApplicationCommand(actor=cast.max, application_id=withdrawn))
    await h.worker.run()
    assert "Test assigned" not in _titles(h, cast.john)  # no test yet
    await h.define(cast.bob, cast.job_id)
    await h.worker.run()
    [told] = [n for n in h.notified(cast.john) if n.title == "Test assigned"]
    assert (told.related_object_type, told.related_object_id) == ("application", john)
    assert "Test assigned" not in _titles(h, cast.max)  # a closed application is not told
    zoe = await h.candidate("zoe")
    await h.applied(zoe, cast.job_id)  # applying to a job that has a test
    await h.worker.run()
    assert _titles(h, zoe) == ["Test assigned"]
    assert h.mailed(zoe)[-1].context["message"].endswith("has a test for you to take")


async def test_a_test_defined_while_the_application_waits_is_told_once(
    h: Hiring, cast: Cast
) -> None:
    """Both reactions would tell John (his application's own, and the test's): he hears once."""
    await h.applied(cast.john, cast.job_id)
    await h.define(cast.bob, cast.job_id)  # before the worker got to the application
    await h.worker.run()
    assert _titles(h, cast.john).count("Test assigned") == 1
    assert len([m for m in h.mailed(cast.john) if "has a test" in m.context["message"]]) == 1


async def test_the_candidate_hears_of_each_move_and_the_company_of_a_withdrawal(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.move(cast.bob, application, "reviewed", "shortlisted")
    await h.worker.run()
    moves = [n.message for n in h.notified(cast.john) if n.title == "Application Status Updated"]
    assert moves == [
        "Your application for 'Python Developer' has been reviewed",
        "Your application for 'Python Developer' has been shortlisted",
    ]
    await h.remove_member(
        RemoveTeamMemberCommand(actor=cast.bob, company_id=cast.one, user_id=cast.bob.require_id())
    )
    await h.withdraw(WithdrawApplicationCommand(actor=cast.john, application_id=application))
    await h.worker.run()
    assert "Application withdrawn" not in _titles(h, cast.bob)  # he left: the admin is told
    assert h.notified(cast.jane)[-1].message == (
        "John withdrew their application for 'Python Developer'"
    )


async def test_pending_candidates_hear_that_the_job_was_withdrawn(h: Hiring, cast: Cast) -> None:
    await h.applied(cast.john, cast.job_id)
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    await h.worker.run()
    assert h.notified(cast.john)[-1].message == (
        "Your application for 'Python Developer' has been cancelled because the job was withdrawn"
    )


def _invites(h: Hiring, cast: Cast) -> list[Attachment]:
    return [a for m in h.mailed(cast.john) for a in m.attachments]


async def test_the_candidate_gets_a_calendar_invitation_that_each_change_replaces(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    await h.worker.run()
    [invite] = _invites(h, cast)
    assert (invite.filename, invite.content_type) == ("invite.ics", "text/calendar")
    for line in ("METHOD:REQUEST", f"UID:interview-{interview}@hireflow", "SEQUENCE:0"):
        assert line in invite.content
    assert "mailto:bob@example.com" in invite.content  # the poster organises it
    assert _titles(h, cast.john)[-1] == "Interview scheduled"
    await h.reschedule(
        RescheduleInterviewCommand(
            actor=cast.bob,
            application_id=application,
            interview_id=interview,
            changes=_later(h),
        )
    )
    await h.worker.run()  # each change handled before the next
    await h.cancel_interview(
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=interview)
    )
    await h.worker.run()
    moved, cancelled = _invites(h, cast)[1:]
    assert "SEQUENCE:1" in moved.content and "METHOD:REQUEST" in moved.content
    assert "SEQUENCE:2" in cancelled.content and "METHOD:CANCEL" in cancelled.content
    assert _titles(h, cast.john)[-2:] == ["Interview rescheduled", "Interview cancelled"]


def _later(h: Hiring) -> InterviewChanges:
    return InterviewChanges(starts_at=h.clock.now() + timedelta(days=7))


async def test_a_late_delivery_never_puts_a_cancelled_interview_back_in_the_calendar(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    await h.cancel_interview(
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=interview)
    )
    await h.worker.run(skip=["notifications.interview_invitation"])
    scheduled, cancelled = h.worker.delivered("notifications.interview_invitation")
    await h.worker.redeliver(cancelled)  # the cancellation is handled first,
    await h.worker.redeliver(scheduled)  # the scheduling's (retried) delivery after it
    await h.worker.run()  # the e-mails
    last = _invites(h, cast)[-1]
    assert "METHOD:CANCEL" in last.content
    assert _titles(h, cast.john)[-1] == "Interview cancelled"


async def test_followers_from_before_the_posting_hear_of_it(h: Hiring, cast: Cast) -> None:
    await h.follow(FollowCompanyCommand(actor=cast.max, company_id=cast.one))
    h.clock.advance(minutes=1)
    job = await h.post(cast.bob, "Data Engineer")
    zoe = await h.candidate("zoe")
    h.clock.advance(minutes=1)
    await h.follow(FollowCompanyCommand(actor=zoe, company_id=cast.one))
    await h.worker.run()
    [told] = [n for n in h.notified(cast.max) if n.type == "job_posted"]
    assert (told.title, told.message, told.related_object_id) == (
        "New job at Company One",
        "Company One posted 'Data Engineer'",
        job,
    )
    assert h.notified(zoe) == []
    assert h.mailed(cast.max) == []  # not e-mailed by default


async def test_a_posting_withdrawn_before_its_announcement_is_not_announced(
    h: Hiring, cast: Cast
) -> None:
    await h.follow(FollowCompanyCommand(actor=cast.max, company_id=cast.one))
    h.clock.advance(minutes=1)
    job = await h.post(cast.bob, "Data Engineer")
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=job))
    await h.worker.run()
    assert h.notified(cast.max) == []


async def test_invitations_are_announced_to_the_invited_and_answers_to_the_inviter(
    h: Hiring, cast: Cast
) -> None:
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email, role="HR")
    )
    await h.worker.run()
    assert h.notified(ann)[-1].message == (
        "Jane invited you to join Company One's team as HR. "
        "Accept or decline it in your team invitations."
    )
    assert h.mailed(ann)[-1].context["title"] == "Join Company One's team"
    await h.answer(AnswerInvitationCommand(actor=ann, invitation_id=invitation.id, accept=False))
    await h.worker.run()
    assert (
        h.notified(cast.jane)[-1].message
        == "Ann declined your invitation to join Company One's team"
    )
    # Withdrawn before the worker got to it: nothing to tell.
    tom = await h.recruiter("tom")
    withdrawn = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=tom.email)
    )
    await h.cancel(
        CancelInvitationCommand(actor=cast.jane, company_id=cast.one, invitation_id=withdrawn.id)
    )
    await h.worker.run()
    assert h.notified(tom) == []


async def test_candidates_are_alerted_of_a_matching_job_once_however_often_it_changes(
    h: Hiring, cast: Cast
) -> None:
    [alert] = [n for n in h.notified(cast.john) if n.type == "new_job_match"]
    assert alert.message.startswith("'Python Developer' at Company One matches your profile at ")
    assert h.mailed(cast.john)[-1].context["title"] == "A new job matches your profile"
    assert h.notified(cast.max) == []  # below the default threshold of 70
    for title in ("Python Engineer", "Python Dev"):
        await h.update_job(
            UpdateJobCommand(actor=cast.bob, job_id=cast.job_id, changes=JobChanges(title=title))
        )
        await h.worker.run()
    assert [n.type for n in h.notified(cast.john)].count("new_job_match") == 1
    assert len(h.mailed(cast.john)) == 1


async def test_a_candidates_threshold_and_application_hold_back_the_alert(h: Hiring) -> None:
    jane = await h.recruiter("jane", "Company One")
    picky = await h.candidate("picky", location="Paris, France", **PYTHON_PROFILE)
    h.profile_of(picky).alert_threshold = 99.0
    keen = await h.candidate("keen", location="Paris, France", **PYTHON_PROFILE)
    h.profile_of(keen).alert_threshold = 50.0
    job = await h.post(jane, "Python Developer", **PYTHON_JOB)
    await h.applied(keen, job)  # before the background ran: no alert for a job applied to
    await h.worker.run()
    assert [n.type for n in h.notified(picky)] == []
    assert "new_job_match" not in [n.type for n in h.notified(keen)]


async def test_an_e_mail_goes_out_rendered_with_its_task_key_as_message_id(
    h: Hiring, cast: Cast
) -> None:
    [delivery] = h.worker.delivered("email.deliver")
    [sent] = h.mail.sent
    assert sent.message_id == delivery.key and sent.to == cast.john.email
    assert sent.subject == "[en] notification"
    assert "title=A new job matches your profile" in sent.text
    await h.worker.redeliver(delivery)  # a retry: the receiving side can tell by its id
    assert [m.message_id for m in h.mail.sent] == [delivery.key, delivery.key]


# --- idempotency, by route -----------------------------------------------------------------


async def _story(h: Hiring) -> Cast:
    """Something for every reaction of the notifications module to say."""
    cast = await h.cast()
    await h.follow(FollowCompanyCommand(actor=cast.max, company_id=cast.one))
    h.clock.advance(minutes=1)
    await h.post(cast.bob, "Data Engineer")
    await h.worker.run()  # the alert for John
    application = await h.applied(cast.john, cast.job_id)
    await h.define(cast.bob, cast.job_id)
    await h.applied(await h.candidate("zoe"), cast.job_id)
    await h.at_interview(cast.bob, application)
    await h.interview(cast.bob, application)
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    await h.worker.run()
    await h.answer(AnswerInvitationCommand(actor=ann, invitation_id=invitation.id, accept=True))
    await h.worker.run()
    return cast


NOTIFYING = sorted(r.key for r in NOTIFICATIONS.routes if r.key != "email.deliver")


def _notifications_of(h: Hiring, route: str) -> int:
    keys = {d.key for d in h.worker.delivered(route)}
    keys |= {  # match alerts are keyed by their job
        f"new_job_match:{d.message.job_id}"
        for d in h.worker.delivered(route)
        if isinstance(d.message, CandidatesMatched)
    }
    if route in ("notifications.test_for_applicant", "notifications.test_for_applicants"):
        keys |= {  # a test is announced once per application, whichever route gets there first
            n.event_key for n in h.notifications.rows.values() if n.view.type == "test_assigned"
        }
    return sum(1 for n in h.notifications.rows.values() if n.event_key in keys)


@pytest.mark.parametrize("route", NOTIFYING)
async def test_a_redelivered_reaction_adds_nothing_and_mails_nothing_again(
    h: Hiring, route: str
) -> None:
    await _story(h)
    told = _notifications_of(h, route)
    assert told > 0, f"the story gives {route} nothing to say"
    notifications, mails = len(h.notifications.rows), len(h.emails())
    for delivery in h.worker.delivered(route):
        await h.worker.redeliver(delivery)
    await h.worker.run()
    assert (len(h.notifications.rows), len(h.emails())) == (notifications, mails)
    assert h.tasks.pending == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=30))
def test_however_deliveries_are_repeated_each_event_tells_each_user_once(order: list[int]) -> None:
    async def scenario() -> None:
        h = Hiring()
        await _story(h)
        before = {(n.event_key, n.user_id) for n in h.notifications.rows.values()}
        mails = len(h.emails())
        deliveries = [d for d in h.worker.deliveries if d.route.key != "email.deliver"]
        for index in order:
            await h.worker.redeliver(deliveries[index % len(deliveries)])
        await h.worker.run()
        after = [(n.event_key, n.user_id) for n in h.notifications.rows.values()]
        assert len(after) == len(set(after)) == len(before)
        assert len(h.emails()) == mails

    asyncio.run(scenario())


# --- what each notification, e-mail and refusal says exactly --------------------------------


def _said(h: Hiring, user: User) -> tuple[str, str, str, str, int | None, str]:
    """A user's latest notification: its type, title, message, what it is about, and key."""
    view = h.notified(user)[-1]
    return (
        view.type,
        view.title,
        view.message,
        view.related_object_type,
        view.related_object_id,
        h.notifications.rows[view.id].event_key,
    )


async def test_reading_refusals_name_the_field_and_the_reason(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid) as refused:
        await h.list_notifications(
            ListNotificationsCommand(actor=cast.max, type="gossip", page=Page())
        )
    assert refused.value.errors == {"type": ['"gossip" is not a notification type.']}
    with h.refused(NotFound) as refused:
        await h.mark_read(MarkNotificationReadCommand(actor=cast.max, notification_id=999))
    assert str(refused.value) == "Notification not found."
    known = sorted(t.value for t in NotificationType)
    with h.refused(Invalid) as refused:
        await h.set_preferences(
            SetNotificationPreferencesCommand(actor=cast.max, email_types=["zzz", "gossip"])
        )
    assert refused.value.errors == {
        "email_types": [f"Unknown types ['gossip', 'zzz']; choose from {known}."]
    }


async def test_marking_all_read_stamps_each_with_the_time_of_reading(h: Hiring, cast: Cast) -> None:
    for key in ("a", "b"):
        await h.notifier.notify(_note(cast.max.require_id(), key))
    await h.tx.commit()
    h.clock.advance(hours=1)
    commits = h.tx.commits
    assert await h.mark_all_read(MarkAllNotificationsReadCommand(actor=cast.max)) == 2
    assert h.tx.commits == commits + 1
    assert [(n.is_read, n.read_at) for n in h.notified(cast.max)] == [(True, h.clock.now())] * 2


async def test_the_notifiers_e_mail_carries_the_users_names_and_the_notification(
    h: Hiring, cast: Cast
) -> None:
    invite = Attachment(filename="a.ics", content_type="text/calendar", content="BEGIN")
    note = _note(cast.max.require_id(), "mail-1", NotificationType.NEW_JOB_MATCH)
    assert await h.notifier.notify(note, attachments=[invite])
    assert await h.notifier.notify(
        _note(cast.max.require_id(), "mail-2", NotificationType.NEW_JOB_MATCH)
    )
    await h.tx.commit()
    assert h.mailed(cast.max) == [
        SendEmail(
            template="notification",
            to="max@example.com",
            locale="en",
            context={
                "first_name": "Max",
                "username": "max",
                "title": "About mail-1",
                "message": "Something happened",
            },
            attachments=[invite],
        ),
        SendEmail(
            template="notification",
            to="max@example.com",
            locale="en",
            context={
                "first_name": "Max",
                "username": "max",
                "title": "About mail-2",
                "message": "Something happened",
            },
        ),
    ]


class _HtmlRenderer(EchoRenderer):
    def render(self, template: str, locale: str, context: Mapping[str, object]) -> RenderedEmail:
        plain = super().render(template, locale, context)
        return RenderedEmail(subject=plain.subject, text=plain.text, html=f"<p>{plain.text}</p>")


async def test_an_e_mail_is_sent_as_rendered_with_its_attachments(h: Hiring, cast: Cast) -> None:
    invite = Attachment(filename="a.ics", content_type="text/calendar", content="BEGIN")
    await DeliverEmail(_HtmlRenderer(), h.mail)(
        SendEmail(
            template="notification",
            to="max@example.com",
            locale="fr",
            context={"title": "Hi"},
            attachments=[invite],
        ),
        "task-key",
    )
    assert h.mail.sent[-1] == EmailMessage(
        to="max@example.com",
        subject="[fr] notification",
        text="title=Hi",
        html="<p>title=Hi</p>",
        message_id="task-key",
        attachments=[invite],
    )


async def test_the_managers_are_told_who_applied_to_what(h: Hiring, cast: Cast) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.worker.run()
    [delivery] = h.worker.delivered("notifications.new_application")
    for manager in (cast.jane, cast.bob):
        assert _said(h, manager) == (
            "new_application",
            "New application",
            "John applied for 'Python Developer'",
            "application",
            application,
            delivery.key,
        )


async def test_the_applicant_is_told_of_the_test_about_their_application(
    h: Hiring, cast: Cast
) -> None:
    await h.define(cast.bob, cast.job_id)
    application = await h.applied(cast.john, cast.job_id)
    await h.worker.run()
    assert _said(h, cast.john) == (
        "test_assigned",
        "Test assigned",
        "'Python Developer' at Company One has a test for you to take",
        "application",
        application,
        f"test_assigned:{application}",
    )


async def test_a_reaction_to_an_application_gone_tells_nobody(h: Hiring, cast: Cast) -> None:
    notifications, commits = len(h.notifications.rows), h.tx.commits
    gone = ApplicationSubmitted(application_id=999)
    await h.notify_managers(gone, "k1")
    await h.notify_applicant_of_test(gone, "k2")
    await h.notify_status(
        ApplicationStatusChanged(application_id=999, from_status="pending", to_status="reviewed"),
        "k3",
    )
    await h.notify_followers(JobPosted(job_id=999), "k4")
    await h.notify_inviter(TeamInvitationAnswered(invitation_id=999), "k5")
    await h.notify_invited(TeamInvitationSent(invitation_id=999), "k6")
    assert (len(h.notifications.rows), h.tx.commits) == (notifications, commits)


async def test_an_application_to_a_job_without_a_test_tells_of_no_test(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    notifications = len(h.notifications.rows)
    await h.notify_applicant_of_test(ApplicationSubmitted(application_id=application), "k")
    assert len(h.notifications.rows) == notifications


@pytest.mark.parametrize(
    ("statuses", "words"),
    [
        (["reviewed"], "reviewed"),
        (["reviewed", "shortlisted"], "shortlisted"),
        (["reviewed", "shortlisted", "interview"], "moved to the interview stage"),
        (["reviewed", "shortlisted", "interview", "accepted"], "accepted"),
        (["rejected"], "declined"),
    ],
)
async def test_the_candidate_is_told_each_move_in_words(
    h: Hiring, cast: Cast, statuses: list[str], words: str
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.move(cast.bob, application, *statuses)
    await h.worker.run()
    key = h.worker.delivered("notifications.status_changed")[-1].key
    assert _said(h, cast.john) == (
        "application_status_changed",
        "Application Status Updated",
        f"Your application for 'Python Developer' has been {words}",
        "application",
        application,
        key,
    )


def test_every_move_made_for_the_candidate_has_its_words() -> None:
    # Nothing moves back to pending; a withdrawal is the candidate's own (the company is told).
    assert set(STATUS_WORDS) == {s.value for s in Status} - {"pending", "withdrawn"}


async def test_the_company_is_told_of_a_withdrawal(h: Hiring, cast: Cast) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.withdraw(WithdrawApplicationCommand(actor=cast.john, application_id=application))
    await h.worker.run()
    key = h.worker.delivered("notifications.status_changed")[-1].key
    assert _said(h, cast.bob) == (
        "application_status_changed",
        "Application withdrawn",
        "John withdrew their application for 'Python Developer'",
        "application",
        application,
        key,
    )
    assert "Application withdrawn" not in _titles(h, cast.jane)  # the poster is the contact
    assert "Application withdrawn" not in _titles(h, cast.john)


async def test_followers_are_told_of_the_posting_by_its_key(h: Hiring, cast: Cast) -> None:
    await h.follow(FollowCompanyCommand(actor=cast.max, company_id=cast.one))
    h.clock.advance(minutes=1)
    job = await h.post(cast.bob, "Data Engineer")
    await h.worker.run()
    key = h.worker.delivered("notifications.job_posted_to_followers")[-1].key
    assert _said(h, cast.max) == (
        "job_posted",
        "New job at Company One",
        "Company One posted 'Data Engineer'",
        "job",
        job,
        key,
    )


async def test_a_match_alert_names_the_job_and_the_score(h: Hiring, cast: Cast) -> None:
    await h.alert_matched(
        CandidatesMatched(
            job_id=cast.job_id,
            job_title="Python Developer",
            company_name="Company One",
            alerts=[MatchAlert(candidate_id=cast.max.require_id(), score=87.5)],
        ),
        "any-key",
    )
    assert _said(h, cast.max) == (
        "new_job_match",
        "A new job matches your profile",
        "'Python Developer' at Company One matches your profile at 87.5%",
        "job",
        cast.job_id,
        f"new_job_match:{cast.job_id}",
    )


async def test_invitations_and_answers_are_told_about_the_invitation(h: Hiring, cast: Cast) -> None:
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    await h.worker.run()
    sent_key = h.worker.delivered("notifications.team_invitation")[-1].key
    assert _said(h, ann) == (
        "team_invitation",
        "Join Company One's team",
        "Jane invited you to join Company One's team. Accept or decline it in your team "
        "invitations.",
        "team_invitation",
        invitation.id,
        sent_key,
    )
    await h.answer(AnswerInvitationCommand(actor=ann, invitation_id=invitation.id, accept=True))
    await h.worker.run()
    answer_key = h.worker.delivered("notifications.invitation_answered")[-1].key
    assert _said(h, cast.jane) == (
        "team_invitation_answered",
        "Invitation accepted",
        "Ann accepted your invitation to join Company One's team",
        "team_invitation",
        invitation.id,
        answer_key,
    )


async def test_an_invitation_not_yet_answered_is_not_told_as_answered(
    h: Hiring, cast: Cast
) -> None:
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    await h.worker.run()
    told = len(h.notified(cast.jane))
    await h.notify_inviter(TeamInvitationAnswered(invitation_id=invitation.id), "early")
    assert len(h.notified(cast.jane)) == told


class _RecordingCalendar(ICalendarInvites):
    def __init__(self) -> None:
        self.events: list[CalendarEvent] = []

    def invitation(self, event: CalendarEvent) -> str:
        self.events.append(event)
        return super().invitation(event)


def _inviter(h: Hiring) -> tuple[SendInterviewInvitation, _RecordingCalendar]:
    calendar = _RecordingCalendar()
    handler = SendInterviewInvitation(
        h.tx, h.interviews, h.application_queries, h.users, calendar, h.notifier
    )
    return handler, calendar


async def test_the_invitation_says_when_and_where_and_its_calendar_entry_all_of_it(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.at_interview(cast.bob, application)
    interview = (
        await h.schedule(
            ScheduleInterviewCommand(
                actor=cast.bob,
                application_id=application,
                details=h.interview_details(interviewers=["Jane", "Raj"]),
            )
        )
    ).id
    handler, calendar = _inviter(h)
    await handler(InterviewChanged(interview_id=interview, change="scheduled"), "k-1")
    assert _said(h, cast.john) == (
        "interview_scheduled",
        "Interview scheduled",
        "Your interview for 'Python Developer' at Company One is scheduled 18 Jan 2026 10:00 UTC",
        "application",
        application,
        "k-1",
    )
    assert calendar.events[-1] == CalendarEvent(
        uid=f"interview-{interview}@hireflow",
        sequence=0,
        summary="Interview: Python Developer (Company One)",
        description="Interview with Company One for Python Developer. Interviewers: Jane, Raj. "
        "https://meet.example/abc",
        location="https://meet.example/abc",
        starts_at_iso="2026-01-18T10:00:00+00:00",
        duration_minutes=60,
        organizer_email="bob@example.com",
        attendee_email="john@example.com",
        cancelled=False,
    )
    await h.reschedule(
        RescheduleInterviewCommand(
            actor=cast.bob,
            application_id=application,
            interview_id=interview,
            changes=InterviewChanges(
                starts_at=h.clock.now() + timedelta(days=4, hours=4),
                duration_minutes=30,
                video_link="",
                location="Room 4",
                interviewers=[],
            ),
        )
    )
    await handler(InterviewChanged(interview_id=interview, change="rescheduled"), "k-2")
    assert _said(h, cast.john)[1:3] == (
        "Interview rescheduled",
        "Your interview for 'Python Developer' at Company One moved to 19 Jan 2026 14:00 UTC",
    )
    assert calendar.events[-1] == CalendarEvent(
        uid=f"interview-{interview}@hireflow",
        sequence=1,
        summary="Interview: Python Developer (Company One)",
        description="Interview with Company One for Python Developer. Interviewers: to be "
        "confirmed. Room 4",
        location="Room 4",
        starts_at_iso="2026-01-19T14:00:00+00:00",
        duration_minutes=30,
        organizer_email="bob@example.com",
        attendee_email="john@example.com",
        cancelled=False,
    )
    await h.cancel_interview(
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=interview)
    )
    await handler(InterviewChanged(interview_id=interview, change="cancelled"), "k-3")
    assert _said(h, cast.john)[1:3] == (
        "Interview cancelled",
        "Your interview for 'Python Developer' at Company One on 19 Jan 2026 14:00 UTC was "
        "cancelled",
    )
    assert (calendar.events[-1].sequence, calendar.events[-1].cancelled) == (2, True)
    await h.tx.commit()
    assert [m.attachments[0].filename for m in h.mailed(cast.john)[-3:]] == ["invite.ics"] * 3


async def test_the_invitation_of_an_interview_whose_people_are_gone_is_dropped(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    handler, calendar = _inviter(h)
    notifications, commits = len(h.notifications.rows), h.tx.commits

    async def told(interview_id: int = interview) -> bool:
        await handler(InterviewChanged(interview_id=interview_id, change="scheduled"), "k")
        return (len(h.notifications.rows), h.tx.commits) != (notifications, commits)

    assert not await told(999)  # the interview is gone
    for rows, key in (
        (h.users.rows, cast.bob.require_id()),  # the organizer's account is gone
        (h.applications.rows, application),  # the application
    ):
        kept = rows.pop(key)  # type: ignore[attr-defined]
        assert not await told()
        rows[key] = kept  # type: ignore[index]
    assert calendar.events == []
    assert await told()

"""Applying and the hiring pipeline, interviews and test submissions. An application exists
only for its candidate and the job's managers: to anyone else it is 404, and so is its test
submission; its candidate may see it but not move it (403)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from core.domain.accounts.user import User
from core.domain.applications.application import (
    AlreadyApplied,
    AlreadySubmitted,
    InvalidTransition,
    MovedMeanwhile,
    Status,
    StatusChange,
)
from core.domain.applications.events import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    InterviewChanged,
)
from core.domain.applications.interview import InterviewChanges
from core.domain.applications.views import (
    AnswerOut,
    ApplicationFilters,
    HistoryEntry,
    InterviewView,
    SubmissionView,
)
from core.domain.errors import Conflict, NotFound, PaymentRequired, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.jobs.assessment import Answer
from core.domain.jobs.events import JobPosted
from core.domain.jobs.job import JobChanges
from core.domain.pages import Page
from core.use_cases.applications.application_history import ApplicationHistoryCommand
from core.use_cases.applications.apply_to_job import ApplyToJobCommand
from core.use_cases.applications.cancel_interview import CancelInterviewCommand
from core.use_cases.applications.change_application_status import (
    ChangeApplicationStatusCommand,
    StatusChanged,
)
from core.use_cases.applications.get_submission import GetSubmissionCommand
from core.use_cases.applications.grade_submission import GradeIn, GradeSubmissionCommand
from core.use_cases.applications.list_applications import (
    ListJobApplicationsCommand,
    ListMyApplicationsCommand,
)
from core.use_cases.applications.list_interviews import ListInterviewsCommand
from core.use_cases.applications.reschedule_interview import RescheduleInterviewCommand
from core.use_cases.applications.schedule_interview import ScheduleInterviewCommand
from core.use_cases.applications.submit_test import AnswerIn, SubmitTestCommand
from core.use_cases.applications.withdraw_application import WithdrawApplicationCommand
from core.use_cases.jobs.delete_job import DeleteJobCommand
from core.use_cases.jobs.update_job import UpdateJobCommand
from tests.unit.hiring import Cast, Hiring

#: Who may not see someone else's application: a recruiter of another company, one who left
#: the job's company, and another candidate.
STRANGERS = ["carl", "eve", "max", "root"]


@pytest.fixture
async def application(h: Hiring, cast: Cast) -> int:
    """John's application to Bob's job."""
    return await h.applied(cast.john, cast.job_id)


# --- applying ------------------------------------------------------------------------------


async def test_a_candidate_applies_and_the_job_hears_of_it_once_committed(
    h: Hiring, cast: Cast
) -> None:
    commits = h.tx.commits
    created = await h.apply(
        ApplyToJobCommand(actor=cast.john, job_id=cast.job_id, cover_letter="  Hire me  ")
    )
    assert (created.status, created.cover_letter, created.job.title) == (
        "pending",
        "Hire me",
        "Python Developer",
    )
    assert (created.candidate.username, created.candidate.full_name) == ("john", "John")
    assert h.tx.commits == commits + 1
    assert h.tasks.committed[-1] == ApplicationSubmitted(application_id=created.id)
    [first] = await h.applications.history(created.id)
    assert (first.from_status, first.to_status, first.changed_by) == (
        None,
        Status.PENDING,
        cast.john.id,
    )


async def test_a_candidate_applies_once(h: Hiring, cast: Cast, application: int) -> None:
    with h.refused(AlreadyApplied):
        await h.applied(cast.john, cast.job_id)
    # Of two at once exactly one is stored: the store's constraint decides, not a read.
    results = await asyncio.gather(
        h.applied(cast.max, cast.job_id), h.applied(cast.max, cast.job_id), return_exceptions=True
    )
    assert sorted(type(r).__name__ for r in results) == ["AlreadyApplied", "int"]
    assert [a.candidate_id for a in h.applications.rows.values()].count(cast.max.require_id()) == 1


@pytest.mark.parametrize("who", ["bob", "carl", "root"])
async def test_only_candidates_apply(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.applied(getattr(cast, who), cast.job_id)
    assert h.applications.rows == {}


async def test_an_application_breaking_a_rule_is_refused(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, 999)
    assert "job" in refused.value.errors
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, cast.job_id, cover_letter="x" * 10_001)
    assert "cover_letter" in refused.value.errors
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    with h.refused(Invalid, match="no longer accepting"):
        await h.applied(cast.john, cast.job_id)
    await h.update_job(
        UpdateJobCommand(actor=cast.bob, job_id=cast.job_id, changes=JobChanges(is_active=True))
    )
    h.application_quota.exhausted.add(cast.john.require_id())
    with h.refused(PaymentRequired):
        await h.applied(cast.john, cast.job_id)
    assert h.applications.rows == {}


# --- the pipeline --------------------------------------------------------------------------


async def test_a_manager_moves_an_application_and_the_move_is_announced(
    h: Hiring, cast: Cast, application: int
) -> None:
    moved = await h.change_status(
        ChangeApplicationStatusCommand(
            actor=cast.bob, application_id=application, status="reviewed", notes=" strong "
        )
    )
    assert (moved.status, moved.notes) == ("reviewed", "strong")
    assert h.tasks.committed[-1] == ApplicationStatusChanged(
        application_id=application, from_status="pending", to_status="reviewed"
    )
    await h.move(cast.jane, application, "shortlisted")  # the admin manages every job
    assert h.applications.rows[application].status is Status.SHORTLISTED
    last = (await h.applications.history(application))[-1]
    assert (last.from_status, last.to_status, last.changed_by) == (
        Status.REVIEWED,
        Status.SHORTLISTED,
        cast.jane.id,
    )


async def test_the_candidate_sees_but_may_not_move_their_application(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(PermissionDenied):
        await h.move(cast.john, application, "reviewed")
    assert h.applications.rows[application].status is Status.PENDING


@pytest.mark.parametrize("who", STRANGERS)
async def test_to_anyone_else_the_application_does_not_exist(
    h: Hiring, cast: Cast, application: int, who: str
) -> None:
    with h.refused(NotFound):
        await h.move(getattr(cast, who), application, "reviewed")
    with pytest.raises(NotFound):
        await h.history(
            ApplicationHistoryCommand(actor=getattr(cast, who), application_id=application)
        )
    assert h.applications.rows[application].status is Status.PENDING


async def test_a_move_off_the_pipeline_is_refused_with_what_is_allowed(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(InvalidTransition, match="reviewed or rejected"):
        await h.move(cast.bob, application, "accepted")
    with h.refused(Invalid) as refused:
        await h.change_status(
            ChangeApplicationStatusCommand(
                actor=cast.bob, application_id=application, status="reviewed", notes="n" * 5001
            )
        )
    assert "notes" in refused.value.errors
    with h.refused(NotFound):
        await h.move(cast.bob, 999, "reviewed")
    assert len(await h.applications.history(application)) == 1  # only the applying


async def test_the_candidate_withdraws_once(h: Hiring, cast: Cast, application: int) -> None:
    withdrawn = await h.withdraw(
        WithdrawApplicationCommand(actor=cast.john, application_id=application)
    )
    assert withdrawn.status == "withdrawn"
    assert h.tasks.committed[-1] == ApplicationStatusChanged(
        application_id=application, from_status="pending", to_status="withdrawn"
    )
    with h.refused(Conflict):
        await h.withdraw(WithdrawApplicationCommand(actor=cast.john, application_id=application))
    with h.refused(InvalidTransition):  # final for the recruiter too
        await h.move(cast.bob, application, "reviewed")


@pytest.mark.parametrize("who", ["bob", "jane", *STRANGERS])
async def test_nobody_but_the_candidate_withdraws(
    h: Hiring, cast: Cast, application: int, who: str
) -> None:
    with h.refused(NotFound):
        await h.withdraw(
            WithdrawApplicationCommand(actor=getattr(cast, who), application_id=application)
        )


async def test_the_history_shows_notes_and_names_to_the_company_only(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.change_status(
        ChangeApplicationStatusCommand(
            actor=cast.bob, application_id=application, status="rejected", notes="No Django"
        )
    )
    company = await h.history(
        ApplicationHistoryCommand(actor=cast.jane, application_id=application)
    )
    assert [(e.to_status, e.changed_by, e.notes) for e in company] == [
        ("pending", cast.john.id, ""),
        ("rejected", cast.bob.id, "No Django"),
    ]
    candidate = await h.history(
        ApplicationHistoryCommand(actor=cast.john, application_id=application)
    )
    assert [(e.to_status, e.changed_by, e.notes) for e in candidate] == [
        ("pending", None, None),
        ("rejected", None, None),
    ]


# --- lists ---------------------------------------------------------------------------------


async def test_a_candidate_lists_their_own_applications(
    h: Hiring, cast: Cast, application: int
) -> None:
    other = await h.post(cast.carl, "Chef")
    mine = await h.applied(cast.john, other)
    await h.applied(cast.max, cast.job_id)
    await h.move(cast.carl, mine, "rejected")

    async def listed(**filters: Any) -> list[tuple[int, str, str]]:
        listing = await h.my_applications(
            ListMyApplicationsCommand(
                actor=cast.john, filters=ApplicationFilters(**filters), page=Page()
            )
        )
        return [(a.id, a.job.company.name, a.status) for a in listing.items]

    assert sorted(await listed()) == [
        (application, "Company One", "pending"),
        (mine, "Company Two", "rejected"),
    ]
    assert await listed(status="rejected") == [(mine, "Company Two", "rejected")]
    with h.refused(PermissionDenied):
        await h.my_applications(
            ListMyApplicationsCommand(actor=cast.bob, filters=ApplicationFilters(), page=Page())
        )


async def test_the_jobs_managers_list_its_applicants_best_match_first(
    h: Hiring, cast: Cast, application: int
) -> None:
    maxs = await h.applied(cast.max, cast.job_id)
    await h.recalculate_job(JobPosted(job_id=cast.job_id), "key")  # scores John and Max
    zoe = await h.applied(await h.candidate("zoe"), cast.job_id)  # not scored yet

    async def listed(manager: User, ordering: str) -> list[tuple[int, float | None]]:
        listing = await h.job_applications(
            ListJobApplicationsCommand(
                actor=manager,
                job_id=cast.job_id,
                filters=ApplicationFilters(ordering=ordering),
                page=Page(),
            )
        )
        return [(a.id, a.match_score) for a in listing.items]

    for manager in (cast.bob, cast.jane):
        best_first = await listed(manager, "-match_score")
        assert [i for i, _ in best_first] == [application, maxs, zoe]
        assert best_first[0][1] is not None and best_first[-1][1] is None
        # Ascending, the unscored still come last.
        assert [i for i, _ in await listed(manager, "match_score")] == [maxs, application, zoe]


@pytest.mark.parametrize("who", ["carl", "eve", "john", "root"])
async def test_others_may_not_list_a_jobs_applicants(
    h: Hiring, cast: Cast, application: int, who: str
) -> None:
    with pytest.raises(PermissionDenied):  # jobs are public: 403
        await h.job_applications(
            ListJobApplicationsCommand(
                actor=getattr(cast, who),
                job_id=cast.job_id,
                filters=ApplicationFilters(),
                page=Page(),
            )
        )
    with pytest.raises(NotFound):
        await h.job_applications(
            ListJobApplicationsCommand(
                actor=cast.bob, job_id=999, filters=ApplicationFilters(), page=Page()
            )
        )


# --- interviews ----------------------------------------------------------------------------


async def test_an_interview_is_scheduled_at_the_interview_stage_only(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(Conflict, match="interview stage"):
        await h.interview(cast.bob, application)
    await h.at_interview(cast.bob, application)
    commits = h.tx.commits
    interview = await h.interview(cast.bob, application)
    assert h.tx.commits == commits + 1
    assert h.tasks.committed[-1] == InterviewChanged(interview_id=interview, change="scheduled")
    assert h.interviews.rows[interview].interviewers == ["Jane"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"starts_at_in": timedelta(hours=-1)}, "starts_at"),
        ({"video_link": "", "location": ""}, "location"),
        ({"video_link": "not a url"}, "video_link"),
        ({"duration_minutes": 5}, "duration_minutes"),
    ],
)
async def test_an_interview_breaking_a_rule_is_refused(
    h: Hiring, cast: Cast, application: int, fields: dict[str, object], field: str
) -> None:
    await h.at_interview(cast.bob, application)
    values = dict(fields)
    if "starts_at_in" in values:
        values["starts_at"] = h.clock.now() + values.pop("starts_at_in")  # type: ignore[operator]
    with h.refused(Invalid) as refused:
        await h.schedule(
            ScheduleInterviewCommand(
                actor=cast.bob, application_id=application, details=h.interview_details(**values)
            )
        )
    assert field in refused.value.errors
    assert h.interviews.rows == {}


async def test_others_may_not_schedule(h: Hiring, cast: Cast, application: int) -> None:
    await h.at_interview(cast.bob, application)
    with h.refused(PermissionDenied):
        await h.interview(cast.john, application)
    for who in STRANGERS:
        with h.refused(NotFound):
            await h.interview(getattr(cast, who), application)
    assert h.interviews.rows == {}


async def test_rescheduling_and_cancelling_replace_the_calendar_entry(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    later = h.clock.now() + timedelta(days=5)
    moved = await h.reschedule(
        RescheduleInterviewCommand(
            actor=cast.jane,
            application_id=application,
            interview_id=interview,
            changes=InterviewChanges(starts_at=later, location=" Room 4 "),
        )
    )
    assert (moved.starts_at, moved.location, moved.video_link) == (
        later,
        "Room 4",
        "https://meet.example/abc",
    )
    assert h.interviews.rows[interview].sequence == 1
    assert h.tasks.committed[-1] == InterviewChanged(interview_id=interview, change="rescheduled")
    with h.refused(Invalid):  # judged merged with what is stored
        await h.reschedule(
            RescheduleInterviewCommand(
                actor=cast.bob,
                application_id=application,
                interview_id=interview,
                changes=InterviewChanges(starts_at=h.clock.now() - timedelta(minutes=1)),
            )
        )
    cancelled = await h.cancel_interview(
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=interview)
    )
    assert cancelled.status == "cancelled" and h.interviews.rows[interview].sequence == 2
    assert h.tasks.committed[-1] == InterviewChanged(interview_id=interview, change="cancelled")
    with h.refused(Conflict, match="cancelled"):
        await h.cancel_interview(
            CancelInterviewCommand(
                actor=cast.bob, application_id=application, interview_id=interview
            )
        )
    with h.refused(Conflict, match="cancelled"):
        await h.reschedule(
            RescheduleInterviewCommand(
                actor=cast.bob,
                application_id=application,
                interview_id=interview,
                changes=InterviewChanges(location="Elsewhere"),
            )
        )


async def test_an_interview_is_reached_through_its_own_application_only(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    other = await h.applied(cast.max, cast.job_id)
    for command in (
        CancelInterviewCommand(actor=cast.bob, application_id=other, interview_id=interview),
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=999),
    ):
        with h.refused(NotFound, match="Interview"):
            await h.cancel_interview(command)
    with h.refused(PermissionDenied):
        await h.cancel_interview(
            CancelInterviewCommand(
                actor=cast.john, application_id=application, interview_id=interview
            )
        )
    for who in STRANGERS:
        with h.refused(NotFound):
            await h.reschedule(
                RescheduleInterviewCommand(
                    actor=getattr(cast, who),
                    application_id=application,
                    interview_id=interview,
                    changes=InterviewChanges(location="x"),
                )
            )
    assert h.interviews.rows[interview].status.value == "scheduled"


async def test_the_candidate_and_the_managers_list_interviews_soonest_first(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.at_interview(cast.bob, application)
    late = await h.interview(cast.bob, application)
    early = (
        await h.schedule(
            ScheduleInterviewCommand(
                actor=cast.bob,
                application_id=application,
                details=h.interview_details(starts_at=h.clock.now() + timedelta(days=1)),
            )
        )
    ).id
    for seer in (cast.john, cast.bob, cast.jane):
        listed = await h.list_interviews(
            ListInterviewsCommand(actor=seer, application_id=application)
        )
        assert [i.id for i in listed] == [early, late]
    for who in STRANGERS:
        with pytest.raises(NotFound):
            await h.list_interviews(
                ListInterviewsCommand(actor=getattr(cast, who), application_id=application)
            )


# --- test submissions ----------------------------------------------------------------------


def _questions(h: Hiring, cast: Cast) -> tuple[int, int]:
    mc, open_ended = h.tests.tests[cast.job_id].questions
    return mc.id or 0, open_ended.id or 0


async def _submit(h: Hiring, cast: Cast, application: int, mc_answer: str = " b ") -> int:
    mc, open_ended = _questions(h, cast)
    view = await h.submit_test(
        SubmitTestCommand(
            actor=cast.john,
            application_id=application,
            answers=[
                AnswerIn(question=mc, answer=mc_answer),
                AnswerIn(question=open_ended, answer="I like it"),
            ],
        )
    )
    return view.id


async def test_a_candidate_takes_the_test_once_and_multiple_choice_is_corrected_at_once(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    commits = h.tx.commits
    mc, open_ended = _questions(h, cast)
    view = await h.submit_test(
        SubmitTestCommand(
            actor=cast.john,
            application_id=application,
            answers=[
                AnswerIn(question=mc, answer=" b "),
                AnswerIn(question=open_ended, answer="I like it"),
            ],
        )
    )
    assert h.tx.commits == commits + 1
    # One decided (right), one waiting for the recruiter: the score so far is 100%.
    assert (view.score, view.correct_answers, view.pending_grading, view.answers) == (
        100.0,
        1,
        1,
        None,
    )
    with h.refused(AlreadySubmitted):
        await _submit(h, cast, application)


async def test_a_submission_breaking_a_rule_is_refused(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(Invalid, match="no test"):
        await h.submit_test(
            SubmitTestCommand(actor=cast.john, application_id=application, answers=[])
        )
    await h.define(cast.bob, cast.job_id)
    mc, _ = _questions(h, cast)
    for answers, message in [
        ([], "at least one"),
        ([AnswerIn(question=999, answer="x")], "not part"),
        ([AnswerIn(question=mc, answer="A"), AnswerIn(question=mc, answer="B")], "twice"),
        ([AnswerIn(question=mc, answer="A", question_type="open_ended")], "multiple_choice"),
        ([AnswerIn(question=mc, answer="x" * 10_001)], "too long"),
    ]:
        with h.refused(Invalid, match=message):
            await h.submit_test(
                SubmitTestCommand(actor=cast.john, application_id=application, answers=answers)
            )
    await h.withdraw(WithdrawApplicationCommand(actor=cast.john, application_id=application))
    with h.refused(Invalid, match="withdrawn"):
        await _submit(h, cast, application)
    assert h.tests.submissions == {}


@pytest.mark.parametrize("who", ["bob", "jane", *STRANGERS])
async def test_only_the_candidate_takes_their_test(
    h: Hiring, cast: Cast, application: int, who: str
) -> None:
    await h.define(cast.bob, cast.job_id)
    mc, _ = _questions(h, cast)
    with h.refused(NotFound):
        await h.submit_test(
            SubmitTestCommand(
                actor=getattr(cast, who),
                application_id=application,
                answers=[AnswerIn(question=mc, answer="B")],
            )
        )


async def test_a_manager_grades_open_answers_and_the_score_follows(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    submission = await _submit(h, cast, application, mc_answer="A")  # wrong
    mc, open_ended = _questions(h, cast)
    graded = await h.grade(
        GradeSubmissionCommand(
            actor=cast.jane,
            submission_id=submission,
            grades=[GradeIn(question=open_ended, correct=True)],
        )
    )
    assert (graded.score, graded.correct_answers, graded.pending_grading) == (50.0, 1, 0)
    assert graded.answers is not None and [a.correct for a in graded.answers] == [False, True]
    assert h.tests.submissions[submission].score == 50.0
    for grades in ([GradeIn(question=mc, correct=True)], []):
        with h.refused(Invalid):
            await h.grade(
                GradeSubmissionCommand(actor=cast.bob, submission_id=submission, grades=grades)
            )
    assert h.tests.submissions[submission].score == 50.0


async def test_grading_is_for_the_jobs_managers(h: Hiring, cast: Cast, application: int) -> None:
    await h.define(cast.bob, cast.job_id)
    submission = await _submit(h, cast, application)
    _, open_ended = _questions(h, cast)
    grades = [GradeIn(question=open_ended, correct=True)]
    with h.refused(PermissionDenied):
        await h.grade(
            GradeSubmissionCommand(actor=cast.john, submission_id=submission, grades=grades)
        )
    for who in STRANGERS:
        with h.refused(NotFound, match="Submission"):
            await h.grade(
                GradeSubmissionCommand(
                    actor=getattr(cast, who), submission_id=submission, grades=grades
                )
            )
    with h.refused(NotFound, match="Submission"):
        await h.grade(GradeSubmissionCommand(actor=cast.bob, submission_id=999, grades=grades))
    assert h.tests.submissions[submission].answers[1].correct is None


async def test_a_submission_shows_answers_to_the_company_and_the_score_to_the_candidate(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    submission = await _submit(h, cast, application)
    mine = await h.get_submission(GetSubmissionCommand(actor=cast.john, submission_id=submission))
    assert (mine.score, mine.answers) == (100.0, None)
    theirs = await h.get_submission(GetSubmissionCommand(actor=cast.bob, submission_id=submission))
    assert theirs.answers is not None and theirs.answers[1].answer == "I like it"
    for who in STRANGERS:
        with pytest.raises(NotFound, match="Submission"):
            await h.get_submission(
                GetSubmissionCommand(actor=getattr(cast, who), submission_id=submission)
            )
    with pytest.raises(NotFound):
        await h.get_submission(GetSubmissionCommand(actor=cast.bob, submission_id=999))
    listing = await h.job_applications(
        ListJobApplicationsCommand(
            actor=cast.bob, job_id=cast.job_id, filters=ApplicationFilters(), page=Page()
        )
    )
    brief = listing.items[0].test_submission
    assert brief is not None and (brief.id, brief.score) == (submission, 100.0)


async def test_a_recruiter_who_left_loses_the_applications_to_the_jobs_they_posted(
    h: Hiring, cast: Cast
) -> None:
    job = await h.left_behind(cast)
    application = await h.applied(cast.john, job)
    eve = cast.eve
    with h.refused(NotFound):
        await h.move(eve, application, "reviewed")
    with pytest.raises(NotFound):
        await h.history(ApplicationHistoryCommand(actor=eve, application_id=application))
    with pytest.raises(PermissionDenied):
        await h.job_applications(
            ListJobApplicationsCommand(
                actor=eve, job_id=job, filters=ApplicationFilters(), page=Page()
            )
        )
    await h.at_interview(cast.jane, application)  # the admin carries on
    with h.refused(NotFound):
        await h.interview(eve, application)
    interview = await h.interview(cast.jane, application)
    with h.refused(NotFound):
        await h.cancel_interview(
            CancelInterviewCommand(actor=eve, application_id=application, interview_id=interview)
        )
    with pytest.raises(NotFound):
        await h.list_interviews(ListInterviewsCommand(actor=eve, application_id=application))
    await h.define(cast.jane, job)
    open_ended = h.tests.tests[job].questions[1]
    submission = (
        await h.submit_test(
            SubmitTestCommand(
                actor=cast.john,
                application_id=application,
                answers=[AnswerIn(question=open_ended.id or 0, answer="Hi")],
            )
        )
    ).id
    with pytest.raises(NotFound):
        await h.get_submission(GetSubmissionCommand(actor=eve, submission_id=submission))
    with h.refused(NotFound):
        await h.grade(
            GradeSubmissionCommand(
                actor=eve,
                submission_id=submission,
                grades=[GradeIn(question=open_ended.id or 0, correct=True)],
            )
        )
    assert h.tests.submissions[submission].answers[0].correct is None


async def test_notes_of_5000_characters_are_kept(h: Hiring, cast: Cast, application: int) -> None:
    for status, length in (("reviewed", 4_999), ("shortlisted", 5_000)):
        await h.change_status(
            ChangeApplicationStatusCommand(
                actor=cast.bob, application_id=application, status=status, notes="n" * length
            )
        )
    history = await h.applications.history(application)
    assert [len(entry.notes) for entry in history[1:]] == [4_999, 5_000]


async def test_an_answer_of_10000_characters_is_taken(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    _, open_ended = _questions(h, cast)
    await h.submit_test(
        SubmitTestCommand(
            actor=cast.john,
            application_id=application,
            answers=[AnswerIn(question=open_ended, answer="x" * 10_000)],
        )
    )
    (submission,) = h.tests.submissions.values()
    assert len(submission.answers[0].answer) == 10_000


# --- what each answer, record and refusal says exactly -------------------------------------


async def test_applying_records_the_first_stage_at_the_time_of_applying(
    h: Hiring, cast: Cast
) -> None:
    h.clock.advance(hours=2)
    now = h.clock.now()
    created = await h.apply(ApplyToJobCommand(actor=cast.john, job_id=cast.job_id))
    assert (created.applied_at, created.cover_letter, created.job.id) == (now, "", cast.job_id)
    stored = h.applications.rows[created.id]
    assert (stored.applied_at, stored.updated_at, stored.candidate_id) == (
        now,
        now,
        cast.john.id,
    )
    assert await h.applications.history(created.id) == [
        StatusChange(
            application_id=created.id,
            from_status=None,
            to_status=Status.PENDING,
            changed_by=cast.john.require_id(),
            notes="",
            changed_at=now,
        )
    ]


async def test_an_application_is_refused_with_the_field_and_the_reason(
    h: Hiring, cast: Cast
) -> None:
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, 999)
    assert refused.value.errors == {"job": ["Job 999 does not exist."]}
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, cast.job_id, cover_letter="x" * 10_001)
    assert refused.value.errors == {
        "cover_letter": ["Ensure this field has no more than 10000 characters."]
    }
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, cast.job_id)
    assert refused.value.errors == {"job": ["This job is no longer accepting applications."]}


async def test_a_move_is_answered_and_recorded_with_its_time_and_trimmed_notes(
    h: Hiring, cast: Cast, application: int
) -> None:
    h.clock.advance(days=1)
    now = h.clock.now()
    moved = await h.change_status(
        ChangeApplicationStatusCommand(
            actor=cast.bob, application_id=application, status="reviewed", notes=" strong "
        )
    )
    assert moved == StatusChanged(id=application, status="reviewed", notes="strong", updated_at=now)
    assert h.applications.rows[application].updated_at == now
    assert (await h.applications.history(application))[-1] == StatusChange(
        application_id=application,
        from_status=Status.PENDING,
        to_status=Status.REVIEWED,
        changed_by=cast.bob.require_id(),
        notes="strong",
        changed_at=now,
    )


async def test_notes_too_long_are_refused_with_the_limit(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(Invalid) as refused:
        await h.change_status(
            ChangeApplicationStatusCommand(
                actor=cast.bob, application_id=application, status="reviewed", notes="n" * 5001
            )
        )
    assert refused.value.errors == {
        "notes": ["Ensure this field has no more than 5000 characters."]
    }


async def test_who_may_not_act_on_an_application_is_told_why(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(PermissionDenied) as refused:
        await h.move(cast.john, application, "reviewed")
    assert str(refused.value) == "Only the job's recruiter or its company's admin can do this."
    for command in (
        ChangeApplicationStatusCommand(actor=cast.max, application_id=application, status="x"),
        ChangeApplicationStatusCommand(actor=cast.bob, application_id=999, status="reviewed"),
    ):
        with h.refused(NotFound) as refused:
            await h.change_status(command)
        assert str(refused.value) == "Application not found."
    for who in ("max", "bob"):
        with h.refused(NotFound) as refused:
            await h.withdraw(
                WithdrawApplicationCommand(actor=getattr(cast, who), application_id=application)
            )
        assert str(refused.value) == "Application not found."


async def test_a_move_raced_by_another_is_refused_and_recorded_nowhere(
    h: Hiring, cast: Cast, application: int
) -> None:
    """Both read "pending"; the other move is stored first: this one must not overwrite it."""
    read = await h.applications.get(application)
    assert read is not None
    previous = read.move_to("reviewed", h.clock.now())
    await h.move(cast.jane, application, "rejected")
    history, committed = len(await h.applications.history(application)), len(h.tasks.committed)
    with pytest.raises(MovedMeanwhile) as refused:
        await h.record(read, previous, by=cast.bob.require_id(), notes="", at=h.clock.now())
    assert str(refused.value) == (
        "This application was moved by someone else at the same time (it is no longer"
        " pending): reload it and try again."
    )
    assert refused.value.code == "moved_meanwhile"
    assert h.applications.rows[application].status is Status.REJECTED
    assert len(await h.applications.history(application)) == history
    assert len(h.tasks.committed) == committed and h.tasks.pending == []


async def test_a_withdrawal_is_answered_and_recorded_at_its_time(
    h: Hiring, cast: Cast, application: int
) -> None:
    h.clock.advance(days=2)
    now = h.clock.now()
    withdrawn = await h.withdraw(
        WithdrawApplicationCommand(actor=cast.john, application_id=application)
    )
    assert withdrawn == StatusChanged(id=application, status="withdrawn", notes="", updated_at=now)
    assert h.applications.rows[application].updated_at == now
    assert (await h.applications.history(application))[-1] == StatusChange(
        application_id=application,
        from_status=Status.PENDING,
        to_status=Status.WITHDRAWN,
        changed_by=cast.john.require_id(),
        notes="",
        changed_at=now,
    )


async def test_the_history_entries_carry_each_stage_and_its_time(
    h: Hiring, cast: Cast, application: int
) -> None:
    applied = h.clock.now()
    h.clock.advance(days=1)
    await h.change_status(
        ChangeApplicationStatusCommand(
            actor=cast.bob, application_id=application, status="reviewed", notes="Good"
        )
    )
    reviewed = h.clock.now()
    company = await h.history(ApplicationHistoryCommand(actor=cast.bob, application_id=application))
    assert company == [
        HistoryEntry(
            from_status=None,
            to_status="pending",
            changed_at=applied,
            changed_by=cast.john.id,
            notes="",
        ),
        HistoryEntry(
            from_status="pending",
            to_status="reviewed",
            changed_at=reviewed,
            changed_by=cast.bob.id,
            notes="Good",
        ),
    ]
    candidate = await h.history(
        ApplicationHistoryCommand(actor=cast.john, application_id=application)
    )
    assert candidate == [
        HistoryEntry(from_status=None, to_status="pending", changed_at=applied),
        HistoryEntry(from_status="pending", to_status="reviewed", changed_at=reviewed),
    ]


async def test_an_interview_is_stored_as_scheduled_by_whom_and_when(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(Conflict) as refused:
        await h.interview(cast.bob, application)
    assert (
        str(refused.value) == "Move the application to the interview stage first (it is pending)."
    )
    await h.at_interview(cast.bob, application)
    h.clock.advance(hours=1)
    now = h.clock.now()
    starts = now + timedelta(days=2)
    view = await h.schedule(
        ScheduleInterviewCommand(
            actor=cast.jane,
            application_id=application,
            details=h.interview_details(
                starts_at=starts, duration_minutes=45, location=" Room 1 ", interviewers=[" Ann "]
            ),
        )
    )
    assert view == InterviewView(
        id=view.id,
        application_id=application,
        starts_at=starts,
        duration_minutes=45,
        location="Room 1",
        video_link="https://meet.example/abc",
        interviewers=["Ann"],
        status="scheduled",
        updated_at=now,
    )
    stored = h.interviews.rows[view.id]
    assert (stored.created_by, stored.created_at, stored.updated_at, stored.sequence) == (
        cast.jane.id,
        now,
        now,
        0,
    )


async def test_each_change_of_an_interview_raises_its_sequence_and_its_time(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    for expected in (1, 2):
        h.clock.advance(hours=1)
        moved = await h.reschedule(
            RescheduleInterviewCommand(
                actor=cast.bob,
                application_id=application,
                interview_id=interview,
                changes=InterviewChanges(duration_minutes=30 + expected),
            )
        )
        assert moved.updated_at == h.clock.now() and moved.duration_minutes == 30 + expected
        stored = h.interviews.rows[interview]
        assert (stored.sequence, stored.updated_at) == (expected, h.clock.now())
    h.clock.advance(hours=1)
    cancelled = await h.cancel_interview(
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=interview)
    )
    assert cancelled.updated_at == h.clock.now()
    stored = h.interviews.rows[interview]
    assert (stored.sequence, stored.updated_at) == (3, h.clock.now())


async def test_an_interview_missing_or_cancelled_is_refused_with_the_reason(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.at_interview(cast.bob, application)
    interview = await h.interview(cast.bob, application)
    with h.refused(NotFound) as refused:
        await h.cancel_interview(
            CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=999)
        )
    assert str(refused.value) == "Interview not found."
    await h.cancel_interview(
        CancelInterviewCommand(actor=cast.bob, application_id=application, interview_id=interview)
    )
    with h.refused(Conflict) as refused:
        await h.reschedule(
            RescheduleInterviewCommand(
                actor=cast.bob,
                application_id=application,
                interview_id=interview,
                changes=InterviewChanges(location="Elsewhere"),
            )
        )
    assert str(refused.value) == "This interview was cancelled."


async def test_a_submission_is_stored_and_answered_with_its_time_and_score(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    mc, open_ended = _questions(h, cast)
    h.clock.advance(hours=3)
    view = await h.submit_test(
        SubmitTestCommand(
            actor=cast.john,
            application_id=application,
            answers=[
                AnswerIn(question=mc, answer=" b ", question_type="multiple_choice"),
                AnswerIn(question=open_ended, answer="  I like it "),
            ],
        )
    )
    assert view == SubmissionView(
        id=view.id,
        application=application,
        score=100.0,
        total_questions=2,
        correct_answers=1,
        pending_grading=1,
        submitted_at=h.clock.now(),
    )
    stored = h.tests.submissions[view.id]
    assert (stored.application_id, stored.submitted_at, stored.total_questions) == (
        application,
        h.clock.now(),
        2,
    )
    assert stored.answers == [
        Answer(question_id=mc, answer="b", correct=True),
        Answer(question_id=open_ended, answer="I like it", correct=None),
    ]
    theirs = await h.get_submission(GetSubmissionCommand(actor=cast.jane, submission_id=view.id))
    assert theirs == SubmissionView(
        id=view.id,
        application=application,
        score=100.0,
        total_questions=2,
        correct_answers=1,
        pending_grading=1,
        submitted_at=h.clock.now(),
        answers=[
            AnswerOut(question=mc, answer="b", correct=True),
            AnswerOut(question=open_ended, answer="I like it", correct=None),
        ],
    )


async def test_an_unanswered_question_counts_as_wrong_once_the_rest_is_decided(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    mc, _ = _questions(h, cast)
    view = await h.submit_test(
        SubmitTestCommand(
            actor=cast.john, application_id=application, answers=[AnswerIn(question=mc, answer="B")]
        )
    )
    assert (view.score, view.correct_answers, view.total_questions, view.pending_grading) == (
        50.0,
        1,
        2,
        0,
    )
    assert h.tests.submissions[view.id].score == 50.0


async def test_a_submission_is_refused_with_every_reason_at_once(
    h: Hiring, cast: Cast, application: int
) -> None:
    with h.refused(Invalid) as refused:
        await h.submit_test(
            SubmitTestCommand(actor=cast.john, application_id=application, answers=[])
        )
    assert refused.value.errors == {"application": ["This job has no test."]}
    await h.define(cast.bob, cast.job_id)
    mc, open_ended = _questions(h, cast)
    with h.refused(Invalid) as refused:
        await h.submit_test(
            SubmitTestCommand(actor=cast.john, application_id=application, answers=[])
        )
    assert refused.value.errors == {"answers": ["Answer at least one question."]}
    with h.refused(Invalid) as refused:
        await h.submit_test(
            SubmitTestCommand(
                actor=cast.john,
                application_id=application,
                answers=[
                    AnswerIn(question=999, answer="x"),
                    AnswerIn(question=mc, answer="A"),
                    AnswerIn(question=mc, answer="B"),
                    AnswerIn(question=open_ended, answer="x", question_type="multiple_choice"),
                ],
            )
        )
    assert refused.value.errors == {
        "answers": [
            "Question 999 is not part of this job's test.",
            f"Question {mc} is answered twice.",
            f"Question {open_ended} is open_ended.",
        ]
    }
    with h.refused(Invalid) as refused:
        await h.submit_test(
            SubmitTestCommand(
                actor=cast.john,
                application_id=application,
                answers=[AnswerIn(question=open_ended, answer="x" * 10_001)],
            )
        )
    assert refused.value.errors == {
        "answers": [f"The answer to question {open_ended} is too long."]
    }
    for who in ("max", "bob"):
        with h.refused(NotFound) as refused:
            await h.submit_test(
                SubmitTestCommand(
                    actor=getattr(cast, who),
                    application_id=application,
                    answers=[AnswerIn(question=mc, answer="B")],
                )
            )
        assert str(refused.value) == "Application not found."
    await h.withdraw(WithdrawApplicationCommand(actor=cast.john, application_id=application))
    with h.refused(Invalid) as refused:
        await _submit(h, cast, application)
    assert refused.value.errors == {"application": ["This application is withdrawn."]}
    assert h.tests.submissions == {}


async def test_a_submission_not_to_be_seen_is_not_found_by_that_name(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    submission = await _submit(h, cast, application)
    _, open_ended = _questions(h, cast)
    grades = [GradeIn(question=open_ended, correct=True)]
    for actor, submission_id in ((cast.carl, submission), (cast.bob, 999)):
        with pytest.raises(NotFound) as refused:
            await h.get_submission(GetSubmissionCommand(actor=actor, submission_id=submission_id))
        assert str(refused.value) == "Submission not found."
        with h.refused(NotFound) as refused:
            await h.grade(
                GradeSubmissionCommand(actor=actor, submission_id=submission_id, grades=grades)
            )
        assert str(refused.value) == "Submission not found."


async def test_a_grading_is_refused_with_the_questions_it_cannot_grade(
    h: Hiring, cast: Cast, application: int
) -> None:
    await h.define(cast.bob, cast.job_id)
    mc, open_ended = _questions(h, cast)
    only_mc = (
        await h.submit_test(
            SubmitTestCommand(
                actor=cast.john,
                application_id=application,
                answers=[AnswerIn(question=mc, answer="B")],
            )
        )
    ).id
    for grades, problems in [
        ([], ["Grade at least one answer."]),
        (
            [GradeIn(question=mc, correct=False)],
            [f"Question {mc} has no open-ended answer in this submission."],
        ),
        (  # a question of the test that this submission left unanswered
            [GradeIn(question=open_ended, correct=True), GradeIn(question=999, correct=True)],
            [
                f"Question {open_ended} has no open-ended answer in this submission.",
                "Question 999 has no open-ended answer in this submission.",
            ],
        ),
    ]:
        with h.refused(Invalid) as refused:
            await h.grade(
                GradeSubmissionCommand(actor=cast.bob, submission_id=only_mc, grades=grades)
            )
        assert refused.value.errors == {"grades": problems}
    assert h.tests.submissions[only_mc].answers[0].correct is True

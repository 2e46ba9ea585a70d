"""Jobs and job tests: who may post, change, withdraw and read them, what each commits and
announces. Jobs are public, so a job's protected operations refuse with 403 (not 404)."""

from __future__ import annotations

import msgspec
import pytest

from core.domain.accounts.user import UserType
from core.domain.applications.application import Status
from core.domain.applications.events import ApplicationStatusChanged
from core.domain.errors import Conflict, NotFound, PaymentRequired, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.jobs.assessment import JobTestDetails, QuestionIn
from core.domain.jobs.events import JobPosted, JobTestDefined, JobUpdated
from core.domain.jobs.job import JobChanges, JobDetails
from core.domain.jobs.views import JobFilters, JobSummary, JobTestView, QuestionOut
from core.domain.pages import Listing, Page
from core.use_cases.applications.submit_test import AnswerIn, SubmitTestCommand
from core.use_cases.applications.withdraw_application import WithdrawApplicationCommand
from core.use_cases.jobs.create_job import CreateJobCommand, JobCreated
from core.use_cases.jobs.define_job_test import DefineJobTestCommand
from core.use_cases.jobs.delete_job import DeleteJobCommand
from core.use_cases.jobs.get_job import GetJobCommand
from core.use_cases.jobs.get_job_test import GetJobTestCommand
from core.use_cases.jobs.list_jobs import ListJobsCommand
from core.use_cases.jobs.update_job import UpdateJobCommand
from tests.unit.hiring import Cast, Hiring

# --- posting ---------------------------------------------------------------------------------


async def test_a_member_posts_for_their_team_and_the_posting_is_announced_once_committed(
    h: Hiring, cast: Cast
) -> None:
    commits = h.tx.commits
    created = await h.create_job(
        CreateJobCommand(
            actor=cast.bob, details=JobDetails(title=" Data Engineer ", category=2, job_type=3)
        )
    )
    assert (created.title, created.slug, created.is_active) == (
        "Data Engineer",
        "data-engineer-company-one",
        True,
    )
    job = h.jobs.rows[created.id]
    assert (job.company_id, job.recruiter_id) == (cast.one, cast.bob.id)
    assert h.tx.commits == commits + 1
    assert h.tasks.committed[-1] == JobPosted(job_id=created.id) and h.tasks.pending == []
    twin = await h.post(cast.jane, "Data Engineer")
    assert h.jobs.rows[twin].slug == "data-engineer-company-one-2"  # slugs stay unique


@pytest.mark.parametrize("who", ["john", "root", "eve"])
async def test_only_recruiters_in_a_team_post(h: Hiring, cast: Cast, who: str) -> None:
    jobs = len(h.jobs.rows)
    with h.refused(PermissionDenied):
        await h.create_job(
            CreateJobCommand(actor=getattr(cast, who), details=JobDetails(title="Dev"))
        )
    assert len(h.jobs.rows) == jobs


async def test_nobody_posts_for_another_company(h: Hiring, cast: Cast) -> None:
    two = h.company_of(cast.carl)
    with h.refused(PermissionDenied, match="your own company"):
        await h.create_job(
            CreateJobCommand(actor=cast.bob, details=JobDetails(title="Dev", company=two))
        )
    # Naming one's own company is the same as not naming it.
    assert await h.post(cast.bob, "Dev", company=cast.one)


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"category": 999}, "category"),
        ({"job_type": 999}, "job_type"),
        ({"salary_min": 60000, "salary_max": 50000}, "salary_min"),
        ({"title": "   "}, "title"),
        ({"experience_level": "guru"}, "experience_level"),
    ],
)
async def test_a_posting_breaking_a_rule_is_refused(
    h: Hiring, cast: Cast, details: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"title": "Dev", **details}
    with h.refused(Invalid) as refused:
        await h.create_job(CreateJobCommand(actor=cast.bob, details=JobDetails(**values)))  # type: ignore[arg-type]
    assert field in refused.value.errors


async def test_a_company_out_of_quota_posts_nothing(h: Hiring, cast: Cast) -> None:
    h.job_quota.exhausted.add(cast.one)
    jobs = len(h.jobs.rows)
    with h.refused(PaymentRequired):
        await h.post(cast.bob, "Dev")
    assert len(h.jobs.rows) == jobs
    assert await h.post(cast.carl, "Dev")  # another company's quota is its own


# --- changing ------------------------------------------------------------------------------


async def test_the_poster_and_the_admin_change_a_job(h: Hiring, cast: Cast) -> None:
    detail = await h.update_job(
        UpdateJobCommand(
            actor=cast.bob, job_id=cast.job_id, changes=JobChanges(title=" Senior Python Dev ")
        )
    )
    assert detail.title == "Senior Python Dev"
    assert h.tasks.committed[-1] == JobUpdated(job_id=cast.job_id)
    detail = await h.update_job(
        UpdateJobCommand(actor=cast.jane, job_id=cast.job_id, changes=JobChanges(category=None))
    )
    assert detail.category is None and detail.title == "Senior Python Dev"
    assert h.jobs.rows[cast.job_id].slug == "python-developer-company-one"  # the slug stays


@pytest.mark.parametrize("who", ["carl", "eve", "john", "root"])
async def test_others_may_not_change_a_job_and_are_told_so(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.update_job(
            UpdateJobCommand(
                actor=getattr(cast, who), job_id=cast.job_id, changes=JobChanges(title="Mine")
            )
        )
    assert h.jobs.rows[cast.job_id].title == "Python Developer"


async def test_a_change_is_judged_with_the_job_it_lands_on(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid) as refused:  # the stored maximum is 60000
        await h.update_job(
            UpdateJobCommand(
                actor=cast.bob, job_id=cast.job_id, changes=JobChanges(salary_min=70000)
            )
        )
    assert "salary_min" in refused.value.errors
    with h.refused(NotFound):
        await h.update_job(
            UpdateJobCommand(actor=cast.bob, job_id=999, changes=JobChanges(title="x"))
        )


# --- withdrawing ---------------------------------------------------------------------------


async def test_withdrawing_a_job_cancels_its_pending_applications_and_tells_their_candidates(
    h: Hiring, cast: Cast
) -> None:
    pending = await h.applied(cast.john, cast.job_id)
    reviewed = await h.applied(cast.max, cast.job_id)
    await h.move(cast.bob, reviewed, "reviewed")
    commits = h.tx.commits
    await h.delete_job(DeleteJobCommand(actor=cast.jane, job_id=cast.job_id))
    assert h.tx.commits == commits + 1
    assert not h.jobs.rows[cast.job_id].is_active and cast.job_id in h.jobs.rows  # soft
    assert h.applications.rows[pending].status is Status.CANCELLED
    assert h.applications.rows[reviewed].status is Status.REVIEWED
    [change] = [c for c in await h.applications.history(pending) if c.to_status is Status.CANCELLED]
    assert (change.notes, change.changed_by) == ("The job was withdrawn.", cast.jane.id)
    assert h.tasks.committed[-1] == ApplicationStatusChanged(
        application_id=pending, from_status="pending", to_status="cancelled"
    )
    # A second withdrawal changes nothing and commits nothing.
    commits, messages = h.tx.commits, len(h.tasks.committed)
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    assert (h.tx.commits, len(h.tasks.committed)) == (commits, messages)
    # Reopening is a change like any other.
    reopened = await h.update_job(
        UpdateJobCommand(actor=cast.bob, job_id=cast.job_id, changes=JobChanges(is_active=True))
    )
    assert reopened.is_active


@pytest.mark.parametrize("who", ["carl", "eve", "john"])
async def test_others_may_not_withdraw_a_job(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.delete_job(DeleteJobCommand(actor=getattr(cast, who), job_id=cast.job_id))
    assert h.jobs.rows[cast.job_id].is_active
    with h.refused(NotFound):
        await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=999))


# --- reading -------------------------------------------------------------------------------


async def test_anyone_reads_a_live_job(h: Hiring, cast: Cast) -> None:
    await h.applied(cast.john, cast.job_id)
    detail = await h.get_job(GetJobCommand(viewer=None, job_id=cast.job_id))
    assert (detail.company.name, detail.recruiter.username, detail.application_count) == (
        "Company One",
        "bob",
        1,
    )
    assert detail.category is not None and detail.category.name == "Engineering"
    assert detail.job_type is not None and detail.job_type.name == "Full-time"
    with pytest.raises(NotFound):
        await h.get_job(GetJobCommand(viewer=None, job_id=999))


async def test_a_withdrawn_job_exists_only_for_its_companys_team(h: Hiring, cast: Cast) -> None:
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    for member in (cast.jane, cast.bob):
        assert not (await h.get_job(GetJobCommand(viewer=member, job_id=cast.job_id))).is_active
    for outsider in (None, cast.carl, cast.eve, cast.john):
        with pytest.raises(NotFound):
            await h.get_job(GetJobCommand(viewer=outsider, job_id=cast.job_id))


async def test_the_list_shows_withdrawn_jobs_only_to_their_team_when_asked(
    h: Hiring, cast: Cast
) -> None:
    live = await h.post(cast.carl, "Django Developer", location="Lyon")
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))

    async def ids(viewer: object, **filters: object) -> list[int]:
        listing = await h.list_jobs(
            ListJobsCommand(viewer=viewer, filters=JobFilters(**filters), page=Page())  # type: ignore[arg-type]
        )
        return [j.id for j in listing.items]

    assert await ids(None) == [live]
    assert await ids(cast.bob, is_active=False) == [cast.job_id]
    assert await ids(cast.carl, is_active=False) == []
    for nobody in (None, cast.john, cast.eve):
        assert await ids(nobody, is_active=False) == []
    assert await ids(None, search="django") == [live]
    assert await ids(None, search="python") == []  # withdrawn


async def test_reference_lists_are_the_seeded_ones(h: Hiring) -> None:
    categories = await h.list_categories()
    assert categories[0].name == "Engineering" and len(categories) == 16
    assert [t.name for t in await h.list_job_types()][:2] == ["Full-time", "Part-time"]


async def test_job_access_is_404_for_a_missing_job_and_403_otherwise(h: Hiring, cast: Cast) -> None:
    assert await h.job_access.manages_job_id(cast.bob, 999) is None
    with pytest.raises(NotFound) as missing:
        await h.job_access.managed(cast.bob, 999)
    assert missing.value.message == "Job not found."
    with pytest.raises(PermissionDenied) as refused:
        await h.job_access.managed(cast.root, cast.job_id)  # site admins manage no job
    assert refused.value.message == (
        "Only the job's recruiter or its company's admin, as members of the company's team, "
        "can do this."
    )


# --- job tests -----------------------------------------------------------------------------


def _test(*questions: QuestionIn, title: str = "Screening") -> JobTestDetails:
    return JobTestDetails(title=title, questions=list(questions))


MC = QuestionIn(
    text="Pick B", question_type="multiple_choice", choices=["A", "B"], correct_answer="B"
)
OPEN = QuestionIn(text="Why us?", question_type="open_ended")


async def test_a_manager_defines_the_test_and_open_applicants_are_to_hear_of_it(
    h: Hiring, cast: Cast
) -> None:
    view = await h.define_test(
        DefineJobTestCommand(actor=cast.bob, job_id=cast.job_id, test=_test(MC, OPEN))
    )
    assert [q.correct_answer for q in view.questions] == ["B", None]
    assert h.tasks.committed[-1] == JobTestDefined(job_id=cast.job_id)
    replaced = await h.define_test(
        DefineJobTestCommand(actor=cast.jane, job_id=cast.job_id, test=_test(OPEN, title="V2"))
    )
    assert replaced.id == view.id and replaced.title == "V2" and len(replaced.questions) == 1


@pytest.mark.parametrize("who", ["carl", "eve", "john", "root"])
async def test_others_may_not_define_a_test(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.define_test(
            DefineJobTestCommand(actor=getattr(cast, who), job_id=cast.job_id, test=_test(MC))
        )
    assert cast.job_id not in h.tests.tests


async def test_a_test_breaking_a_rule_or_already_taken_is_refused(h: Hiring, cast: Cast) -> None:
    one_choice = QuestionIn(
        text="?", question_type="multiple_choice", choices=["A"], correct_answer="A"
    )
    with h.refused(Invalid):
        await h.define_test(
            DefineJobTestCommand(actor=cast.bob, job_id=cast.job_id, test=_test(one_choice))
        )
    with h.refused(NotFound):
        await h.define_test(DefineJobTestCommand(actor=cast.bob, job_id=999, test=_test(MC)))
    await h.define(cast.bob, cast.job_id)
    application = await h.applied(cast.john, cast.job_id)
    question = h.tests.tests[cast.job_id].questions[0].id or 0
    await h.submit_test(
        SubmitTestCommand(
            actor=cast.john,
            application_id=application,
            answers=[AnswerIn(question=question, answer="B")],
        )
    )
    with h.refused(Conflict, match="already taken"):
        await h.define_test(
            DefineJobTestCommand(actor=cast.bob, job_id=cast.job_id, test=_test(OPEN))
        )


async def test_managers_read_the_answer_key_and_applicants_the_questions(
    h: Hiring, cast: Cast
) -> None:
    application = await h.applied(cast.john, cast.job_id)
    with pytest.raises(NotFound, match="no test"):
        await h.get_test(GetJobTestCommand(actor=cast.bob, job_id=cast.job_id))
    await h.define(cast.bob, cast.job_id)
    for manager in (cast.bob, cast.jane):
        view = await h.get_test(GetJobTestCommand(actor=manager, job_id=cast.job_id))
        assert view.questions[0].correct_answer == "B"
    seen = await h.get_test(GetJobTestCommand(actor=cast.john, job_id=cast.job_id))
    assert [q.correct_answer for q in seen.questions] == [None, None]
    assert seen.questions[0].choices == ["A", "B"]
    # Withdrawn, the applicant still sees what they were asked.
    await h.withdraw(WithdrawApplicationCommand(actor=cast.john, application_id=application))
    assert await h.get_test(GetJobTestCommand(actor=cast.john, job_id=cast.job_id))


@pytest.mark.parametrize("who", ["max", "carl", "eve", "root"])
async def test_others_may_not_read_a_test(h: Hiring, cast: Cast, who: str) -> None:
    await h.define(cast.bob, cast.job_id)
    with pytest.raises(PermissionDenied):
        await h.get_test(GetJobTestCommand(actor=getattr(cast, who), job_id=cast.job_id))
    with pytest.raises(NotFound):
        await h.get_test(GetJobTestCommand(actor=getattr(cast, who), job_id=999))


async def test_a_recruiter_who_left_keeps_nothing_of_the_jobs_they_posted(
    h: Hiring, cast: Cast
) -> None:
    job = await h.left_behind(cast)
    await h.applied(cast.john, job)
    with h.refused(PermissionDenied):
        await h.update_job(
            UpdateJobCommand(actor=cast.eve, job_id=job, changes=JobChanges(title="Mine"))
        )
    with h.refused(PermissionDenied):
        await h.define_test(DefineJobTestCommand(actor=cast.eve, job_id=job, test=_test(MC)))
    with h.refused(PermissionDenied):
        await h.delete_job(DeleteJobCommand(actor=cast.eve, job_id=job))
    with pytest.raises(PermissionDenied):
        await h.get_test(GetJobTestCommand(actor=cast.eve, job_id=job))
    # The company keeps the job: its admin manages it.
    await h.update_job(
        UpdateJobCommand(actor=cast.jane, job_id=job, changes=JobChanges(title="Ours"))
    )
    await h.delete_job(DeleteJobCommand(actor=cast.jane, job_id=job))
    assert not h.jobs.rows[job].is_active


async def test_categories_and_job_types_are_named_as_the_lists_show_them(
    h: Hiring, cast: Cast
) -> None:
    live = await h.post(cast.bob, "Nurse", category=11, job_type=2)  # Healthcare, Part-time

    async def ids(**filters: object) -> list[int]:
        listing = await h.list_jobs(
            ListJobsCommand(viewer=None, filters=JobFilters(**filters), page=Page())  # type: ignore[arg-type]
        )
        return [j.id for j in listing.items]

    assert await ids(category=11) == [live]
    assert await ids(category="Healthcare") == [live]
    assert await ids(category="  healthCARE ") == [live]  # case and spacing as typed
    assert await ids(category="Human  resources") == []  # another category, spaced
    assert await ids(job_type="Part-time") == [live]
    assert await ids(job_type="part_time") == [live]  # the type's code
    assert await ids(job_type="PART-TIME") == [live]
    assert await ids(job_type="Contract") == []
    with h.refused(Invalid) as caught:
        await ids(category="Astrology")
    assert caught.value.errors == {
        "category": [
            'Unknown category "Astrology": choose one of '
            + ", ".join(name for _, name in sorted(h.jobs.categories.items()))
            + "."
        ]
    }
    with h.refused(Invalid) as caught:
        await ids(job_type="Gig")
    assert caught.value.errors == {
        "job_type": [
            'Unknown job type "Gig": choose one of Full-time, Part-time, Contract, Internship, '
            "Freelance, Temporary."
        ]
    }
    with h.refused(Invalid) as caught:
        await ids(experience_level="guru")
    assert caught.value.errors == {
        "experience_level": ['"guru" is not a level (intern, junior, mid, senior, lead).']
    }
    assert live in await ids(experience_level="mid")  # a posting's level unless it says
    assert await ids(experience_level="lead") == []


# --- what each answer stores and each refusal says ------------------------------------------


async def test_a_posting_is_stored_as_given_stamped_now_and_answered_in_full(
    h: Hiring, cast: Cast
) -> None:
    h.clock.advance(days=1)
    now = h.clock.now()
    created = await h.create_job(
        CreateJobCommand(
            actor=cast.jane,
            details=JobDetails(
                title=" Data Engineer ",
                category=2,
                job_type=3,
                location=" Lyon ",
                salary_currency="usd",
                requirements=["SQL"],
            ),
        )
    )
    job = h.jobs.rows[created.id]
    assert created == JobCreated(
        id=job.id or 0,
        title="Data Engineer",
        slug="data-engineer-company-one",
        is_active=True,
        created_at=now,
    )
    assert (job.company_id, job.recruiter_id, job.created_at, job.updated_at) == (
        cast.one,
        cast.jane.id,
        now,
        now,
    )
    assert (job.category_id, job.job_type_id, job.location, job.salary_currency) == (
        2,
        3,
        "Lyon",
        "USD",
    )
    assert job.requirements == ["SQL"]
    assert h.job_quota.checked[-1] == cast.one
    assert h.tasks.committed[-1] == JobPosted(job_id=created.id)


async def test_a_posting_is_refused_with_what_is_wrong(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid) as caught:
        await h.create_job(
            CreateJobCommand(
                actor=cast.bob,
                details=JobDetails(title="Dev", category=999, job_type=998, salary_min=-1),
            )
        )
    assert caught.value.errors == {
        "salary_min": ["Salary cannot be negative."],
        "category": ["Unknown category 999."],
        "job_type": ["Unknown job type 998."],
    }
    with h.refused(PermissionDenied) as caught:
        await h.create_job(CreateJobCommand(actor=cast.eve, details=JobDetails(title="Dev")))
    assert str(caught.value) == "You are not a member of any company's team."
    with h.refused(PermissionDenied) as caught:
        await h.create_job(
            CreateJobCommand(
                actor=cast.bob,
                details=JobDetails(title="Dev", company=h.company_of(cast.carl)),
            )
        )
    assert str(caught.value) == "You can only post jobs for your own company."
    with h.refused(PermissionDenied) as caught:
        await h.create_job(CreateJobCommand(actor=cast.john, details=JobDetails(title="Dev")))
    assert str(caught.value) == "Only recruiters can do this."


async def test_a_recruiter_account_without_a_profile_is_in_no_team(h: Hiring, cast: Cast) -> None:
    loner = await h.user("loner", UserType.RECRUITER)  # no recruiter profile
    with h.refused(PermissionDenied) as caught:
        await h.create_job(CreateJobCommand(actor=loner, details=JobDetails(title="Dev")))
    assert str(caught.value) == "You are not a member of any company's team."
    assert await h.job_access.member_company(loner) is None


async def test_a_change_is_stored_stamped_now_and_references_are_checked(
    h: Hiring, cast: Cast
) -> None:
    created_at = h.jobs.rows[cast.job_id].created_at
    h.clock.advance(hours=2)
    detail = await h.update_job(
        UpdateJobCommand(
            actor=cast.bob, job_id=cast.job_id, changes=JobChanges(category=3, job_type=2)
        )
    )
    assert detail.category is not None and detail.category.name == "Design"
    assert detail.job_type is not None and detail.job_type.name == "Part-time"
    job = h.jobs.rows[cast.job_id]
    assert (job.updated_at, job.created_at) == (h.clock.now(), created_at)
    assert detail.updated_at == h.clock.now()
    with h.refused(Invalid) as caught:
        await h.update_job(
            UpdateJobCommand(
                actor=cast.bob, job_id=cast.job_id, changes=JobChanges(category=999, job_type=998)
            )
        )
    assert caught.value.errors == {
        "category": ["Unknown category 999."],
        "job_type": ["Unknown job type 998."],
    }
    assert (h.jobs.rows[cast.job_id].category_id, h.jobs.rows[cast.job_id].job_type_id) == (3, 2)


async def test_withdrawing_stamps_the_job_and_the_cancelled_applications_now(
    h: Hiring, cast: Cast
) -> None:
    pending = await h.applied(cast.john, cast.job_id)
    h.clock.advance(days=3)
    now = h.clock.now()
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    job = h.jobs.rows[cast.job_id]
    assert job.is_active is False and job.updated_at == now
    application = h.applications.rows[pending]
    assert (application.status, application.updated_at) == (Status.CANCELLED, now)
    [change] = [c for c in await h.applications.history(pending) if c.to_status is Status.CANCELLED]
    assert (change.from_status, change.changed_at, change.changed_by) == (
        Status.PENDING,
        now,
        cast.bob.id,
    )


async def test_a_job_nobody_may_see_is_not_found_and_says_so(h: Hiring, cast: Cast) -> None:
    with pytest.raises(NotFound) as caught:
        await h.get_job(GetJobCommand(viewer=None, job_id=999))
    assert str(caught.value) == "Job not found."
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    with pytest.raises(NotFound) as caught:
        await h.get_job(GetJobCommand(viewer=cast.carl, job_id=cast.job_id))
    assert str(caught.value) == "Job not found."


async def test_reading_a_test_is_refused_with_what_is_missing(h: Hiring, cast: Cast) -> None:
    with pytest.raises(NotFound) as caught:
        await h.get_test(GetJobTestCommand(actor=cast.john, job_id=999))
    assert str(caught.value) == "Job not found."
    with pytest.raises(PermissionDenied) as caught:
        await h.get_test(GetJobTestCommand(actor=cast.john, job_id=cast.job_id))
    assert str(caught.value) == "Apply to this job to see its test."
    await h.applied(cast.john, cast.job_id)
    for who in (cast.john, cast.bob):
        with pytest.raises(NotFound) as caught:
            await h.get_test(GetJobTestCommand(actor=who, job_id=cast.job_id))
        assert str(caught.value) == "This job has no test."


async def test_the_test_view_shows_the_stored_questions(h: Hiring, cast: Cast) -> None:
    view = await h.define_test(
        DefineJobTestCommand(
            actor=cast.bob,
            job_id=cast.job_id,
            test=_test(
                QuestionIn(
                    text=" Pick B ",
                    question_type="multiple_choice",
                    choices=[" A", "B "],
                    correct_answer=" B ",
                ),
                QuestionIn(text=" Why us? ", question_type="open_ended"),
                title=" Screening ",
            ),
        )
    )
    stored = h.tests.tests[cast.job_id]
    assert h.tests.defined_at[cast.job_id] == h.clock.now()
    assert h.tasks.committed[-1] == JobTestDefined(job_id=cast.job_id)
    assert view == JobTestView(
        id=stored.id,
        job=cast.job_id,
        title="Screening",
        questions=[
            QuestionOut(
                id=stored.questions[0].id or 0,
                text="Pick B",
                question_type="multiple_choice",
                choices=["A", "B"],
                correct_answer="B",
            ),
            QuestionOut(
                id=stored.questions[1].id or 0,
                text="Why us?",
                question_type="open_ended",
                choices=[],
                correct_answer=None,
            ),
        ],
    )
    assert [q.id for q in view.questions] == [1, 2]
    assert await h.get_test(GetJobTestCommand(actor=cast.jane, job_id=cast.job_id)) == view
    await h.applied(cast.john, cast.job_id)
    seen = await h.get_test(GetJobTestCommand(actor=cast.john, job_id=cast.job_id))
    assert seen == JobTestView(
        id=view.id,
        job=view.job,
        title=view.title,
        questions=[msgspec.structs.replace(q, correct_answer=None) for q in view.questions],
    )


async def test_a_test_is_refused_with_what_is_wrong(h: Hiring, cast: Cast) -> None:
    one_choice = QuestionIn(
        text="?", question_type="multiple_choice", choices=["A"], correct_answer="A"
    )
    with h.refused(Invalid) as caught:
        await h.define_test(
            DefineJobTestCommand(
                actor=cast.bob, job_id=cast.job_id, test=_test(one_choice, title=" ")
            )
        )
    assert caught.value.errors == {
        "title": ["Give a title of 1 to 200 characters."],
        "questions[0]": ["Give at least two distinct choices."],
    }
    await h.define(cast.bob, cast.job_id)
    application = await h.applied(cast.john, cast.job_id)
    question = h.tests.tests[cast.job_id].questions[0].id or 0
    await h.submit_test(
        SubmitTestCommand(
            actor=cast.john,
            application_id=application,
            answers=[AnswerIn(question=question, answer="B")],
        )
    )
    with h.refused(Conflict) as caught:
        await h.define_test(
            DefineJobTestCommand(actor=cast.bob, job_id=cast.job_id, test=_test(OPEN))
        )
    assert str(caught.value) == "Candidates have already taken this test; it can no longer change."


async def test_withdrawn_jobs_are_asked_for_in_vain_outside_their_team(
    h: Hiring, cast: Cast
) -> None:
    await h.delete_job(DeleteJobCommand(actor=cast.bob, job_id=cast.job_id))
    for nobody in (None, cast.john, cast.eve):
        listing = await h.list_jobs(
            ListJobsCommand(viewer=nobody, filters=JobFilters(is_active=False), page=Page())
        )
        assert listing == Listing[JobSummary](count=0, items=[], has_more=False)

"""Rules that had no test of their own: an application's cancel and its clock, what a move
returns, the cover letter's limit through ApplyToJob, the company-admin path of job access, and
the experience years each level implies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.applications.application import (
    FINAL,
    Application,
    InvalidTransition,
    Status,
)
from core.domain.companies.company import Company
from core.domain.errors import Conflict, NotFound, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.jobs.job import Job
from core.domain.matching.score import CandidateFeatures, JobFeatures, experience_score
from core.use_cases.applications.apply_to_job import ApplyToJobCommand
from core.use_cases.companies.remove_team_member import RemoveTeamMemberCommand
from tests.unit.hiring import Cast, Hiring

APPLIED = datetime(2026, 1, 1, tzinfo=UTC)
LATER = APPLIED + timedelta(days=3)


def application(status: Status = Status.PENDING) -> Application:
    return Application(
        job_id=1, candidate_id=2, status=status, applied_at=APPLIED, updated_at=APPLIED
    )


# --- an application ---------------------------------------------------------------------


def test_final_is_exactly_rejected_withdrawn_and_cancelled() -> None:
    assert frozenset({Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED}) == FINAL
    for status in Status:
        assert application(status).is_final is (status in FINAL), status
    assert not application(Status.ACCEPTED).is_final  # an offer can still be withdrawn


@pytest.mark.parametrize("status", list(Status))
def test_cancelling_returns_the_previous_status_and_stamps_the_change(status: Status) -> None:
    a = application(status)
    assert a.cancel(LATER) is status
    assert a.status is Status.CANCELLED
    assert a.updated_at == LATER
    assert a.applied_at == APPLIED


def test_a_move_returns_the_previous_status_and_stamps_the_change() -> None:
    a = application()
    assert a.move_to("reviewed", LATER) is Status.PENDING
    assert (a.status, a.updated_at) == (Status.REVIEWED, LATER)
    even_later = LATER + timedelta(hours=1)
    assert a.move_to("shortlisted", even_later) is Status.REVIEWED
    assert a.updated_at == even_later
    assert a.applied_at == APPLIED


def test_a_refused_move_changes_nothing() -> None:
    a = application()
    with pytest.raises(InvalidTransition):
        a.move_to("interview", LATER)
    with pytest.raises(InvalidTransition):
        a.move_to("withdrawn", LATER)  # the candidate's word, not the recruiter's
    assert (a.status, a.updated_at) == (Status.PENDING, APPLIED)


#: The guide's pipeline, written out: one stage forward, or rejected; nothing else.
ALLOWED = {
    ("pending", "reviewed"),
    ("reviewed", "shortlisted"),
    ("shortlisted", "interview"),
    ("interview", "accepted"),
    *((stage, "rejected") for stage in ("pending", "reviewed", "shortlisted", "interview")),
    ("accepted", "rejected"),
}


@pytest.mark.parametrize("source", [s for s in Status if s not in FINAL])
@pytest.mark.parametrize("target", list(Status))
def test_every_move_off_the_pipeline_is_refused(source: Status, target: Status) -> None:
    a = application(source)
    if (source.value, target.value) in ALLOWED:
        assert a.move_to(target.value, LATER) is source
        assert a.status is target
    else:
        with pytest.raises(InvalidTransition):
            a.move_to(target.value, LATER)
        assert (a.status, a.updated_at) == (source, APPLIED)


@pytest.mark.parametrize("status", sorted(FINAL))
def test_a_final_application_says_so(status: Status) -> None:
    with pytest.raises(InvalidTransition) as refused:
        application(status).move_to("reviewed", LATER)
    assert refused.value.errors == {
        "status": [f"An application that is {status} is final: its status cannot change."]
    }
    assert refused.value.allowed == []


def test_an_unknown_status_lists_every_status() -> None:
    with pytest.raises(InvalidTransition) as refused:
        application().move_to("hired", LATER)
    assert refused.value.errors == {
        "status": [
            '"hired" is not a status (pending, reviewed, shortlisted, interview, accepted, '
            "rejected, withdrawn, cancelled)."
        ]
    }
    assert refused.value.allowed == ["reviewed", "rejected"]


def test_withdrawing_returns_the_previous_status_and_is_refused_once_final() -> None:
    a = application(Status.INTERVIEW)
    assert a.withdraw(LATER) is Status.INTERVIEW
    assert (a.status, a.updated_at) == (Status.WITHDRAWN, LATER)
    for status in FINAL:
        done = application(status)
        with pytest.raises(Conflict, match=f"already {status}"):
            done.withdraw(LATER)
        assert done.updated_at == APPLIED
    accepted = application(Status.ACCEPTED)
    assert accepted.withdraw(LATER) is Status.ACCEPTED


# --- applying: the cover letter's 10,000 characters -------------------------------------


@pytest.mark.parametrize("length", [9_999, 10_000])
async def test_a_cover_letter_of_up_to_10000_characters_is_kept(
    h: Hiring, cast: Cast, length: int
) -> None:
    created = await h.apply(
        ApplyToJobCommand(actor=cast.john, job_id=cast.job_id, cover_letter="c" * length)
    )
    assert len(created.cover_letter) == length


async def test_a_cover_letter_of_10001_characters_is_refused(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, cast.job_id, cover_letter="c" * 10_001)
    assert refused.value.errors == {
        "cover_letter": ["Ensure this field has no more than 10000 characters."]
    }
    assert h.applications.rows == {}


async def test_applying_checks_the_quota_of_the_candidate_who_applies(
    h: Hiring, cast: Cast
) -> None:
    h.application_quota.exhausted.add(cast.max.require_id())
    assert await h.applied(cast.john, cast.job_id)  # John's quota is not Max's
    with h.refused(Exception) as refused:
        await h.applied(cast.max, cast.job_id)
    assert type(refused.value).__name__ == "PaymentRequired"


async def test_an_unknown_job_is_named(h: Hiring, cast: Cast) -> None:
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, 4242)
    assert refused.value.errors == {"job": ["Job 4242 does not exist."]}


async def test_a_withdrawn_job_takes_no_application(h: Hiring, cast: Cast) -> None:
    job = await h.jobs.get(cast.job_id)
    assert job is not None
    job.is_active = False
    await h.jobs.update(job)
    with h.refused(Invalid) as refused:
        await h.applied(cast.john, cast.job_id)
    assert refused.value.errors == {"job": ["This job is no longer accepting applications."]}
    assert h.applications.rows == {}


async def test_an_application_and_its_first_history_entry_carry_the_time_of_applying(
    h: Hiring, cast: Cast
) -> None:
    h.clock.advance(hours=5)
    applied = h.clock.now()
    application_id = await h.applied(cast.john, cast.job_id)
    stored = h.applications.rows[application_id]
    assert (stored.applied_at, stored.updated_at) == (applied, applied)
    (first,) = await h.applications.history(application_id)
    assert (first.from_status, first.to_status, first.changed_at) == (None, "pending", applied)
    assert first.changed_by == cast.john.require_id()


# --- job access: the poster and the company's admin, while in its team ------------------


def company(admin_id: int = 10, company_id: int = 1) -> Company:
    return Company(id=company_id, name="One", slug="one", admin_id=admin_id, updated_at=APPLIED)


def job(recruiter_id: int = 20, company_id: int = 1) -> Job:
    return Job(
        id=5,
        title="Dev",
        company_id=company_id,
        recruiter_id=recruiter_id,
        created_at=APPLIED,
        updated_at=APPLIED,
    )


def test_the_admin_manages_every_job_of_the_company_while_in_it() -> None:
    assert job().may_be_managed_by(10, member_of=1, company=company())  # the admin
    assert job().may_be_managed_by(20, member_of=1, company=company())  # the poster
    assert not job().may_be_managed_by(30, member_of=1, company=company())  # another member
    assert not job().may_be_managed_by(10, member_of=None, company=company())
    assert not job().may_be_managed_by(20, member_of=2, company=company())
    # The company handed in must be the job's own: admin of another company is nobody here.
    other = company(admin_id=10, company_id=2)
    assert not job().may_be_managed_by(10, member_of=2, company=other)
    assert not job().may_be_managed_by(10, member_of=1, company=other)


async def test_the_company_admin_manages_a_members_job_through_job_access(
    h: Hiring, cast: Cast
) -> None:
    managed = await h.job_access.managed(cast.jane, cast.job_id)
    assert (managed.job.id, managed.company.id) == (cast.job_id, cast.one)
    assert managed.company.is_admin(cast.jane.require_id())
    assert await h.job_access.manages_job_id(cast.jane, cast.job_id) is not None
    assert await h.job_access.manages_job_id(cast.jane, 999) is None
    assert await h.job_access.member_company(cast.jane) == cast.one
    assert await h.job_access.member_company(cast.john) is None
    assert await h.job_access.member_company(None) is None
    for outsider in (cast.carl, cast.eve, cast.john, cast.root):
        assert await h.job_access.manages_job_id(outsider, cast.job_id) is None
        with pytest.raises(PermissionDenied, match="job's recruiter or its company's admin"):
            await h.job_access.managed(outsider, cast.job_id)
    with pytest.raises(NotFound, match="Job not found"):
        await h.job_access.managed(cast.jane, 999)


async def test_the_poster_who_left_loses_the_job_the_admin_keeps_it(h: Hiring, cast: Cast) -> None:
    await h.remove_member(
        RemoveTeamMemberCommand(actor=cast.jane, company_id=cast.one, user_id=cast.bob.require_id())
    )
    assert await h.job_access.manages_job_id(cast.bob, cast.job_id) is None
    assert await h.job_access.manages_job_id(cast.jane, cast.job_id) is not None


# --- the years of experience each level implies --------------------------------------------


@pytest.mark.parametrize(
    ("level", "years"),
    [("intern", 0.0), ("junior", 1.0), ("mid", 3.0), ("senior", 5.0), ("lead", 8.0)],
)
def test_each_level_implies_its_years(level: str, years: float) -> None:
    job = JobFeatures(job_id=1, level=level)
    assert experience_score(CandidateFeatures(candidate_id=1, years=years), job) == 100.0
    if years:
        short = experience_score(CandidateFeatures(candidate_id=1, years=years - 1), job)
        assert short == 80.0  # one year short: 100 / (1 + (1/2)^2)
    else:
        assert experience_score(CandidateFeatures(candidate_id=1, years=0.0), job) == 100.0


def test_an_unknown_level_is_taken_as_mid() -> None:
    job = JobFeatures(job_id=1, level="wizard")
    assert experience_score(CandidateFeatures(candidate_id=1, years=3.0), job) == 100.0
    assert experience_score(CandidateFeatures(candidate_id=1, years=2.0), job) == 80.0
    assert experience_score(CandidateFeatures(candidate_id=1, years=1.0), job) == 50.0
    assert experience_score(CandidateFeatures(candidate_id=1, years=None), job) == 50.0


def test_a_refused_move_says_it_in_one_sentence_naming_the_status() -> None:
    refused = InvalidTransition(Status.PENDING, "accepted")
    sentence = "An application that is pending can move to reviewed or rejected, not to accepted."
    assert refused.message == sentence
    assert refused.errors == {"status": [sentence]}

"""Access follows company membership; joining a team takes the recruiter's consent; no one
else's action deletes a company with anything in it. The core's rules, with fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.applications.views import ApplicationContext
from core.domain.companies.company import (
    Company,
    CompanyChanges,
    CompanyNameTaken,
    company_name_key,
    default_company_names,
)
from core.domain.companies.events import TeamInvitationAnswered, TeamInvitationSent
from core.domain.companies.team import (
    INVITATION_TTL,
    AlreadyInvited,
    CompanyFootprint,
    leaving_problem,
)
from core.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.domain.jobs.job import Job
from core.use_cases.companies.answer_invitation import AnswerInvitationCommand
from core.use_cases.companies.cancel_invitation import CancelInvitationCommand
from core.use_cases.companies.create_company import CreateCompanyCommand
from core.use_cases.companies.invite_team_member import InviteTeamMemberCommand
from core.use_cases.companies.list_company_invitations import ListCompanyInvitationsCommand
from core.use_cases.companies.list_my_invitations import ListMyInvitationsCommand
from core.use_cases.companies.remove_team_member import RemoveTeamMemberCommand
from core.use_cases.companies.update_company import UpdateCompanyCommand
from tests.fakes.platform import FakeClock
from tests.unit.hiring import Hiring

NOW = FakeClock().now()


def _company(**fields: object) -> Company:
    values: dict[str, object] = {"id": 1, "name": "Tech Corp", "slug": "tech-corp", "admin_id": 10}
    values.update(fields)
    return Company(updated_at=NOW, **values)  # type: ignore[arg-type]


def _job(recruiter_id: int = 20, company_id: int = 1) -> Job:
    return Job(
        title="Dev",
        company_id=company_id,
        recruiter_id=recruiter_id,
        created_at=NOW,
        updated_at=NOW,
    )


# --- the rule -----------------------------------------------------------------------------


@given(
    user=st.sampled_from([10, 20, 30]),
    member_of=st.sampled_from([None, 1, 2]),
)
def test_only_members_manage_a_job_as_its_poster_or_the_admin(
    user: int, member_of: int | None
) -> None:
    company, job = _company(admin_id=10), _job(recruiter_id=20)
    allowed = job.may_be_managed_by(user, member_of=member_of, company=company)
    assert allowed == (member_of == 1 and user in (10, 20))


def test_a_job_of_another_company_is_never_managed() -> None:
    assert not _job(company_id=2).may_be_managed_by(10, member_of=1, company=_company())


def test_application_context_speaks_to_members_only() -> None:
    base = {
        "application_id": 1,
        "job_id": 1,
        "job_title": "Dev",
        "company_id": 1,
        "company_name": "Tech Corp",
        "recruiter_id": 20,
        "company_admin_id": 10,
        "candidate_id": 30,
        "candidate_name": "John",
    }
    member = ApplicationContext(recruiter_is_member=True, **base)  # type: ignore[arg-type]
    left = ApplicationContext(recruiter_is_member=False, **base)  # type: ignore[arg-type]
    assert member.managers == {10, 20} and member.contact_id == 20
    assert left.managers == {10} and left.contact_id == 10


@pytest.mark.parametrize(
    ("footprint", "profile", "held"),
    [
        (CompanyFootprint(members=1, jobs=0, followers=0), {}, None),
        (CompanyFootprint(members=2, jobs=0, followers=0), {}, "1 other member"),
        (CompanyFootprint(members=3, jobs=0, followers=0), {}, "2 other members"),
        (CompanyFootprint(members=1, jobs=1, followers=0), {}, "1 job"),
        (CompanyFootprint(members=1, jobs=0, followers=2), {}, "2 followers"),
        (CompanyFootprint(members=1, jobs=0, followers=0), {"website": "https://a.io"}, "profile"),
        (CompanyFootprint(members=1, jobs=0, followers=0), {"founded_year": 2000}, "profile"),
    ],
)
def test_an_admin_leaves_only_an_untouched_company_of_one(
    footprint: CompanyFootprint, profile: dict[str, object], held: str | None
) -> None:
    company = _company(**profile)
    problem = leaving_problem(company, 10, footprint)
    if held is None:
        assert problem is None
    else:
        assert problem is not None and held in problem
    # A member (not the admin) always may leave: the company keeps everything.
    assert leaving_problem(company, 20, footprint) is None


@pytest.mark.parametrize(
    ("footprint", "profile", "held"),
    [
        (CompanyFootprint(members=2, jobs=1, followers=1), {}, "1 other member, 1 job, 1 follower"),
        (
            CompanyFootprint(members=3, jobs=2, followers=2),
            {"logo": "https://a.io/logo.png"},
            "2 other members, 2 jobs, 2 followers, a company profile",
        ),
        (CompanyFootprint(members=1, jobs=3, followers=0), {}, "3 jobs"),
        (
            CompanyFootprint(members=1, jobs=0, followers=0),
            {"industry": "Tech"},
            "a company profile",
        ),
    ],
)
def test_an_admin_is_told_everything_their_company_holds(
    footprint: CompanyFootprint, profile: dict[str, object], held: str
) -> None:
    assert leaving_problem(_company(**profile), 10, footprint) == (
        f"You are the admin of Tech Corp, which has {held}; "
        "a company you administer cannot be left behind."
    )


def test_a_company_names_key_is_its_words_folded_and_single_spaced() -> None:
    """The key is stored (the unique ``name_key`` column): its spelling is part of the contract."""
    assert company_name_key("  Tech   CORP ") == "tech corp"
    assert (
        company_name_key("\uff34\uff45\uff43\uff48\tStraße") == "tech strasse"
    )  # full-width letters, ß folded


def test_company_names_compare_ignoring_case_and_spacing() -> None:
    assert company_name_key("  Tech   CORP ") == company_name_key("tech corp")
    assert company_name_key("Tech Corp") != company_name_key("TechCorp")
    names = default_company_names("John Doe", "john_two")
    assert names[:2] == ["John Doe's company", "John Doe's company (john_two)"]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 200 for n in default_company_names("x" * 300, "u" * 30))
    assert default_company_names("", "solo")[0] == "solo's company"


# --- job and application access ------------------------------------------------------------


async def test_job_access_follows_membership() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    bob = await h.recruiter("bob")
    carl = await h.recruiter("carl", "Company Two")
    john = await h.candidate("john")
    await h.join(jane, bob)
    job = await h.job(bob)
    assert job.id is not None
    assert (await h.job_access.managed(bob, job.id)).job.id == job.id
    assert (await h.job_access.managed(jane, job.id)).company.name == "Company One"
    for outsider in (carl, john):
        with pytest.raises(PermissionDenied):
            await h.job_access.managed(outsider, job.id)
    with pytest.raises(NotFound):
        await h.job_access.managed(jane, 999)

    # Removed from the team, then in a competitor's: Bob keeps nothing; Jane keeps the job.
    await h.remove_member(
        RemoveTeamMemberCommand(actor=jane, company_id=h.company_of(jane) or 0, user_id=bob.id or 0)
    )
    with pytest.raises(PermissionDenied):
        await h.job_access.managed(bob, job.id)
    await h.join(carl, bob)
    with pytest.raises(PermissionDenied):
        await h.job_access.managed(bob, job.id)
    assert await h.job_access.manages(jane, job) is not None


async def test_an_application_exists_only_for_its_candidate_and_the_jobs_managers() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    carl = await h.recruiter("carl", "Company Two")
    john, max_ = await h.candidate("john"), await h.candidate("max")
    application = await h.application(john, await h.job(jane))
    assert application.id is not None
    assert (await h.application_access.seen(john, application.id)).by_candidate
    assert not (await h.application_access.seen(jane, application.id)).by_candidate
    assert (await h.application_access.managed(jane, application.id)).id == application.id
    for stranger in (carl, max_):
        with pytest.raises(NotFound):
            await h.application_access.seen(stranger, application.id)
        with pytest.raises(NotFound):
            await h.application_access.managed(stranger, application.id)
    with pytest.raises(PermissionDenied):  # the candidate sees it but cannot move it
        await h.application_access.managed(john, application.id)
    with pytest.raises(NotFound):
        await h.application_access.seen(jane, 999)


# --- invitations ---------------------------------------------------------------------------


async def test_joining_takes_an_accepted_invitation() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    bob = await h.recruiter("bob")
    one, bob_own = h.company_of(jane), h.company_of(bob)
    assert one is not None and bob_own is not None
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=jane, company_id=one, email="BOB@example.com", role=" HR ")
    )
    assert (invitation.status, invitation.role, invitation.user.username) == (
        "pending",
        "HR",
        "bob",
    )
    assert h.company_of(bob) == bob_own  # nothing changes until he accepts
    assert isinstance(h.tasks.committed[-1], TeamInvitationSent)
    assert [i.id for i in await h.my_invitations(ListMyInvitationsCommand(actor=bob))] == [
        invitation.id
    ]
    accepted = await h.answer(
        AnswerInvitationCommand(actor=bob, invitation_id=invitation.id, accept=True)
    )
    assert accepted.status == "accepted"
    assert h.company_of(bob) == one
    assert h.profiles.rows[bob.require_id()].role == "HR"
    assert h.companies.deleted == [bob_own]  # his untouched company of one gave way
    assert isinstance(h.tasks.committed[-1], TeamInvitationAnswered)
    with pytest.raises(Conflict):  # answered once
        await h.answer(
            AnswerInvitationCommand(actor=bob, invitation_id=invitation.id, accept=False)
        )


async def test_an_admin_with_anything_in_their_company_cannot_be_pulled_away() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    carl = await h.recruiter("carl", "Company Two")
    two = h.company_of(carl)
    assert two is not None
    await h.companies.follow(two, 99)
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=jane, company_id=h.company_of(jane) or 0, email=carl.email)
    )
    with pytest.raises(Conflict, match="1 follower"):
        await h.answer(
            AnswerInvitationCommand(actor=carl, invitation_id=invitation.id, accept=True)
        )
    assert h.company_of(carl) == two
    assert two in h.companies.rows and h.companies.deleted == []
    declined = await h.answer(
        AnswerInvitationCommand(actor=carl, invitation_id=invitation.id, accept=False)
    )
    assert declined.status == "declined" and h.company_of(carl) == two


async def test_a_member_of_another_team_leaves_it_by_accepting() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    carl = await h.recruiter("carl", "Company Two")
    bob = await h.recruiter("bob")
    await h.join(carl, bob)
    job = await h.job(bob)
    await h.join(jane, bob)
    assert h.company_of(bob) == h.company_of(jane)
    assert job.company_id in h.companies.rows  # Company Two keeps its job
    assert await h.job_access.manages(carl, job) is not None
    assert await h.job_access.manages(bob, job) is None


async def test_invitation_rules() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    bob = await h.recruiter("bob")
    carl = await h.recruiter("carl", "Company Two")
    john = await h.candidate("john")
    one = h.company_of(jane)
    assert one is not None

    def invite(actor: object = jane, email: str = "bob@example.com", role: str = ""):  # type: ignore[no-untyped-def]
        return h.invite(
            InviteTeamMemberCommand(actor=actor, company_id=one, email=email, role=role)  # type: ignore[arg-type]
        )

    with pytest.raises(PermissionDenied):
        await invite(actor=carl)
    for email in (john.email, "nobody@example.com"):
        with pytest.raises(ValidationFailed) as refused:
            await invite(email=email)
        assert "email" in refused.value.errors
    with pytest.raises(ValidationFailed):
        await invite(role="r" * 101)
    await invite(role="r" * 100)  # the limit itself is fine
    with pytest.raises(AlreadyInvited):
        await invite()
    with pytest.raises(Conflict):
        await invite(email=jane.email)  # already in the team

    # Someone else cannot answer it; an expired one cannot be accepted and may be re-sent.
    open_one = (
        await h.company_invitations(ListCompanyInvitationsCommand(actor=jane, company_id=one))
    )[0]
    with pytest.raises(NotFound):
        await h.answer(AnswerInvitationCommand(actor=carl, invitation_id=open_one.id, accept=True))
    with pytest.raises(PermissionDenied):
        await h.company_invitations(ListCompanyInvitationsCommand(actor=carl, company_id=one))
    h.clock.advance(seconds=INVITATION_TTL.total_seconds())
    assert await h.my_invitations(ListMyInvitationsCommand(actor=bob)) == []
    with pytest.raises(Conflict, match="expired"):
        await h.answer(AnswerInvitationCommand(actor=bob, invitation_id=open_one.id, accept=True))
    renewed = await invite()
    assert renewed.id != open_one.id and renewed.status == "pending"

    # The admin withdraws it; it can no longer be accepted.
    with pytest.raises(PermissionDenied):
        await h.cancel(CancelInvitationCommand(actor=bob, company_id=one, invitation_id=renewed.id))
    await h.cancel(CancelInvitationCommand(actor=jane, company_id=one, invitation_id=renewed.id))
    with pytest.raises(Conflict, match="cancelled"):
        await h.answer(AnswerInvitationCommand(actor=bob, invitation_id=renewed.id, accept=True))


async def test_invitation_is_open_until_just_before_it_expires() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    bob = await h.recruiter("bob")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=jane, company_id=h.company_of(jane) or 0, email=bob.email)
    )
    h.clock.advance(seconds=(INVITATION_TTL - timedelta(seconds=1)).total_seconds())
    assert len(await h.my_invitations(ListMyInvitationsCommand(actor=bob))) == 1
    await h.answer(AnswerInvitationCommand(actor=bob, invitation_id=invitation.id, accept=True))
    assert h.company_of(bob) == h.company_of(jane)


async def test_leaving_and_removing() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    bob, eve = await h.recruiter("bob"), await h.recruiter("eve")
    await h.join(jane, bob)
    await h.join(jane, eve)
    one = h.company_of(jane)
    assert one is not None

    def remove(actor: object, user: object):  # type: ignore[no-untyped-def]
        return h.remove_member(
            RemoveTeamMemberCommand(actor=actor, company_id=one, user_id=user.id)  # type: ignore[arg-type,attr-defined]
        )

    with pytest.raises(PermissionDenied):
        await remove(bob, eve)  # a member removes nobody but themselves
    with pytest.raises(Conflict):
        await remove(jane, jane)  # the admin stays
    await remove(bob, bob)  # leaving
    assert h.company_of(bob) is None
    await remove(jane, eve)
    assert h.company_of(eve) is None
    with pytest.raises(NotFound):
        await remove(jane, eve)
    # Out of every team, Bob starts his own company; names stay unique.
    with pytest.raises(CompanyNameTaken):
        await h.create_company(CreateCompanyCommand(actor=bob, name="COMPANY one"))
    created = await h.create_company(CreateCompanyCommand(actor=bob, name="Bob Builders"))
    assert created.team_members[0].is_admin and h.company_of(bob) == created.id
    with pytest.raises(Conflict):
        await h.create_company(CreateCompanyCommand(actor=bob, name="Another"))


async def test_a_company_cannot_rename_into_another_ones_name() -> None:
    h = Hiring()
    jane = await h.recruiter("jane", "Company One")
    carl = await h.recruiter("carl", "Company Two")
    two = h.company_of(carl)
    assert two is not None
    with pytest.raises(CompanyNameTaken) as taken:
        await h.update_company(
            UpdateCompanyCommand(
                actor=carl, company_id=two, changes=CompanyChanges(name=" company  ONE")
            )
        )
    assert "name" in taken.value.errors
    assert h.companies.rows[two].name == "Company Two"
    renamed = await h.update_company(
        UpdateCompanyCommand(actor=carl, company_id=two, changes=CompanyChanges(name="company two"))
    )
    assert renamed.name == "company two"
    assert jane.id is not None

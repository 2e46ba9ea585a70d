"""Companies: following, reading, listing and changing them, starting one, and the refused
roles of the team's use cases (the membership rules themselves: ``test_membership``)."""

from __future__ import annotations

import pytest

from core.domain.companies.company import CompanyChanges, CompanyNameTaken
from core.domain.companies.events import TeamInvitationAnswered, TeamInvitationSent
from core.domain.companies.team import INVITATION_TTL, InvitationStatus
from core.domain.companies.views import CompanyFilters
from core.domain.errors import Conflict, NotFound, PermissionDenied
from core.domain.errors import ValidationFailed as Invalid
from core.domain.pages import Page
from core.use_cases.companies.answer_invitation import AnswerInvitationCommand
from core.use_cases.companies.cancel_invitation import CancelInvitationCommand
from core.use_cases.companies.create_company import CreateCompanyCommand
from core.use_cases.companies.follow_company import FollowCompanyCommand
from core.use_cases.companies.get_company import GetCompanyCommand
from core.use_cases.companies.get_company_by_slug import GetCompanyBySlugCommand
from core.use_cases.companies.invite_team_member import InviteTeamMemberCommand
from core.use_cases.companies.list_companies import ListCompaniesCommand
from core.use_cases.companies.list_company_invitations import ListCompanyInvitationsCommand
from core.use_cases.companies.list_my_invitations import ListMyInvitationsCommand
from core.use_cases.companies.remove_team_member import RemoveTeamMemberCommand
from core.use_cases.companies.update_company import UpdateCompanyCommand
from core.use_cases.jobs.delete_job import DeleteJobCommand
from tests.unit.hiring import Cast, Hiring

# --- following -----------------------------------------------------------------------------


async def test_a_candidate_follows_and_unfollows_and_twice_is_once(h: Hiring, cast: Cast) -> None:
    commits = h.tx.commits

    async def follow(follow: bool = True) -> bool:
        return await h.follow(
            FollowCompanyCommand(actor=cast.john, company_id=cast.one, follow=follow)
        )

    assert await follow() is True
    assert await follow() is False
    assert (await h.get_company(GetCompanyCommand(company_id=cast.one))).followers_count == 1
    assert await follow(False) is True
    assert await follow(False) is False
    assert (await h.get_company(GetCompanyCommand(company_id=cast.one))).followers_count == 0
    assert h.tx.commits == commits + 4


@pytest.mark.parametrize("who", ["jane", "carl", "root"])
async def test_only_candidates_follow(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.follow(FollowCompanyCommand(actor=getattr(cast, who), company_id=cast.one))
    assert h.companies.followers == {}


async def test_a_missing_company_cannot_be_followed(h: Hiring, cast: Cast) -> None:
    with h.refused(NotFound):
        await h.follow(FollowCompanyCommand(actor=cast.john, company_id=999))


# --- reading -------------------------------------------------------------------------------


async def test_a_company_shows_its_team_and_live_jobs(h: Hiring, cast: Cast) -> None:
    closed = await h.post(cast.jane, "Office Manager")
    await h.delete_job(DeleteJobCommand(actor=cast.jane, job_id=closed))
    detail = await h.get_company(GetCompanyCommand(company_id=cast.one))
    assert [(m.user.username, m.role, m.is_admin) for m in detail.team_members] == [
        ("jane", "", True),
        ("bob", "Tech lead", False),
    ]  # Eve left
    assert [j.id for j in detail.active_jobs] == [cast.job_id]
    with pytest.raises(NotFound):
        await h.get_company(GetCompanyCommand(company_id=999))


async def test_companies_are_listed_by_name_with_their_live_jobs(h: Hiring, cast: Cast) -> None:
    async def listed(**filters: str) -> list[tuple[str, int]]:
        listing = await h.list_companies(
            ListCompaniesCommand(filters=CompanyFilters(**filters), page=Page())
        )
        return [(c.name, c.active_jobs_count) for c in listing.items]

    assert await listed() == [("Company One", 1), ("Company Two", 0)]
    assert await listed(search="two") == [("Company Two", 0)]


# --- changing ------------------------------------------------------------------------------


async def test_the_admin_changes_the_company(h: Hiring, cast: Cast) -> None:
    commits = h.tx.commits
    detail = await h.update_company(
        UpdateCompanyCommand(
            actor=cast.jane,
            company_id=cast.one,
            changes=CompanyChanges(website=" https://one.example ", founded_year=2001),
        )
    )
    assert (detail.website, detail.founded_year, detail.name) == (
        "https://one.example",
        2001,
        "Company One",
    )
    assert h.tx.commits == commits + 1
    renamed = await h.update_company(
        UpdateCompanyCommand(
            actor=cast.jane, company_id=cast.one, changes=CompanyChanges(name="COMPANY ONE")
        )
    )
    assert renamed.name == "COMPANY ONE"  # its own name, in other letters
    assert renamed.slug == "company-one"  # the slug does not follow


@pytest.mark.parametrize("who", ["bob", "eve", "carl", "john", "root"])
async def test_only_the_admin_changes_the_company(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.update_company(
            UpdateCompanyCommand(
                actor=getattr(cast, who), company_id=cast.one, changes=CompanyChanges(name="Mine")
            )
        )
    assert h.companies.rows[cast.one].name == "Company One"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (CompanyChanges(name="  "), "name"),
        (CompanyChanges(website="ftp://one"), "website"),
        (CompanyChanges(employee_count="a lot"), "employee_count"),
        (CompanyChanges(founded_year=2099), "founded_year"),
        (CompanyChanges(name="company  two"), "name"),
    ],
)
async def test_a_change_breaking_a_rule_is_refused(
    h: Hiring, cast: Cast, changes: CompanyChanges, field: str
) -> None:
    with h.refused(Invalid) as refused:
        await h.update_company(
            UpdateCompanyCommand(actor=cast.jane, company_id=cast.one, changes=changes)
        )
    assert field in refused.value.errors
    assert h.companies.rows[cast.one].name == "Company One"
    with h.refused(NotFound):
        await h.update_company(
            UpdateCompanyCommand(actor=cast.jane, company_id=999, changes=changes)
        )


# --- starting one --------------------------------------------------------------------------


async def test_a_recruiter_in_no_team_starts_a_company_and_runs_it(h: Hiring, cast: Cast) -> None:
    created = await h.create_company(CreateCompanyCommand(actor=cast.eve, name=" Eve Labs "))
    assert (created.name, created.slug) == ("Eve Labs", "eve-labs")
    assert [(m.user.username, m.is_admin) for m in created.team_members] == [("eve", True)]
    assert h.company_of(cast.eve) == created.id
    assert await h.post(cast.eve, "Dev")


async def test_starting_a_company_is_refused_to_the_others(h: Hiring, cast: Cast) -> None:
    companies = len(h.companies.rows)
    with h.refused(Conflict):
        await h.create_company(CreateCompanyCommand(actor=cast.bob, name="Bob Inc"))
    for who in (cast.john, cast.root):
        with h.refused(PermissionDenied):
            await h.create_company(CreateCompanyCommand(actor=who, name="Mine"))
    with h.refused(Invalid):
        await h.create_company(CreateCompanyCommand(actor=cast.eve, name="   "))
    with h.refused(CompanyNameTaken):
        await h.create_company(CreateCompanyCommand(actor=cast.eve, name="company one"))
    assert len(h.companies.rows) == companies and h.company_of(cast.eve) is None


# --- the team's use cases, refused ---------------------------------------------------------


async def test_invitations_are_sent_and_answered_once_committed(h: Hiring, cast: Cast) -> None:
    ann = await h.recruiter("ann")
    commits = h.tx.commits
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    assert h.tx.commits == commits + 1
    assert h.tasks.committed[-1:] == [TeamInvitationSent(invitation_id=invitation.id)]
    await h.answer(AnswerInvitationCommand(actor=ann, invitation_id=invitation.id, accept=False))
    assert h.tasks.committed[-1:] == [TeamInvitationAnswered(invitation_id=invitation.id)]
    assert h.company_of(ann) != cast.one


@pytest.mark.parametrize("who", ["bob", "eve", "carl", "john"])
async def test_only_the_admin_invites_lists_and_withdraws_invitations(
    h: Hiring, cast: Cast, who: str
) -> None:
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    actor = getattr(cast, who)
    with h.refused(PermissionDenied):
        await h.invite(InviteTeamMemberCommand(actor=actor, company_id=cast.one, email=ann.email))
    with h.refused(PermissionDenied):
        await h.company_invitations(ListCompanyInvitationsCommand(actor=actor, company_id=cast.one))
    with h.refused(PermissionDenied):
        await h.cancel(
            CancelInvitationCommand(actor=actor, company_id=cast.one, invitation_id=invitation.id)
        )
    # Only the invited recruiter has an invitation to answer; a candidate has none at all.
    with h.refused(PermissionDenied if who == "john" else NotFound):
        await h.answer(
            AnswerInvitationCommand(actor=actor, invitation_id=invitation.id, accept=True)
        )
    assert h.invitations.rows[invitation.id].status.value == "pending"


async def test_another_companys_invitation_cannot_be_withdrawn_through_yours(
    h: Hiring, cast: Cast
) -> None:
    ann = await h.recruiter("ann")
    theirs = await h.invite(
        InviteTeamMemberCommand(
            actor=cast.carl, company_id=h.company_of(cast.carl) or 0, email=ann.email
        )
    )
    with h.refused(NotFound):
        await h.cancel(
            CancelInvitationCommand(actor=cast.jane, company_id=cast.one, invitation_id=theirs.id)
        )
    with h.refused(NotFound):
        await h.invite(InviteTeamMemberCommand(actor=cast.jane, company_id=999, email=ann.email))


async def test_only_recruiters_have_invitations(h: Hiring, cast: Cast) -> None:
    for who in (cast.john, cast.root):
        with pytest.raises(PermissionDenied):
            await h.my_invitations(ListMyInvitationsCommand(actor=who))
    assert await h.my_invitations(ListMyInvitationsCommand(actor=cast.carl)) == []


@pytest.mark.parametrize("who", ["carl", "john", "eve"])
async def test_outsiders_remove_nobody_from_a_team(h: Hiring, cast: Cast, who: str) -> None:
    with h.refused(PermissionDenied):
        await h.remove_member(
            RemoveTeamMemberCommand(
                actor=getattr(cast, who), company_id=cast.one, user_id=cast.bob.require_id()
            )
        )
    assert h.company_of(cast.bob) == cast.one
    with h.refused(NotFound):
        await h.remove_member(
            RemoveTeamMemberCommand(actor=cast.jane, company_id=999, user_id=cast.bob.require_id())
        )


async def test_a_company_is_found_by_its_slug_and_by_the_slugs_it_had(
    h: Hiring, cast: Cast
) -> None:
    async def by_slug(slug: str) -> tuple[int, str]:
        detail = await h.get_company_by_slug(GetCompanyBySlugCommand(slug=slug))
        return detail.id, detail.slug

    assert await by_slug("company-one") == (cast.one, "company-one")
    assert await by_slug(" Company-One ") == (cast.one, "company-one")  # as typed in a link
    await h.update_company(
        UpdateCompanyCommand(
            actor=cast.jane, company_id=cast.one, changes=CompanyChanges(name="Orbit Labs")
        )
    )
    assert await by_slug("orbit-labs") == (cast.one, "orbit-labs")
    assert await by_slug("company-one") == (cast.one, "orbit-labs")  # old links keep working
    for unknown in ("company-three", "", "orbit"):
        with h.refused(NotFound) as caught:
            await by_slug(unknown)
        assert str(caught.value) == "Company not found."


# --- what each answer stores and each refusal says ------------------------------------------


async def test_a_missing_company_is_not_found_and_says_so(h: Hiring, cast: Cast) -> None:
    calls = [
        h.get_company(GetCompanyCommand(company_id=999)),
        h.follow(FollowCompanyCommand(actor=cast.john, company_id=999)),
        h.update_company(
            UpdateCompanyCommand(actor=cast.jane, company_id=999, changes=CompanyChanges())
        ),
        h.remove_member(
            RemoveTeamMemberCommand(actor=cast.jane, company_id=999, user_id=cast.bob.require_id())
        ),
    ]
    for call in calls:
        with h.refused(NotFound) as caught:
            await call
        assert str(caught.value) == "Company not found."


async def test_the_admins_operations_tell_others_who_may(h: Hiring, cast: Cast) -> None:
    with h.refused(PermissionDenied) as caught:
        await h.company_invitations(
            ListCompanyInvitationsCommand(actor=cast.bob, company_id=cast.one)
        )
    assert str(caught.value) == "Only the company's admin can do this."


async def test_a_change_is_stamped_now_and_a_taken_name_is_named(h: Hiring, cast: Cast) -> None:
    h.clock.advance(days=2)
    await h.update_company(
        UpdateCompanyCommand(
            actor=cast.jane, company_id=cast.one, changes=CompanyChanges(industry=" Tech ")
        )
    )
    company = h.companies.rows[cast.one]
    assert (company.industry, company.updated_at) == ("Tech", h.clock.now())
    with h.refused(CompanyNameTaken) as caught:
        await h.update_company(
            UpdateCompanyCommand(
                actor=cast.jane, company_id=cast.one, changes=CompanyChanges(name="company TWO")
            )
        )
    assert caught.value.errors == {"name": [CompanyNameTaken.MESSAGE]}
    assert CompanyNameTaken.MESSAGE == (
        "A company with this name already exists (names are compared ignoring case)."
    )
    assert h.companies.rows[cast.one].slug == "company-one"


async def test_starting_a_company_is_refused_with_why(h: Hiring, cast: Cast) -> None:
    with h.refused(Conflict) as caught:
        await h.create_company(CreateCompanyCommand(actor=cast.bob, name="Bob Inc"))
    assert str(caught.value) == "You are already in a company's team; leave it first."
    with h.refused(Invalid) as caught:
        await h.create_company(CreateCompanyCommand(actor=cast.eve, name="   "))
    assert caught.value.errors == {"name": ["This field may not be blank."]}
    with h.refused(CompanyNameTaken) as caught:
        await h.create_company(CreateCompanyCommand(actor=cast.eve, name=" company  one "))
    assert caught.value.errors == {"name": [CompanyNameTaken.MESSAGE]}
    del h.profiles.rows[cast.eve.require_id()]  # a recruiter account without its profile
    with h.refused(NotFound) as caught:
        await h.create_company(CreateCompanyCommand(actor=cast.eve, name="Eve Labs"))
    assert str(caught.value) == "Recruiter profile not found."
    assert h.company_of(cast.bob) == cast.one


async def test_an_invitation_is_stored_as_sent_and_answered_as_its_view_says(
    h: Hiring, cast: Cast
) -> None:
    ann = await h.recruiter("ann")
    h.clock.advance(hours=1)
    sent_at = h.clock.now()
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email, role=" HR ")
    )
    stored = h.invitations.rows[invitation.id]
    assert (stored.company_id, stored.user_id, stored.invited_by, stored.role) == (
        cast.one,
        ann.id,
        cast.jane.id,
        "HR",
    )
    assert (stored.created_at, stored.expires_at) == (sent_at, sent_at + INVITATION_TTL)
    assert (invitation.status, invitation.created_at, invitation.expires_at) == (
        "pending",
        sent_at,
        sent_at + INVITATION_TTL,
    )
    assert (invitation.company.name, invitation.invited_by.username) == ("Company One", "jane")
    h.clock.advance(hours=1)
    answered = await h.answer(
        AnswerInvitationCommand(actor=ann, invitation_id=invitation.id, accept=True)
    )
    assert (answered.status, answered.responded_at) == ("accepted", h.clock.now())
    assert h.invitations.rows[invitation.id].responded_at == h.clock.now()
    assert (h.company_of(ann), h.profiles.rows[ann.require_id()].role) == (cast.one, "HR")


async def test_inviting_is_refused_with_what_is_wrong(h: Hiring, cast: Cast) -> None:
    ann = await h.recruiter("ann")
    stored = dict(h.invitations.rows)

    def invite(email: str, role: str = "") -> object:
        return h.invite(
            InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=email, role=role)
        )

    with h.refused(Invalid) as caught:
        await invite(ann.email, role="r" * 101)
    assert caught.value.errors == {"role": ["Ensure this field has no more than 100 characters."]}
    for nobody in (cast.john.email, "nobody@example.com"):
        with h.refused(Invalid) as caught:
            await invite(nobody)
        assert caught.value.errors == {"email": ["No recruiter account uses this e-mail address."]}
    with h.refused(Conflict) as caught:
        await invite(cast.bob.email)
    assert str(caught.value) == "This recruiter is already in the team."
    assert h.invitations.rows == stored


async def test_an_expired_invitation_is_recorded_as_such_when_another_is_sent(
    h: Hiring, cast: Cast
) -> None:
    ann = await h.recruiter("ann")
    first = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    h.clock.advance(seconds=INVITATION_TTL.total_seconds())
    second = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    assert h.invitations.rows[first.id].status is InvitationStatus.EXPIRED
    assert h.invitations.rows[second.id].status is InvitationStatus.PENDING
    assert [i.id for i in await h.my_invitations(ListMyInvitationsCommand(actor=ann))] == [
        second.id
    ]


async def test_answering_someone_elses_or_a_missing_invitation_is_not_found(
    h: Hiring, cast: Cast
) -> None:
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    for actor, invitation_id in ((cast.carl, invitation.id), (ann, 999)):
        with h.refused(NotFound) as caught:
            await h.answer(
                AnswerInvitationCommand(actor=actor, invitation_id=invitation_id, accept=True)
            )
        assert str(caught.value) == "Invitation not found."
    del h.profiles.rows[ann.require_id()]  # a recruiter account without its profile
    with h.refused(NotFound) as caught:
        await h.answer(AnswerInvitationCommand(actor=ann, invitation_id=invitation.id, accept=True))
    assert str(caught.value) == "Recruiter profile not found."


async def test_a_recruiter_in_no_team_joins_by_accepting_and_nothing_is_removed(
    h: Hiring, cast: Cast
) -> None:
    invitation = await h.invite(
        InviteTeamMemberCommand(
            actor=cast.carl,
            company_id=h.company_of(cast.carl) or 0,
            email=cast.eve.email,
            role="Sourcer",
        )
    )
    companies, deleted = set(h.companies.rows), list(h.companies.deleted)
    await h.answer(
        AnswerInvitationCommand(actor=cast.eve, invitation_id=invitation.id, accept=True)
    )
    assert h.company_of(cast.eve) == h.company_of(cast.carl)
    assert h.profiles.rows[cast.eve.require_id()].role == "Sourcer"
    assert (set(h.companies.rows), h.companies.deleted) == (companies, deleted)


async def test_a_member_who_joins_another_team_leaves_their_company_standing(
    h: Hiring, cast: Cast
) -> None:
    invitation = await h.invite(
        InviteTeamMemberCommand(
            actor=cast.carl, company_id=h.company_of(cast.carl) or 0, email=cast.bob.email
        )
    )
    deleted = list(h.companies.deleted)
    await h.answer(
        AnswerInvitationCommand(actor=cast.bob, invitation_id=invitation.id, accept=True)
    )
    assert h.company_of(cast.bob) == h.company_of(cast.carl)
    assert cast.one in h.companies.rows and h.companies.deleted == deleted


async def test_withdrawing_an_invitation_is_stored_and_committed(h: Hiring, cast: Cast) -> None:
    ann = await h.recruiter("ann")
    invitation = await h.invite(
        InviteTeamMemberCommand(actor=cast.jane, company_id=cast.one, email=ann.email)
    )
    h.clock.advance(minutes=5)
    commits = h.tx.commits
    await h.cancel(
        CancelInvitationCommand(actor=cast.jane, company_id=cast.one, invitation_id=invitation.id)
    )
    stored = h.invitations.rows[invitation.id]
    assert (stored.status, stored.responded_at) == (InvitationStatus.CANCELLED, h.clock.now())
    assert h.tx.commits == commits + 1
    with h.refused(NotFound) as caught:
        await h.cancel(
            CancelInvitationCommand(actor=cast.jane, company_id=cast.one, invitation_id=999)
        )
    assert str(caught.value) == "Invitation not found."


async def test_leaving_and_removing_say_why_they_are_refused(h: Hiring, cast: Cast) -> None:
    async def remove(actor: object, user: object) -> None:
        await h.remove_member(
            RemoveTeamMemberCommand(actor=actor, company_id=cast.one, user_id=user.id)  # type: ignore[arg-type,attr-defined]
        )

    with h.refused(PermissionDenied) as caught:
        await remove(cast.carl, cast.bob)
    assert str(caught.value) == "Only the company's admin can remove someone from the team."
    with h.refused(Conflict) as caught:
        await remove(cast.jane, cast.jane)
    assert str(caught.value) == "The company's admin cannot leave or be removed from the team."
    with h.refused(NotFound) as caught:
        await remove(cast.jane, cast.eve)  # she left already
    assert str(caught.value) == "This user is not a member of the team."
    commits = h.tx.commits
    await remove(cast.jane, cast.bob)
    profile = h.profiles.rows[cast.bob.require_id()]
    assert (profile.company_id, profile.role) == (None, "")
    assert h.tx.commits == commits + 1


async def test_following_a_missing_company_is_not_found_and_says_so(h: Hiring, cast: Cast) -> None:
    with h.refused(NotFound) as caught:
        await h.follow(FollowCompanyCommand(actor=cast.john, company_id=999, follow=False))
    assert str(caught.value) == "Company not found."

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody, Parameter, QueryParameter

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, page_of, paginate, paginate_all
from core.domain.accounts.identifiers import EMAIL_MAX_LENGTH
from core.domain.companies.company import TEXT_LIMITS, CompanyChanges
from core.domain.companies.team import ROLE_MAX_LENGTH
from core.domain.companies.views import (
    CompanyDetail,
    CompanyFilters,
    CompanySummary,
    InvitationView,
)
from core.domain.schema import documented
from core.use_cases.companies.answer_invitation import AnswerInvitation, AnswerInvitationCommand
from core.use_cases.companies.cancel_invitation import CancelInvitation, CancelInvitationCommand
from core.use_cases.companies.create_company import CreateCompany, CreateCompanyCommand
from core.use_cases.companies.follow_company import FollowCompany, FollowCompanyCommand
from core.use_cases.companies.get_company import GetCompany, GetCompanyCommand
from core.use_cases.companies.get_company_by_slug import GetCompanyBySlug, GetCompanyBySlugCommand
from core.use_cases.companies.invite_team_member import (
    InviteTeamMember,
    InviteTeamMemberCommand,
)
from core.use_cases.companies.list_companies import ListCompanies, ListCompaniesCommand
from core.use_cases.companies.list_company_invitations import (
    ListCompanyInvitations,
    ListCompanyInvitationsCommand,
)
from core.use_cases.companies.list_my_invitations import (
    ListMyInvitations,
    ListMyInvitationsCommand,
)
from core.use_cases.companies.remove_team_member import (
    RemoveTeamMember,
    RemoveTeamMemberCommand,
)
from core.use_cases.companies.update_company import UpdateCompany, UpdateCompanyCommand

Req = Request[Any, Any, Any]
Text = Annotated[str | None, QueryParameter(max_length=200)]


class CompanyIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Annotated[str, documented(maxLength=TEXT_LIMITS["name"])]


class TeamMemberIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    email: Annotated[str, documented(maxLength=EMAIL_MAX_LENGTH)]
    role: Annotated[str, documented(maxLength=ROLE_MAX_LENGTH)] = ""


class FollowOut(msgspec.Struct, kw_only=True):
    following: bool


class CompanyController(Controller):
    path = "/companies/api/v1/companies"
    tags = ["Companies"]

    @get("/", summary="Browse companies", responses=errors(400))
    async def list_companies(
        self,
        request: Req,
        use_case: FromDishka[ListCompanies],
        search: Text = None,
        industry: Text = None,
        location: Text = None,
        page: Annotated[str | None, QueryParameter(description="Page number (1-based)")] = None,
        limit: Annotated[str | None, QueryParameter(description="Page size (max 100)")] = None,
    ) -> Paginated[CompanySummary]:
        pagination = page_of(request)
        found = await use_case(
            ListCompaniesCommand(
                filters=CompanyFilters(search=search, industry=industry, location=location),
                page=pagination,
            )
        )
        return paginate(request, pagination, found)

    @post(
        "/",
        summary="Start a company of your own (recruiters who are in no team)",
        description="Every recruiter gets a company at sign-up; one who left a team or was "
        "removed from it starts a new one here and becomes its admin. Names are unique, "
        "ignoring case.",
        responses=errors(400, 401, 403, 409),
    )
    async def create(
        self,
        data: JSONBody[CompanyIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[CreateCompany],
    ) -> CompanyDetail:
        return await use_case(CreateCompanyCommand(actor=me.user, name=data.name))

    @get(
        "/by-slug/{slug:str}/",
        summary="A company by its slug (also one it had before a rename)",
        responses=errors(404),
    )
    async def by_slug(
        self,
        slug: Annotated[str, Parameter(max_length=220)],
        use_case: FromDishka[GetCompanyBySlug],
    ) -> CompanyDetail:
        return await use_case(GetCompanyBySlugCommand(slug=slug))

    @get("/{company_id:int}/", summary="A company, its active jobs and team", responses=errors(404))
    async def detail(
        self, company_id: FromPath[int], use_case: FromDishka[GetCompany]
    ) -> CompanyDetail:
        return await use_case(GetCompanyCommand(company_id=company_id))

    @patch(
        "/{company_id:int}/",
        summary="Edit the company (its admin only)",
        responses=errors(400, 401, 403, 404),
    )
    async def update(
        self,
        company_id: FromPath[int],
        data: JSONBody[CompanyChanges],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[UpdateCompany],
    ) -> CompanyDetail:
        return await use_case(
            UpdateCompanyCommand(actor=me.user, company_id=company_id, changes=data)
        )

    @post(
        "/{company_id:int}/team/",
        status_code=201,
        summary="Invite an existing recruiter to the team by e-mail (company admin only)",
        description="Creates an invitation (open for 14 days) and tells the recruiter; they "
        "join the team only when they accept it (`/companies/api/v1/invitations/{id}/accept/`).",
        responses=errors(400, 401, 403, 404, 409),
    )
    async def invite_member(
        self,
        company_id: FromPath[int],
        data: JSONBody[TeamMemberIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[InviteTeamMember],
    ) -> InvitationView:
        return await use_case(
            InviteTeamMemberCommand(
                actor=me.user, company_id=company_id, email=data.email, role=data.role
            )
        )

    @get(
        "/{company_id:int}/invitations/",
        summary="The team's open invitations (company admin only)",
        responses=errors(401, 403, 404),
    )
    async def invitations(
        self,
        request: Request[Any, Any, Any],
        company_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListCompanyInvitations],
    ) -> Paginated[InvitationView]:
        invitations = await use_case(
            ListCompanyInvitationsCommand(actor=me.user, company_id=company_id)
        )
        return paginate_all(request, invitations)

    @delete(
        "/{company_id:int}/invitations/{invitation_id:int}/",
        summary="Withdraw an open invitation (company admin only)",
        responses=errors(401, 403, 404, 409),
    )
    async def cancel_invitation(
        self,
        company_id: FromPath[int],
        invitation_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[CancelInvitation],
    ) -> None:
        await use_case(
            CancelInvitationCommand(
                actor=me.user, company_id=company_id, invitation_id=invitation_id
            )
        )

    @delete(
        "/{company_id:int}/team/{user_id:int}/",
        summary="Remove a recruiter from the team (company admin), or leave it (the member)",
        description="The jobs they posted stay with the company and its admin.",
        responses=errors(401, 403, 404, 409),
    )
    async def remove_member(
        self,
        company_id: FromPath[int],
        user_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[RemoveTeamMember],
    ) -> None:
        await use_case(
            RemoveTeamMemberCommand(actor=me.user, company_id=company_id, user_id=user_id)
        )

    @post(
        "/{company_id:int}/follow/",
        status_code=200,
        summary="Follow a company (candidates)",
        responses=errors(401, 403, 404),
    )
    async def follow(
        self,
        company_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[FollowCompany],
    ) -> FollowOut:
        await use_case(FollowCompanyCommand(actor=me.user, company_id=company_id, follow=True))
        return FollowOut(following=True)

    @delete(
        "/{company_id:int}/follow/",
        status_code=200,
        summary="Stop following a company",
        responses=errors(401, 403, 404),
    )
    async def unfollow(
        self,
        company_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[FollowCompany],
    ) -> FollowOut:
        await use_case(FollowCompanyCommand(actor=me.user, company_id=company_id, follow=False))
        return FollowOut(following=False)


class InvitationController(Controller):
    path = "/companies/api/v1/invitations"
    tags = ["Companies"]

    @get("/", summary="Your open team invitations (recruiters)", responses=errors(401, 403))
    async def mine(
        self,
        request: Request[Any, Any, Any],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListMyInvitations],
    ) -> Paginated[InvitationView]:
        return paginate_all(request, await use_case(ListMyInvitationsCommand(actor=me.user)))

    @post(
        "/{invitation_id:int}/accept/",
        status_code=200,
        summary="Accept an invitation and join the team",
        description="You leave the team you are in: its jobs stay with that company. The admin "
        "of a company with other members, jobs, followers or a filled-in profile cannot leave "
        "it (409); an untouched company of one (the one made at sign-up) is removed.",
        responses=errors(401, 403, 404, 409),
    )
    async def accept(
        self,
        invitation_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[AnswerInvitation],
    ) -> InvitationView:
        return await use_case(
            AnswerInvitationCommand(actor=me.user, invitation_id=invitation_id, accept=True)
        )

    @post(
        "/{invitation_id:int}/decline/",
        status_code=200,
        summary="Decline an invitation",
        responses=errors(401, 403, 404, 409),
    )
    async def decline(
        self,
        invitation_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[AnswerInvitation],
    ) -> InvitationView:
        return await use_case(
            AnswerInvitationCommand(actor=me.user, invitation_id=invitation_id, accept=False)
        )

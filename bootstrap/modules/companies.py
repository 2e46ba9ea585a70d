"""Companies, their teams (by invitation) and followers."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.http.companies import CompanyController, InvitationController
from adapters.persistence.companies import SqlCompanies, SqlCompanyQueries
from adapters.persistence.team_invitations import SqlTeamInvitations
from bootstrap.modules._module import Module
from core.ports.company_repository import CompanyQueries, CompanyRepository
from core.ports.team_invitations import TeamInvitationRepository
from core.use_cases.companies.answer_invitation import AnswerInvitation
from core.use_cases.companies.cancel_invitation import CancelInvitation
from core.use_cases.companies.create_company import CreateCompany
from core.use_cases.companies.follow_company import FollowCompany
from core.use_cases.companies.get_company import GetCompany
from core.use_cases.companies.get_company_by_slug import GetCompanyBySlug
from core.use_cases.companies.invite_team_member import InviteTeamMember
from core.use_cases.companies.list_companies import ListCompanies
from core.use_cases.companies.list_company_invitations import ListCompanyInvitations
from core.use_cases.companies.list_my_invitations import ListMyInvitations
from core.use_cases.companies.remove_team_member import RemoveTeamMember
from core.use_cases.companies.update_company import UpdateCompany


class CompaniesProvider(Provider):
    scope = Scope.REQUEST

    companies = provide(SqlCompanies, provides=CompanyRepository)
    queries = provide(SqlCompanyQueries, provides=CompanyQueries)
    invitations = provide(SqlTeamInvitations, provides=TeamInvitationRepository)
    use_cases = provide_all(
        AnswerInvitation,
        CancelInvitation,
        CreateCompany,
        FollowCompany,
        GetCompany,
        GetCompanyBySlug,
        InviteTeamMember,
        ListCompanies,
        ListCompanyInvitations,
        ListMyInvitations,
        RemoveTeamMember,
        UpdateCompany,
    )


MODULE = Module(
    name="companies",
    providers=(CompaniesProvider,),
    controllers=(CompanyController, InvitationController),
)

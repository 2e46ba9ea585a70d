from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from dishka import Provider, Scope, provide, provide_all
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.documents.cv_pdf import FpdfCvRenderer
from adapters.payments.quota import NoPlanLimits
from adapters.persistence.companies import SqlCompanies, SqlCompanyQueries
from adapters.persistence.database import async_url
from adapters.persistence.job_search import SqlJobSearch
from adapters.persistence.jobs import SqlJobQueries, SqlJobs
from adapters.persistence.pg_job_search import PgJobSearch, open_search_pool
from adapters.persistence.profiles import (
    SqlCandidateProfiles,
    SqlProfileEntries,
    SqlRecruiterProfiles,
)
from adapters.persistence.team_invitations import SqlTeamInvitations
from adapters.storage.local import LocalFileStorage
from bootstrap.settings import Settings
from core.ports.candidate_profiles import CandidateProfileRepository, ProfileEntryRepository
from core.ports.company_repository import CompanyQueries, CompanyRepository
from core.ports.cv_renderer import CvRenderer
from core.ports.file_storage import FileStorage
from core.ports.job_quota import JobPostingQuota
from core.ports.job_repository import JobQueries, JobRepository
from core.ports.job_search import JobSearch
from core.ports.recruiter_profiles import RecruiterProfileRepository
from core.ports.team_invitations import TeamInvitationRepository
from core.use_cases.companies.answer_invitation import AnswerInvitation
from core.use_cases.companies.cancel_invitation import CancelInvitation
from core.use_cases.companies.create_company import CreateCompany
from core.use_cases.companies.follow_company import FollowCompany
from core.use_cases.companies.get_company import GetCompany
from core.use_cases.companies.invite_team_member import InviteTeamMember
from core.use_cases.companies.list_companies import ListCompanies
from core.use_cases.companies.list_company_invitations import ListCompanyInvitations
from core.use_cases.companies.list_my_invitations import ListMyInvitations
from core.use_cases.companies.remove_team_member import RemoveTeamMember
from core.use_cases.companies.update_company import UpdateCompany
from core.use_cases.jobs.create_job import CreateJob
from core.use_cases.jobs.delete_job import DeleteJob
from core.use_cases.jobs.get_job import GetJob, ListReferenceData
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.jobs.list_jobs import ListJobs
from core.use_cases.jobs.update_job import UpdateJob
from core.use_cases.profiles.add_profile_entry import AddProfileEntry
from core.use_cases.profiles.delete_profile_entry import DeleteProfileEntry
from core.use_cases.profiles.generate_cv import GenerateCv
from core.use_cases.profiles.get_candidate_profile import GetCandidateProfile
from core.use_cases.profiles.get_recruiter_profile import GetRecruiterProfile
from core.use_cases.profiles.list_profile_entries import ListProfileEntries
from core.use_cases.profiles.read_cv import ReadCv
from core.use_cases.profiles.update_candidate_profile import UpdateCandidateProfile
from core.use_cases.profiles.update_profile_entry import UpdateProfileEntry
from core.use_cases.profiles.update_recruiter_profile import UpdateRecruiterProfile
from core.use_cases.profiles.upload_cv import UploadCv


class StorageProvider(Provider):
    @provide(scope=Scope.APP)
    def storage(self, settings: Settings) -> FileStorage:
        return LocalFileStorage(settings.data_dir / "files")

    @provide(scope=Scope.APP)
    def cv_renderer(self) -> CvRenderer:
        return FpdfCvRenderer()


class ProfilesProvider(Provider):
    scope = Scope.REQUEST

    candidates = provide(SqlCandidateProfiles, provides=CandidateProfileRepository)
    entries = provide(SqlProfileEntries, provides=ProfileEntryRepository)
    recruiters = provide(SqlRecruiterProfiles, provides=RecruiterProfileRepository)
    use_cases = provide_all(
        AddProfileEntry,
        DeleteProfileEntry,
        GenerateCv,
        GetCandidateProfile,
        GetRecruiterProfile,
        ListProfileEntries,
        ReadCv,
        UpdateCandidateProfile,
        UpdateProfileEntry,
        UpdateRecruiterProfile,
        UploadCv,
    )


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
        InviteTeamMember,
        ListCompanies,
        ListCompanyInvitations,
        ListMyInvitations,
        RemoveTeamMember,
        UpdateCompany,
    )


@dataclass(frozen=True)
class PostgresSearch:
    search: PgJobSearch | None


class JobsProvider(Provider):
    scope = Scope.REQUEST

    jobs = provide(SqlJobs, provides=JobRepository)
    queries = provide(SqlJobQueries, provides=JobQueries)

    @provide(scope=Scope.APP)
    async def postgres_search(self, settings: Settings) -> AsyncIterator[PostgresSearch]:
        """PostgreSQL gets a pool of its own and the fast path (opened on first use)."""
        url = settings.effective_database_url
        if make_url(async_url(url)).get_backend_name() != "postgresql":
            yield PostgresSearch(None)
            return
        async with open_search_pool(url) as pool:
            yield PostgresSearch(
                PgJobSearch(
                    pool,
                    walk_from_live_jobs=settings.job_search_walk_from,
                    exact_count_below=settings.job_search_exact_count_below,
                )
            )

    @provide
    def search(self, postgres: PostgresSearch, session: AsyncSession) -> JobSearch:
        # Elsewhere (SQLite) the search shares the request's session: a second connection
        # would wait for the first one's write lock.
        return postgres.search or SqlJobSearch(session)

    quota = provide(NoPlanLimits, provides=JobPostingQuota, scope=Scope.APP)
    use_cases = provide_all(
        CreateJob, DeleteJob, GetJob, JobAccess, ListJobs, ListReferenceData, UpdateJob
    )

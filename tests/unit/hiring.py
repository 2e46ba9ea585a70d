"""Companies, teams, jobs and applications wired to in-memory fakes (no container, no HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime

from core.domain.accounts.user import User, UserType
from core.domain.applications.application import Application
from core.domain.jobs.job import Job
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.companies.answer_invitation import AnswerInvitation, AnswerInvitationCommand
from core.use_cases.companies.cancel_invitation import CancelInvitation
from core.use_cases.companies.create_company import CreateCompany
from core.use_cases.companies.invite_team_member import (
    InviteTeamMember,
    InviteTeamMemberCommand,
)
from core.use_cases.companies.list_company_invitations import ListCompanyInvitations
from core.use_cases.companies.list_my_invitations import ListMyInvitations
from core.use_cases.companies.remove_team_member import RemoveTeamMember
from core.use_cases.companies.update_company import UpdateCompany
from core.use_cases.jobs.job_access import JobAccess
from tests.fakes.applications import InMemoryApplications
from tests.fakes.companies import (
    InMemoryCompanies,
    InMemoryCompanyQueries,
    InMemoryRecruiterProfiles,
    InMemoryTeamInvitations,
)
from tests.fakes.jobs import InMemoryJobs
from tests.unit.fakes import FakeClock, FakeTaskQueue, FakeTransactionManager, InMemoryUsers


class Hiring:
    def __init__(self) -> None:
        self.clock = FakeClock()
        self.tx = FakeTransactionManager()
        self.tasks = FakeTaskQueue(self.tx)
        self.users = InMemoryUsers()
        self.profiles = InMemoryRecruiterProfiles()
        self.companies = InMemoryCompanies(self.profiles, self.clock)
        self.company_queries = InMemoryCompanyQueries(self.companies, self.profiles, self.users)
        self.invitations = InMemoryTeamInvitations(self.companies, self.users)
        self.jobs = InMemoryJobs(self.companies, self.profiles)
        self.applications = InMemoryApplications()
        self.job_access = JobAccess(self.jobs, self.companies, self.profiles)
        self.application_access = ApplicationAccess(self.applications, self.job_access)
        self.invite = InviteTeamMember(
            self.tx,
            self.companies,
            self.invitations,
            self.profiles,
            self.users,
            self.tasks,
            self.clock,
        )
        self.answer = AnswerInvitation(
            self.tx, self.invitations, self.companies, self.profiles, self.tasks, self.clock
        )
        self.cancel = CancelInvitation(self.tx, self.companies, self.invitations, self.clock)
        self.my_invitations = ListMyInvitations(self.invitations, self.clock)
        self.company_invitations = ListCompanyInvitations(
            self.companies, self.invitations, self.clock
        )
        self.remove_member = RemoveTeamMember(self.tx, self.companies, self.profiles)
        self.create_company = CreateCompany(
            self.tx, self.companies, self.company_queries, self.profiles, self.clock
        )
        self.update_company = UpdateCompany(
            self.tx, self.companies, self.company_queries, self.clock
        )

    async def user(self, username: str, user_type: UserType) -> User:
        now = self.clock.now()
        return await self.users.add(
            User(
                username=username,
                email=f"{username}@example.com",
                password_hash=None,
                first_name=username.capitalize(),
                user_type=user_type,
                is_active=True,
                email_verified=True,
                created_at=now,
                updated_at=now,
            )
        )

    async def recruiter(self, username: str, company: str | None = None) -> User:
        """A recruiter with a company of their own (named ``company``), as sign-up makes."""
        user = await self.user(username, UserType.RECRUITER)
        company_id = await self.companies.create(
            user.require_id(), company or f"{username}'s company"
        )
        self.profiles.add(user.require_id(), company_id)
        return user

    async def candidate(self, username: str) -> User:
        return await self.user(username, UserType.CANDIDATE)

    def company_of(self, user: User) -> int | None:
        return self.profiles.rows[user.require_id()].company_id

    async def join(self, admin: User, recruiter: User, role: str = "") -> None:
        company = self.company_of(admin)
        assert company is not None
        invitation = await self.invite(
            InviteTeamMemberCommand(
                actor=admin, company_id=company, email=recruiter.email, role=role
            )
        )
        await self.answer(
            AnswerInvitationCommand(actor=recruiter, invitation_id=invitation.id, accept=True)
        )

    async def job(self, recruiter: User, title: str = "Python Developer") -> Job:
        company = self.company_of(recruiter)
        assert company is not None
        now = self.clock.now()
        return await self.jobs.add(
            Job(
                title=title,
                company_id=company,
                recruiter_id=recruiter.require_id(),
                created_at=now,
                updated_at=now,
            ),
            slug_base=title,
        )

    async def application(self, candidate: User, job: Job) -> Application:
        assert job.id is not None
        now = datetime(2026, 1, 15, tzinfo=UTC)
        return await self.applications.add(
            Application(
                job_id=job.id,
                candidate_id=candidate.require_id(),
                cover_letter="Hello",
                applied_at=now,
                updated_at=now,
            )
        )

"""Companies, jobs, job tests, applications, interviews, notifications, matching and messaging:
every use case and background handler wired to the in-memory fakes (no container, no HTTP).

Messages reach their handlers the way production routes them: ``Hiring.worker`` delivers what
was committed to the handlers the modules register (``bootstrap.modules``' routes), each
delivery with its own key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from adapters.documents.calendar import ICalendarInvites
from adapters.matching.pairwise import PairwiseBatchScorer
from adapters.messaging.routes import Routes
from bootstrap.modules import MODULES
from core.domain.accounts.user import User, UserType
from core.domain.applications.application import Application
from core.domain.applications.interview import InterviewDetails
from core.domain.email import SendEmail
from core.domain.jobs.assessment import JobTestDetails, QuestionIn
from core.domain.jobs.job import Job, JobDetails
from core.domain.notifications.views import NotificationView
from core.domain.profiles.candidate import CandidateProfile
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.application_history import ApplicationHistory
from core.use_cases.applications.apply_to_job import ApplyToJob, ApplyToJobCommand
from core.use_cases.applications.cancel_interview import CancelInterview
from core.use_cases.applications.change_application_status import (
    ChangeApplicationStatus,
    ChangeApplicationStatusCommand,
)
from core.use_cases.applications.get_submission import GetSubmission
from core.use_cases.applications.grade_submission import GradeSubmission
from core.use_cases.applications.list_applications import (
    ListJobApplications,
    ListMyApplications,
)
from core.use_cases.applications.list_interviews import ListInterviews
from core.use_cases.applications.record_status_change import RecordStatusChange
from core.use_cases.applications.reschedule_interview import RescheduleInterview
from core.use_cases.applications.schedule_interview import (
    ScheduleInterview,
    ScheduleInterviewCommand,
)
from core.use_cases.applications.submit_test import SubmitTest
from core.use_cases.applications.withdraw_application import WithdrawApplication
from core.use_cases.companies.answer_invitation import AnswerInvitation, AnswerInvitationCommand
from core.use_cases.companies.cancel_invitation import CancelInvitation
from core.use_cases.companies.create_company import CreateCompany
from core.use_cases.companies.follow_company import FollowCompany
from core.use_cases.companies.get_company import GetCompany
from core.use_cases.companies.get_company_by_slug import GetCompanyBySlug
from core.use_cases.companies.invite_team_member import (
    InviteTeamMember,
    InviteTeamMemberCommand,
)
from core.use_cases.companies.list_companies import ListCompanies
from core.use_cases.companies.list_company_invitations import ListCompanyInvitations
from core.use_cases.companies.list_my_invitations import ListMyInvitations
from core.use_cases.companies.remove_team_member import (
    RemoveTeamMember,
    RemoveTeamMemberCommand,
)
from core.use_cases.companies.update_company import UpdateCompany
from core.use_cases.jobs.create_job import CreateJob, CreateJobCommand
from core.use_cases.jobs.define_job_test import DefineJobTest, DefineJobTestCommand
from core.use_cases.jobs.delete_job import DeleteJob
from core.use_cases.jobs.get_job import GetJob
from core.use_cases.jobs.get_job_test import GetJobTest
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.jobs.list_categories import ListCategories
from core.use_cases.jobs.list_job_types import ListJobTypes
from core.use_cases.jobs.list_jobs import ListJobs
from core.use_cases.jobs.update_job import UpdateJob
from core.use_cases.matching._engine import MatchEngine
from core.use_cases.matching.list_candidate_matches import ListCandidateMatches
from core.use_cases.matching.list_job_matches import ListJobMatches
from core.use_cases.matching.recalculate_candidate_matches import RecalculateCandidateMatches
from core.use_cases.matching.recalculate_job_matches import RecalculateJobMatches
from core.use_cases.matching.recalculate_matches import RecalculateMatches
from core.use_cases.matching.warm_up_matching import WarmUpMatching
from core.use_cases.messaging._conversations import MessagePoster, ReadMarker
from core.use_cases.messaging.list_conversations import ListConversations
from core.use_cases.messaging.list_messages import ListMessages
from core.use_cases.messaging.mark_conversation_read import MarkConversationRead
from core.use_cases.messaging.notify_recipients import NotifyRecipientsOfMessage
from core.use_cases.messaging.open_conversation import OpenConversation
from core.use_cases.messaging.send_message import SendMessage
from core.use_cases.messaging.start_conversation import StartConversation
from core.use_cases.notifications.alert_matched_candidates import AlertMatchedCandidates
from core.use_cases.notifications.deliver_email import DeliverEmail
from core.use_cases.notifications.get_notification_preferences import (
    GetNotificationPreferences,
)
from core.use_cases.notifications.job_test_assigned import (
    NotifyApplicantOfJobTest,
    NotifyApplicantsOfJobTest,
)
from core.use_cases.notifications.list_notifications import ListNotifications
from core.use_cases.notifications.mark_all_notifications_read import MarkAllNotificationsRead
from core.use_cases.notifications.mark_notification_read import MarkNotificationRead
from core.use_cases.notifications.notifier import Notifier
from core.use_cases.notifications.notify_followers_of_job import NotifyFollowersOfJob
from core.use_cases.notifications.notify_managers_of_application import (
    NotifyManagersOfApplication,
)
from core.use_cases.notifications.notify_status_change import NotifyOfStatusChange
from core.use_cases.notifications.send_interview_invitation import SendInterviewInvitation
from core.use_cases.notifications.set_notification_preferences import (
    SetNotificationPreferences,
)
from core.use_cases.notifications.team_invitations import (
    NotifyInvitedRecruiter,
    NotifyInviterOfAnswer,
)
from tests.fakes.accounts import InMemoryUsers
from tests.fakes.applications import (
    FakeApplicationQuota,
    InMemoryApplicationQueries,
    InMemoryApplications,
    InMemoryInterviews,
)
from tests.fakes.companies import (
    InMemoryCompanies,
    InMemoryCompanyQueries,
    InMemoryRecruiterProfiles,
    InMemoryTeamInvitations,
)
from tests.fakes.job_tests import InMemoryJobTests
from tests.fakes.jobs import (
    FakeJobPostingQuota,
    InMemoryJobQueries,
    InMemoryJobs,
    InMemoryJobSearch,
)
from tests.fakes.matching import (
    FakeGazetteer,
    InMemoryMatchingFeatures,
    InMemoryMatchQueries,
    InMemoryMatchStore,
)
from tests.fakes.messaging import (
    InMemoryCandidateTies,
    InMemoryConversationQueries,
    InMemoryConversations,
)
from tests.fakes.notifications import InMemoryNotifications
from tests.fakes.platform import (
    EchoRenderer,
    FakeClock,
    FakeLiveUpdates,
    FakeTaskQueue,
    FakeTransactionManager,
    FakeWorker,
    RecordingEmailSender,
)
from tests.fakes.profiles import InMemoryCandidateProfiles, InMemoryProfileEntries

#: What production routes each message to (every module's reactions).
ROUTES = Routes(route for module in MODULES for route in module.routes)

#: A job and a candidate that suit each other (they score 90: see ``score_match``).
PYTHON_JOB: dict[str, Any] = {
    "requirements": ["Python", "Django", "PostgreSQL"],
    "description": "Build Django APIs with PostgreSQL",
    "location": "Paris, France",
    "salary_min": 50000,
    "salary_max": 60000,
    "category": 1,
    "job_type": 1,
}
PYTHON_PROFILE: dict[str, Any] = {
    "skills": ["Python", "Django", "PostgreSQL"],
    "years_of_experience": 4.0,
    "headline": "Backend developer",
    "expected_salary_min": 45000,
    "preferred_contract_types": ["full_time"],
}


@dataclass(frozen=True)
class Cast:
    #: Admin of Company One.
    jane: User
    #: In Company One's team (joined by invitation); posted ``job_id``.
    bob: User
    #: Was in Company One's team and left it: now in no team.
    eve: User
    #: Admin of Company Two: a recruiter of another company.
    carl: User
    #: A candidate whose profile suits ``job_id``.
    john: User
    #: Another candidate.
    max: User
    #: A site admin.
    root: User
    one: int
    job_id: int


class Hiring:
    def __init__(self) -> None:
        # --- the stores ------------------------------------------------------------------
        self.clock = FakeClock()
        self.tx = FakeTransactionManager()
        self.tasks = FakeTaskQueue(self.tx, ROUTES)
        self.live = FakeLiveUpdates(self.tx)
        self.users = InMemoryUsers()
        self.profiles = InMemoryRecruiterProfiles()
        self.candidates = InMemoryCandidateProfiles(self.clock)
        self.entries = InMemoryProfileEntries()
        self.companies = InMemoryCompanies(self.profiles, self.clock)
        self.invitations = InMemoryTeamInvitations(self.companies, self.users)
        self.jobs = InMemoryJobs(self.companies, self.profiles)
        self.applications = InMemoryApplications()
        self.candidates.applications, self.candidates.jobs = self.applications, self.jobs
        self.interviews = InMemoryInterviews(self.applications)
        self.tests = InMemoryJobTests(self.applications)
        self.matches = InMemoryMatchStore(self.candidates, self.applications)
        self.notifications = InMemoryNotifications(self.users, self.companies, self.clock)
        self.company_queries = InMemoryCompanyQueries(
            self.companies, self.profiles, self.users, self.jobs
        )
        self.job_queries = InMemoryJobQueries(
            self.jobs, self.companies, self.users, self.applications
        )
        self.job_search = InMemoryJobSearch(self.jobs, self.companies)
        self.application_queries = InMemoryApplicationQueries(
            self.applications,
            self.jobs,
            self.companies,
            self.profiles,
            self.users,
            self.tests,
            self.matches,
        )
        self.gazetteer = FakeGazetteer()
        self.features = InMemoryMatchingFeatures(
            self.users,
            self.candidates,
            self.entries,
            self.jobs,
            self.companies,
            self.clock,
            self.gazetteer,
        )
        self.match_queries = InMemoryMatchQueries(
            self.matches, self.jobs, self.companies, self.users
        )
        self.job_quota = FakeJobPostingQuota()
        self.application_quota = FakeApplicationQuota()
        self.calendar = ICalendarInvites()
        self.scorer = PairwiseBatchScorer()
        self.renderer = EchoRenderer()
        self.mail = RecordingEmailSender()
        tx, tasks, clock = self.tx, self.tasks, self.clock

        # --- companies -------------------------------------------------------------------
        self.invite = InviteTeamMember(
            tx, self.companies, self.invitations, self.profiles, self.users, tasks, clock
        )
        self.answer = AnswerInvitation(
            tx, self.invitations, self.companies, self.profiles, tasks, clock
        )
        self.cancel = CancelInvitation(tx, self.companies, self.invitations, clock)
        self.my_invitations = ListMyInvitations(self.invitations, clock)
        self.company_invitations = ListCompanyInvitations(self.companies, self.invitations, clock)
        self.remove_member = RemoveTeamMember(tx, self.companies, self.profiles)
        self.create_company = CreateCompany(
            tx, self.companies, self.company_queries, self.profiles, clock
        )
        self.update_company = UpdateCompany(tx, self.companies, self.company_queries, clock)
        self.follow = FollowCompany(tx, self.companies)
        self.get_company = GetCompany(self.company_queries)
        self.get_company_by_slug = GetCompanyBySlug(self.company_queries)
        self.list_companies = ListCompanies(self.company_queries)

        # --- jobs and job tests ----------------------------------------------------------
        self.job_access = JobAccess(self.jobs, self.companies, self.profiles)
        self.record = RecordStatusChange(self.applications, tasks)
        self.create_job = CreateJob(
            tx,
            self.jobs,
            self.job_queries,
            self.companies,
            self.profiles,
            self.job_quota,
            tasks,
            clock,
        )
        self.update_job = UpdateJob(tx, self.jobs, self.job_queries, self.job_access, tasks, clock)
        self.delete_job = DeleteJob(
            tx, self.jobs, self.job_access, self.applications, self.record, clock
        )
        self.get_job = GetJob(self.job_queries, self.profiles)
        self.list_jobs = ListJobs(self.job_search, self.profiles, self.job_queries)
        self.list_categories = ListCategories(self.job_queries)
        self.list_job_types = ListJobTypes(self.job_queries)
        self.define_test = DefineJobTest(tx, self.tests, self.job_access, tasks, clock)
        self.get_test = GetJobTest(self.tests, self.jobs, self.job_access, self.application_queries)

        # --- applications, interviews, submissions ---------------------------------------
        self.application_access = ApplicationAccess(self.applications, self.job_access)
        self.apply = ApplyToJob(
            tx,
            self.applications,
            self.application_queries,
            self.jobs,
            self.application_quota,
            tasks,
            clock,
        )
        self.change_status = ChangeApplicationStatus(
            tx, self.application_access, self.record, clock
        )
        self.withdraw = WithdrawApplication(tx, self.applications, self.record, clock)
        self.history = ApplicationHistory(self.applications, self.application_access)
        self.my_applications = ListMyApplications(self.application_queries)
        self.job_applications = ListJobApplications(self.application_queries, self.job_access)
        self.schedule = ScheduleInterview(
            tx, self.interviews, self.application_access, tasks, clock
        )
        self.reschedule = RescheduleInterview(
            tx, self.interviews, self.application_access, tasks, clock
        )
        self.cancel_interview = CancelInterview(
            tx, self.interviews, self.application_access, tasks, clock
        )
        self.list_interviews = ListInterviews(self.interviews, self.application_access)
        self.submit_test = SubmitTest(tx, self.tests, self.applications, clock)
        self.grade = GradeSubmission(tx, self.tests, self.application_access)
        self.get_submission = GetSubmission(self.tests, self.application_access)

        # --- notifications ---------------------------------------------------------------
        self.notifier = Notifier(self.notifications, self.users, tasks, self.live)
        self.list_notifications = ListNotifications(self.notifications)
        self.mark_read = MarkNotificationRead(tx, self.notifications, clock)
        self.mark_all_read = MarkAllNotificationsRead(tx, self.notifications, clock)
        self.get_preferences = GetNotificationPreferences(self.notifications)
        self.set_preferences = SetNotificationPreferences(tx, self.notifications)
        self.deliver_email = DeliverEmail(self.renderer, self.mail)
        self.notify_managers = NotifyManagersOfApplication(
            tx, self.application_queries, self.notifier
        )
        self.notify_applicant_of_test = NotifyApplicantOfJobTest(
            tx, self.application_queries, self.tests, self.notifier
        )
        self.notify_applicants_of_test = NotifyApplicantsOfJobTest(
            tx, self.application_queries, self.notifier
        )
        self.notify_status = NotifyOfStatusChange(tx, self.application_queries, self.notifier)
        self.send_invitation = SendInterviewInvitation(
            tx,
            self.interviews,
            self.application_queries,
            self.users,
            self.calendar,
            self.notifier,
        )
        self.notify_followers = NotifyFollowersOfJob(
            tx, self.job_queries, self.notifications, self.notifier
        )
        self.notify_invited = NotifyInvitedRecruiter(tx, self.invitations, self.notifier, clock)
        self.notify_inviter = NotifyInviterOfAnswer(tx, self.invitations, self.notifier, clock)
        self.alert_matched = AlertMatchedCandidates(tx, self.notifier)

        # --- matching --------------------------------------------------------------------
        self.engine = MatchEngine(self.features, self.scorer, self.matches, clock)
        self.recalculate_job = RecalculateJobMatches(
            tx, self.engine, self.matches, self.job_queries, tasks
        )
        self.recalculate_candidate = RecalculateCandidateMatches(tx, self.engine)
        self.recalculate = RecalculateMatches(tx, self.engine, self.jobs, self.job_access)
        self.job_matches = ListJobMatches(self.match_queries, self.job_access)
        self.candidate_matches = ListCandidateMatches(self.match_queries)
        self.warm_up = WarmUpMatching(self.engine)

        # --- messaging -------------------------------------------------------------------
        self.conversations = InMemoryConversations(self.users)
        self.conversation_queries = InMemoryConversationQueries(self.conversations, self.users)
        self.ties = InMemoryCandidateTies(self.applications, self.jobs, self.matches)
        self.poster = MessagePoster(self.conversations, tasks, self.live, clock)
        self.read_marker = ReadMarker(self.conversations, self.live, clock)
        self.start_conversation = StartConversation(
            tx,
            self.users,
            self.profiles,
            self.jobs,
            self.ties,
            self.conversations,
            self.conversation_queries,
            self.poster,
            clock,
        )
        self.send_message = SendMessage(tx, self.conversations, self.poster)
        self.list_conversations = ListConversations(self.conversation_queries)
        self.list_messages = ListMessages(
            tx, self.conversations, self.conversation_queries, self.read_marker
        )
        self.open_conversation = OpenConversation(
            tx, self.conversations, self.conversation_queries, self.read_marker
        )
        self.mark_conversation_read = MarkConversationRead(tx, self.conversations, self.read_marker)
        self.notify_recipients = NotifyRecipientsOfMessage(
            tx, self.conversations, self.conversation_queries, self.notifier
        )

        # --- the background --------------------------------------------------------------
        handlers: dict[type[Any], Any] = {
            DeliverEmail: self.deliver_email,
            NotifyManagersOfApplication: self.notify_managers,
            NotifyApplicantOfJobTest: self.notify_applicant_of_test,
            NotifyApplicantsOfJobTest: self.notify_applicants_of_test,
            NotifyOfStatusChange: self.notify_status,
            SendInterviewInvitation: self.send_invitation,
            NotifyFollowersOfJob: self.notify_followers,
            NotifyInvitedRecruiter: self.notify_invited,
            NotifyInviterOfAnswer: self.notify_inviter,
            AlertMatchedCandidates: self.alert_matched,
            RecalculateJobMatches: self.recalculate_job,
            RecalculateCandidateMatches: self.recalculate_candidate,
            NotifyRecipientsOfMessage: self.notify_recipients,
        }
        self.worker = FakeWorker(tasks, ROUTES, handlers)

    # --- people and companies ------------------------------------------------------------

    async def user(
        self, username: str, user_type: UserType, *, active: bool = True, location: str = ""
    ) -> User:
        now = self.clock.now()
        return await self.users.add(
            User(
                username=username,
                email=f"{username}@example.com",
                password_hash=None,
                first_name=username.capitalize(),
                user_type=user_type,
                location=location,
                is_active=active,
                email_verified=active,
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

    async def candidate(
        self, username: str, *, location: str = "", active: bool = True, **profile: Any
    ) -> User:
        """A candidate with a profile (``profile``: ``CandidateProfile`` fields)."""
        user = await self.user(username, UserType.CANDIDATE, location=location, active=active)
        self.candidates.add(user.require_id(), **profile)
        return user

    async def cast(self) -> Cast:
        """Everyone a rule speaks of, and a job posted by Bob for Company One."""
        jane = await self.recruiter("jane", "Company One")
        bob, eve = await self.recruiter("bob"), await self.recruiter("eve")
        carl = await self.recruiter("carl", "Company Two")
        await self.join(jane, bob, role="Tech lead")
        await self.join(jane, eve)
        one = self.company_of(jane)
        assert one is not None
        await self.remove_member(
            RemoveTeamMemberCommand(actor=eve, company_id=one, user_id=eve.require_id())
        )
        john = await self.candidate("john", location="Paris, France", **PYTHON_PROFILE)
        max_ = await self.candidate("max")
        root = await self.admin()
        job_id = await self.post(bob, "Python Developer", **PYTHON_JOB)
        return Cast(
            jane=jane,
            bob=bob,
            eve=eve,
            carl=carl,
            john=john,
            max=max_,
            root=root,
            one=one,
            job_id=job_id,
        )

    async def left_behind(self, cast: Cast, title: str = "Frontend Developer") -> int:
        """A job Eve posted for Company One while in its team, before she left it again."""
        await self.join(cast.jane, cast.eve)
        job_id = await self.post(cast.eve, title)
        await self.remove_member(
            RemoveTeamMemberCommand(
                actor=cast.eve, company_id=cast.one, user_id=cast.eve.require_id()
            )
        )
        return job_id

    @contextmanager
    def refused(self, error: type[Exception], match: str | None = None) -> Iterator[Any]:
        """The call inside raises ``error`` and commits, enqueues and pushes nothing."""
        commits, committed = self.tx.commits, len(self.tasks.committed)
        pending, pushes = len(self.tasks.pending), len(self.live.pending) + len(self.live.pushed)
        with pytest.raises(error, match=match) as raised:
            yield raised
        assert self.tx.commits == commits, "a refused call commits nothing"
        assert len(self.tasks.pending) == pending, "a refused call enqueues nothing"
        assert len(self.tasks.committed) == committed
        assert len(self.live.pending) + len(self.live.pushed) == pushes, "nor pushes anything"

    async def admin(self, username: str = "root") -> User:
        return await self.user(username, UserType.ADMIN)

    def company_of(self, user: User) -> int | None:
        return self.profiles.rows[user.require_id()].company_id

    def profile_of(self, user: User) -> CandidateProfile:
        return self.candidates.rows[user.require_id()]

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

    # --- jobs and applications -----------------------------------------------------------

    async def job(self, recruiter: User, title: str = "Python Developer", **fields: Any) -> Job:
        """A job stored directly (no ``JobPosted``)."""
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
                **fields,
            ),
            slug_base=title,
        )

    async def post(self, recruiter: User, title: str = "Python Developer", **details: Any) -> int:
        """A job posted through ``CreateJob``; its id."""
        created = await self.create_job(
            CreateJobCommand(actor=recruiter, details=JobDetails(title=title, **details))
        )
        return created.id

    async def application(self, candidate: User, job: Job) -> Application:
        """An application stored directly (no ``ApplicationSubmitted``)."""
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

    async def applied(self, candidate: User, job_id: int, cover_letter: str = "Hello") -> int:
        """An application made through ``ApplyToJob``; its id."""
        created = await self.apply(
            ApplyToJobCommand(actor=candidate, job_id=job_id, cover_letter=cover_letter)
        )
        return created.id

    async def move(self, actor: User, application_id: int, *statuses: str) -> None:
        for status in statuses:
            await self.change_status(
                ChangeApplicationStatusCommand(
                    actor=actor, application_id=application_id, status=status
                )
            )

    async def at_interview(self, recruiter: User, application_id: int) -> None:
        await self.move(recruiter, application_id, "reviewed", "shortlisted", "interview")

    def interview_details(self, **fields: Any) -> InterviewDetails:
        values: dict[str, Any] = {
            "starts_at": self.clock.now() + timedelta(days=3),
            "video_link": "https://meet.example/abc",
            "interviewers": ["Jane"],
        }
        values.update(fields)
        return InterviewDetails(**values)

    async def interview(self, recruiter: User, application_id: int) -> int:
        """An interview scheduled for an application at the interview stage; its id."""
        scheduled = await self.schedule(
            ScheduleInterviewCommand(
                actor=recruiter, application_id=application_id, details=self.interview_details()
            )
        )
        return scheduled.id

    async def define(self, recruiter: User, job_id: int) -> None:
        """A two-question test: one multiple choice (answer "B"), one open-ended."""
        await self.define_test(
            DefineJobTestCommand(
                actor=recruiter,
                job_id=job_id,
                test=JobTestDetails(
                    title="Screening",
                    questions=[
                        QuestionIn(
                            text="Pick B",
                            question_type="multiple_choice",
                            choices=["A", "B"],
                            correct_answer="B",
                        ),
                        QuestionIn(text="Tell us about you", question_type="open_ended"),
                    ],
                ),
            )
        )

    # --- what users notice ---------------------------------------------------------------

    def notified(self, user: User) -> list[NotificationView]:
        return self.notifications.of(user.require_id())

    def emails(self, template: str | None = None) -> list[SendEmail]:
        """The e-mails asked for (committed ``SendEmail``), oldest first."""
        return [e for e in self.tasks.of(SendEmail) if template is None or e.template == template]

    def mailed(self, user: User) -> list[SendEmail]:
        return [e for e in self.emails() if e.to == user.email]

"""Applications (one per job and candidate), their status history, what the lists and the
notification handlers read of them, the applying quota, and interviews."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from core.domain.applications.application import (
    AlreadyApplied,
    Application,
    Status,
    StatusChange,
)
from core.domain.applications.interview import Interview
from core.domain.applications.views import (
    ApplicationContext,
    ApplicationCreated,
    ApplicationFilters,
    CandidateBrief,
    CompanyName,
    JobApplication,
    JobBrief,
    JobWithCompany,
    MyApplication,
    TestSubmissionBrief,
)
from core.domain.errors import PaymentRequired
from core.domain.pages import Listing, Page
from core.ports.application_repository import (
    ApplicationQueries,
    ApplicationQuota,
    ApplicationRepository,
)
from core.ports.interviews import InterviewRepository
from tests.fakes.accounts import InMemoryUsers, display_name

if TYPE_CHECKING:
    from tests.fakes.companies import InMemoryCompanies, InMemoryRecruiterProfiles
    from tests.fakes.job_tests import InMemoryJobTests
    from tests.fakes.jobs import InMemoryJobs
    from tests.fakes.matching import InMemoryMatchStore


class InMemoryApplications(ApplicationRepository):
    def __init__(self) -> None:
        self.rows: dict[int, Application] = {}
        self.changes: list[StatusChange] = []
        self._next = 1

    async def add(self, application: Application) -> Application:
        for other in self.rows.values():  # the unique (job, candidate) constraint
            if (other.job_id, other.candidate_id) == (
                application.job_id,
                application.candidate_id,
            ):
                raise AlreadyApplied()
        application.id = self._next
        self._next += 1
        self.rows[application.id] = copy.copy(application)
        return application

    async def get(self, application_id: int) -> Application | None:
        found = self.rows.get(application_id)
        return copy.copy(found) if found else None

    async def move(self, application: Application, previous: Status) -> bool:
        assert application.id in self.rows
        stored = self.rows[application.id]  # the SQL update writes these two only
        if stored.status != previous:
            return False
        stored.status, stored.updated_at = application.status, application.updated_at
        return True

    async def record(self, change: StatusChange) -> None:
        assert change.application_id in self.rows
        self.changes.append(change)

    async def history(self, application_id: int) -> list[StatusChange]:
        return [c for c in self.changes if c.application_id == application_id]

    async def pending_for_job(self, job_id: int) -> list[Application]:
        return [
            copy.copy(a)
            for a in self.rows.values()
            if a.job_id == job_id and a.status is Status.PENDING
        ]


class InMemoryApplicationQueries(ApplicationQueries):
    """The read side, joined from the write fakes as the SQL joins the tables (jobs,
    companies, the poster's recruiter profile, users, test submissions, match scores)."""

    def __init__(
        self,
        applications: InMemoryApplications,
        jobs: InMemoryJobs,
        companies: InMemoryCompanies,
        profiles: InMemoryRecruiterProfiles,
        users: InMemoryUsers,
        tests: InMemoryJobTests,
        matches: InMemoryMatchStore,
    ) -> None:
        self._applications = applications
        self._jobs = jobs
        self._companies = companies
        self._profiles = profiles
        self._users = users
        self._tests = tests
        self._matches = matches

    def _candidate(self, application: Application) -> CandidateBrief:
        user = self._users.rows[application.candidate_id]
        return CandidateBrief(
            id=application.candidate_id,
            username=user.username,
            full_name=display_name(user),
            profile_picture=user.profile_picture,
        )

    async def created_view(self, application_id: int) -> ApplicationCreated:
        a = self._applications.rows[application_id]
        return ApplicationCreated(
            id=application_id,
            job=JobBrief(id=a.job_id, title=self._jobs.rows[a.job_id].title),
            candidate=self._candidate(a),
            status=a.status.value,
            cover_letter=a.cover_letter,
            applied_at=a.applied_at,
        )

    def _page(
        self, rows: list[Application], filters: ApplicationFilters, page: Page
    ) -> tuple[int, list[Application]]:
        if filters.status:
            rows = [a for a in rows if a.status.value == filters.status]
        if filters.job is not None:
            rows = [a for a in rows if a.job_id == filters.job]
        descending = filters.ordering.startswith("-")
        by_score = filters.ordering.lstrip("-") == "match_score"

        def key(a: Application) -> object:
            return self._score(a) if by_score else a.applied_at

        present = sorted(
            (a for a in rows if key(a) is not None),
            key=lambda a: (key(a), a.id),
            reverse=descending,
        )
        absent = sorted(
            (a for a in rows if key(a) is None), key=lambda a: a.id or 0, reverse=descending
        )
        ordered = present + absent  # NULLS LAST
        return len(ordered), ordered[page.offset : page.offset + page.size]

    def _score(self, a: Application) -> float | None:
        match = self._matches.rows.get((a.job_id, a.candidate_id))
        return None if match is None else match.match.score.total

    async def mine(
        self, candidate_id: int, filters: ApplicationFilters, page: Page
    ) -> Listing[MyApplication]:
        own = [a for a in self._applications.rows.values() if a.candidate_id == candidate_id]
        count, rows = self._page(own, filters, page)
        items = []
        for a in rows:
            assert a.id is not None
            job = self._jobs.rows[a.job_id]
            company = self._companies.rows[job.company_id]
            items.append(
                MyApplication(
                    id=a.id,
                    job=JobWithCompany(
                        id=a.job_id,
                        title=job.title,
                        company=CompanyName(id=company.id, name=company.name),
                    ),
                    status=a.status.value,
                    applied_at=a.applied_at,
                    updated_at=a.updated_at,
                )
            )
        return Listing(count=count, items=items)

    async def for_job(
        self, job_id: int, filters: ApplicationFilters, page: Page
    ) -> Listing[JobApplication]:
        of_job = [a for a in self._applications.rows.values() if a.job_id == job_id]
        count, rows = self._page(of_job, filters, page)
        items = []
        for a in rows:
            assert a.id is not None
            submission = self._tests.submission_of(a.id)
            items.append(
                JobApplication(
                    id=a.id,
                    candidate=self._candidate(a),
                    status=a.status.value,
                    match_score=self._score(a),
                    cover_letter=a.cover_letter,
                    applied_at=a.applied_at,
                    updated_at=a.updated_at,
                    test_submission=(
                        TestSubmissionBrief(id=submission.id, score=submission.score)
                        if submission is not None
                        else None
                    ),
                )
            )
        return Listing(count=count, items=items)

    async def context(self, application_id: int) -> ApplicationContext | None:
        a = self._applications.rows.get(application_id)
        if a is None:
            return None
        job = self._jobs.rows[a.job_id]
        company = self._companies.rows[job.company_id]
        poster = self._profiles.rows.get(job.recruiter_id)
        return ApplicationContext(
            application_id=application_id,
            job_id=job.id or 0,
            job_title=job.title,
            company_id=company.id,
            company_name=company.name,
            recruiter_id=job.recruiter_id,
            recruiter_is_member=poster is not None and poster.company_id == job.company_id,
            company_admin_id=company.admin_id,
            candidate_id=a.candidate_id,
            candidate_name=display_name(self._users.rows[a.candidate_id]),
        )

    async def candidate_application(self, job_id: int, candidate_id: int) -> int | None:
        return next(
            (
                a.id
                for a in self._applications.rows.values()
                if (a.job_id, a.candidate_id) == (job_id, candidate_id)
            ),
            None,
        )

    async def open_applications(self, job_id: int) -> list[int]:
        return [
            a.id
            for a in self._applications.rows.values()
            if a.job_id == job_id and not a.is_final and a.id is not None
        ]


class FakeApplicationQuota(ApplicationQuota):
    """No limit, unless a test lists the candidates out of quota."""

    def __init__(self) -> None:
        self.exhausted: set[int] = set()

    async def check(self, candidate_id: int) -> None:
        if candidate_id in self.exhausted:
            raise PaymentRequired()


class InMemoryInterviews(InterviewRepository):
    def __init__(self, applications: InMemoryApplications) -> None:
        self.rows: dict[int, Interview] = {}
        self._applications = applications
        self._next = 1

    async def add(self, interview: Interview) -> Interview:
        assert interview.application_id in self._applications.rows  # a foreign key
        interview.id = self._next
        self._next += 1
        self.rows[interview.id] = copy.deepcopy(interview)
        return interview

    async def get(self, interview_id: int) -> Interview | None:
        found = self.rows.get(interview_id)
        return copy.deepcopy(found) if found else None

    async def update(self, interview: Interview) -> None:
        assert interview.id in self.rows
        self.rows[interview.id] = copy.deepcopy(interview)

    async def for_application(self, application_id: int) -> list[Interview]:
        found = [i for i in self.rows.values() if i.application_id == application_id]
        return [copy.deepcopy(i) for i in sorted(found, key=lambda i: (i.starts_at, i.id or 0))]

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.errors import NotFound, PermissionDenied
from core.domain.jobs.views import JobTestView
from core.ports.application_repository import ApplicationQueries
from core.ports.job_repository import JobRepository
from core.ports.job_tests import JobTestRepository
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.jobs.views import test_view


class GetJobTestCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int


class GetJobTest:
    """A job's test: its managers see the answer key, candidates who applied see the questions
    only; anyone else is refused."""

    def __init__(
        self,
        tests: JobTestRepository,
        jobs: JobRepository,
        access: JobAccess,
        applications: ApplicationQueries,
    ) -> None:
        self._tests = tests
        self._jobs = jobs
        self._access = access
        self._applications = applications

    async def __call__(self, cmd: GetJobTestCommand) -> JobTestView:
        if await self._jobs.get(cmd.job_id) is None:
            raise NotFound("Job not found.")
        manager = cmd.actor.user_type is not UserType.CANDIDATE
        if manager:
            await self._access.managed(cmd.actor, cmd.job_id)
        elif (
            await self._applications.candidate_application(cmd.job_id, cmd.actor.require_id())
            is None
        ):
            raise PermissionDenied("Apply to this job to see its test.")
        test = await self._tests.for_job(cmd.job_id)
        if test is None:
            raise NotFound("This job has no test.")
        return test_view(test, with_answers=manager)

from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.views import SubmissionView
from core.domain.errors import NotFound
from core.ports.job_tests import JobTestRepository
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.views import submission_view


class GetSubmissionCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    submission_id: int


class GetSubmission:
    """A test submission: its candidate sees the score, the job's managers the answers too;
    to anyone else it does not exist (404)."""

    def __init__(self, tests: JobTestRepository, access: ApplicationAccess) -> None:
        self._tests = tests
        self._access = access

    async def __call__(self, cmd: GetSubmissionCommand) -> SubmissionView:
        submission = await self._tests.submission(cmd.submission_id)
        if submission is None:
            raise NotFound("Submission not found.")
        try:
            seen = await self._access.seen(cmd.actor, submission.application_id)
        except NotFound:
            raise NotFound("Submission not found.") from None
        return submission_view(submission, with_answers=not seen.by_candidate)

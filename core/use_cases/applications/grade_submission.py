from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.views import SubmissionView
from core.domain.errors import NotFound, ValidationFailed
from core.domain.jobs.assessment import score
from core.domain.numbers import Id
from core.ports.job_tests import JobTestRepository
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.views import submission_view


class GradeIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    question: Id
    correct: bool


class GradeSubmissionCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    submission_id: int
    grades: list[GradeIn]


class GradeSubmission:
    """A manager of the job grades open-ended answers; the score follows. To anyone who may
    not see the application, the submission does not exist (404)."""

    def __init__(
        self, tx: TransactionManager, tests: JobTestRepository, access: ApplicationAccess
    ) -> None:
        self._tx = tx
        self._tests = tests
        self._access = access

    async def __call__(self, cmd: GradeSubmissionCommand) -> SubmissionView:
        submission = await self._tests.submission(cmd.submission_id)
        if submission is None:
            raise NotFound("Submission not found.")
        try:
            application = await self._access.managed(cmd.actor, submission.application_id)
        except NotFound:
            raise NotFound("Submission not found.") from None
        by_question = {a.question_id: a for a in submission.answers}
        test = await self._tests.for_job(application.job_id)
        kinds = {q.id: q.question_type for q in test.questions} if test else {}
        problems = [
            f"Question {g.question} has no open-ended answer in this submission."
            for g in cmd.grades
            if g.question not in by_question or kinds.get(g.question) != "open_ended"
        ]
        if problems or not cmd.grades:
            raise ValidationFailed({"grades": problems or ["Grade at least one answer."]})
        for grade in cmd.grades:
            by_question[grade.question].correct = grade.correct
        submission.score, submission.correct_answers = score(
            submission.answers, submission.total_questions
        )
        await self._tests.update_submission(submission)
        await self._tx.commit()
        return submission_view(submission, with_answers=True)

from __future__ import annotations

from typing import Annotated

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.views import SubmissionView
from core.domain.errors import NotFound, ValidationFailed
from core.domain.jobs.assessment import Answer, correct, score
from core.domain.numbers import Id
from core.domain.schema import documented
from core.ports.application_repository import ApplicationRepository
from core.ports.clock import Clock
from core.ports.job_tests import JobTestRepository, StoredSubmission
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.views import submission_view

MAX_ANSWER_LENGTH = 10_000


class AnswerIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    question: Id
    answer: Annotated[str, documented(maxLength=MAX_ANSWER_LENGTH)]
    question_type: str | None = None


class SubmitTestCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    answers: list[AnswerIn]


class SubmitTest:
    """A candidate takes their application's job test, once: multiple choice is corrected at
    once, open-ended answers wait for the recruiter's grading, and the score follows."""

    def __init__(
        self,
        tx: TransactionManager,
        tests: JobTestRepository,
        applications: ApplicationRepository,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tests = tests
        self._applications = applications
        self._clock = clock

    async def __call__(self, cmd: SubmitTestCommand) -> SubmissionView:
        application = await self._applications.get(cmd.application_id)
        if application is None or application.candidate_id != cmd.actor.require_id():
            raise NotFound("Application not found.")
        test = await self._tests.for_job(application.job_id)
        if test is None:
            raise ValidationFailed.single("application", "This job has no test.")
        if application.is_final:
            raise ValidationFailed.single(
                "application", f"This application is {application.status}."
            )
        questions = {q.id: q for q in test.questions}
        errors: list[str] = []
        seen: set[int] = set()
        for item in cmd.answers:
            if item.question not in questions:
                errors.append(f"Question {item.question} is not part of this job's test.")
            elif item.question in seen:
                errors.append(f"Question {item.question} is answered twice.")
            elif (
                item.question_type and item.question_type != questions[item.question].question_type
            ):
                errors.append(
                    f"Question {item.question} is {questions[item.question].question_type}."
                )
            elif len(item.answer) > MAX_ANSWER_LENGTH:
                errors.append(f"The answer to question {item.question} is too long.")
            seen.add(item.question)
        if not cmd.answers:
            errors.append("Answer at least one question.")
        if errors:
            raise ValidationFailed({"answers": errors})
        answers = [
            Answer(
                question_id=a.question,
                answer=a.answer.strip(),
                correct=correct(questions[a.question], a.answer),
            )
            for a in cmd.answers
        ]
        total = len(test.questions)
        value, right = score(answers, total)
        stored = await self._tests.add_submission(
            StoredSubmission(
                application_id=cmd.application_id,
                answers=answers,
                score=value,
                correct_answers=right,
                total_questions=total,
                submitted_at=self._clock.now(),
            )
        )
        await self._tx.commit()
        return submission_view(stored, with_answers=False)

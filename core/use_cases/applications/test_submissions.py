from __future__ import annotations

from datetime import datetime

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import NotFound, ValidationFailed
from core.domain.jobs.assessment import Answer, correct, score
from core.ports.application_repository import ApplicationRepository
from core.ports.clock import Clock
from core.ports.job_tests import JobTestRepository, StoredSubmission
from core.ports.transaction_manager import TransactionManager
from core.use_cases.applications.application_access import ApplicationAccess


class AnswerIn(msgspec.Struct, frozen=True, kw_only=True):
    question: int
    answer: str
    question_type: str | None = None


class SubmitTestCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int
    answers: list[AnswerIn]


class GradeIn(msgspec.Struct, frozen=True, kw_only=True):
    question: int
    correct: bool


class GradeSubmissionCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    submission_id: int
    grades: list[GradeIn]


class AnswerOut(msgspec.Struct, frozen=True, kw_only=True):
    question: int
    answer: str
    correct: bool | None


class SubmissionView(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    id: int
    application: int
    score: float | None
    total_questions: int
    correct_answers: int
    pending_grading: int
    submitted_at: datetime
    #: Recruiters' view only.
    answers: list[AnswerOut] | None = None


def submission_view(s: StoredSubmission, *, with_answers: bool) -> SubmissionView:
    return SubmissionView(
        id=s.id,
        application=s.application_id,
        score=s.score,
        total_questions=s.total_questions,
        correct_answers=s.correct_answers,
        pending_grading=sum(1 for a in s.answers if a.correct is None),
        submitted_at=s.submitted_at,
        answers=[
            AnswerOut(question=a.question_id, answer=a.answer, correct=a.correct) for a in s.answers
        ]
        if with_answers
        else None,
    )


class TestSubmissions:
    """Candidates take their application's job test once; multiple choice is corrected at
    once, open-ended answers wait for the recruiter's grading, and the score follows."""

    def __init__(
        self,
        tx: TransactionManager,
        tests: JobTestRepository,
        applications: ApplicationRepository,
        access: ApplicationAccess,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tests = tests
        self._applications = applications
        self._access = access
        self._clock = clock

    async def submit(self, cmd: SubmitTestCommand) -> SubmissionView:
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
            elif len(item.answer) > 10_000:
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
                id=0,
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

    async def grade(self, cmd: GradeSubmissionCommand) -> SubmissionView:
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

    async def get(self, actor: User, submission_id: int) -> SubmissionView:
        submission = await self._tests.submission(submission_id)
        if submission is None:
            raise NotFound("Submission not found.")
        try:
            seen = await self._access.seen(actor, submission.application_id)
        except NotFound:
            raise NotFound("Submission not found.") from None
        return submission_view(submission, with_answers=not seen.by_candidate)

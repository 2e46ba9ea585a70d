from __future__ import annotations

from typing import Any

import msgspec

from core.domain.accounts.user import User, UserType
from core.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from core.domain.jobs.assessment import Question, test_problems
from core.domain.tasks import JobTestDefined
from core.ports.application_repository import ApplicationQueries
from core.ports.clock import Clock
from core.ports.job_repository import JobRepository
from core.ports.job_tests import JobTestRepository, StoredTest
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.jobs.job_access import JobAccess


class QuestionOut(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    id: int
    text: str
    question_type: str
    choices: list[str] = msgspec.field(default_factory=list)
    #: Only for the job's recruiter and company admin.
    correct_answer: str | None = None


class JobTestView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    job: int
    title: str
    questions: list[QuestionOut]


def test_view(test: StoredTest, *, with_answers: bool) -> JobTestView:
    return JobTestView(
        id=test.id,
        job=test.job_id,
        title=test.title,
        questions=[
            QuestionOut(
                id=q.id or 0,
                text=q.text,
                question_type=q.question_type,
                choices=q.choices,
                correct_answer=q.correct_answer if with_answers else None,
            )
            for q in test.questions
        ],
    )


class DefineJobTestCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    title: str
    questions: list[dict[str, Any]]


class JobTests:
    """The one test of a job: defined (or replaced, until someone has taken it) by the job's
    recruiter or company admin; read by them with answers, by applicants without."""

    def __init__(
        self,
        tx: TransactionManager,
        tests: JobTestRepository,
        jobs: JobRepository,
        access: JobAccess,
        applications: ApplicationQueries,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tests = tests
        self._jobs = jobs
        self._access = access
        self._applications = applications
        self._tasks = tasks
        self._clock = clock

    async def define(self, cmd: DefineJobTestCommand) -> JobTestView:
        await self._access.managed(cmd.actor, cmd.job_id)
        if errors := test_problems(cmd.title, cmd.questions):
            raise ValidationFailed(errors)
        if await self._tests.has_submissions(cmd.job_id):
            raise Conflict("Candidates have already taken this test; it can no longer change.")
        questions = [
            Question(
                text=str(q["text"]).strip(),
                question_type=str(q["question_type"]),
                choices=[str(c).strip() for c in q.get("choices") or []],
                correct_answer=(
                    str(q["correct_answer"]).strip() if q.get("correct_answer") else None
                ),
            )
            for q in cmd.questions
        ]
        test = await self._tests.replace(
            cmd.job_id, cmd.title.strip(), questions, self._clock.now()
        )
        await self._tasks.enqueue(JobTestDefined(job_id=cmd.job_id))
        await self._tx.commit()
        return test_view(test, with_answers=True)

    async def get(self, actor: User, job_id: int) -> JobTestView:
        job = await self._jobs.get(job_id)
        if job is None:
            raise NotFound("Job not found.")
        test = await self._tests.for_job(job_id)
        if actor.user_type is UserType.CANDIDATE:
            applied = await self._applications.candidate_application(job_id, actor.require_id())
            if applied is None:
                raise PermissionDenied("Apply to this job to see its test.")
            if test is None:
                raise NotFound("This job has no test.")
            return test_view(test, with_answers=False)
        await self._access.managed(actor, job_id)
        if test is None:
            raise NotFound("This job has no test.")
        return test_view(test, with_answers=True)

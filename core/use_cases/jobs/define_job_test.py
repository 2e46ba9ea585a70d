from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.errors import Conflict, ValidationFailed
from core.domain.jobs.assessment import JobTestDetails, Question, test_problems
from core.domain.jobs.events import JobTestDefined
from core.domain.jobs.views import JobTestView
from core.ports.clock import Clock
from core.ports.job_tests import JobTestRepository
from core.ports.task_queue import TaskQueue
from core.ports.transaction_manager import TransactionManager
from core.use_cases.jobs.job_access import JobAccess
from core.use_cases.jobs.views import test_view


class DefineJobTestCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    job_id: int
    test: JobTestDetails


class DefineJobTest:
    """The one test of a job, defined (or replaced, until someone has taken it) by a manager
    of the job. Candidates whose applications are open are told (``JobTestDefined``)."""

    def __init__(
        self,
        tx: TransactionManager,
        tests: JobTestRepository,
        access: JobAccess,
        tasks: TaskQueue,
        clock: Clock,
    ) -> None:
        self._tx = tx
        self._tests = tests
        self._access = access
        self._tasks = tasks
        self._clock = clock

    async def __call__(self, cmd: DefineJobTestCommand) -> JobTestView:
        await self._access.managed(cmd.actor, cmd.job_id)
        raw = [msgspec.structs.asdict(q) for q in cmd.test.questions]
        if errors := test_problems(cmd.test.title, raw):
            raise ValidationFailed(errors)
        if await self._tests.has_submissions(cmd.job_id):
            raise Conflict("Candidates have already taken this test; it can no longer change.")
        questions = [
            Question(
                text=q.text.strip(),
                question_type=q.question_type,
                choices=[c.strip() for c in q.choices],
                correct_answer=q.correct_answer.strip() if q.correct_answer else None,
            )
            for q in cmd.test.questions
        ]
        test = await self._tests.replace(
            cmd.job_id, cmd.test.title.strip(), questions, self._clock.now()
        )
        await self._tasks.enqueue(JobTestDefined(job_id=cmd.job_id))
        await self._tx.commit()
        return test_view(test, with_answers=True)

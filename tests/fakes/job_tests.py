"""Job tests (one per job; replacing one gives its questions new ids, as the SQL adapter's
delete-and-insert does) and their submissions (one per application)."""

from __future__ import annotations

import copy
from datetime import datetime

from core.domain.applications.application import AlreadySubmitted
from core.domain.jobs.assessment import Question
from core.ports.job_tests import JobTestRepository, StoredSubmission, StoredTest
from tests.fakes.applications import InMemoryApplications


class InMemoryJobTests(JobTestRepository):
    def __init__(self, applications: InMemoryApplications) -> None:
        self.tests: dict[int, StoredTest] = {}  # by job id
        #: job id -> when its test was last defined (the table's updated_at).
        self.defined_at: dict[int, datetime] = {}
        self.submissions: dict[int, StoredSubmission] = {}
        self._applications = applications
        self._next_test = 1
        self._next_question = 1
        self._next_submission = 1

    async def for_job(self, job_id: int) -> StoredTest | None:
        test = self.tests.get(job_id)
        return copy.deepcopy(test) if test else None

    async def replace(
        self, job_id: int, title: str, questions: list[Question], now: datetime
    ) -> StoredTest:
        existing = self.tests.get(job_id)
        test_id = existing.id if existing else self._next_test
        if existing is None:
            self._next_test += 1
        stored = []
        for q in questions:
            stored.append(
                Question(
                    id=self._next_question,
                    text=q.text,
                    question_type=q.question_type,
                    choices=list(q.choices),
                    correct_answer=q.correct_answer,
                )
            )
            self._next_question += 1
        self.tests[job_id] = StoredTest(id=test_id, job_id=job_id, title=title, questions=stored)
        self.defined_at[job_id] = now
        return copy.deepcopy(self.tests[job_id])

    async def has_submissions(self, job_id: int) -> bool:
        return any(
            self._applications.rows[s.application_id].job_id == job_id
            for s in self.submissions.values()
        )

    async def add_submission(self, submission: StoredSubmission) -> StoredSubmission:
        assert submission.application_id in self._applications.rows  # a foreign key
        if self.submission_of(submission.application_id) is not None:  # unique application_id
            raise AlreadySubmitted()
        submission.id = self._next_submission
        self._next_submission += 1
        self.submissions[submission.id] = copy.deepcopy(submission)
        return submission

    async def submission(self, submission_id: int) -> StoredSubmission | None:
        found = self.submissions.get(submission_id)
        return copy.deepcopy(found) if found else None

    async def update_submission(self, submission: StoredSubmission) -> None:
        stored = self.submissions[submission.id]  # answers, score and count are rewritten
        stored.answers = copy.deepcopy(submission.answers)
        stored.score, stored.correct_answers = submission.score, submission.correct_answers

    def submission_of(self, application_id: int) -> StoredSubmission | None:
        return next(
            (s for s in self.submissions.values() if s.application_id == application_id), None
        )

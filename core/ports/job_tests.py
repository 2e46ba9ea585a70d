from __future__ import annotations

from datetime import datetime
from typing import Protocol

import msgspec

from core.domain.jobs.assessment import Answer, Question


class StoredTest(msgspec.Struct, kw_only=True):
    id: int
    job_id: int
    title: str
    questions: list[Question]


class StoredSubmission(msgspec.Struct, kw_only=True):
    #: Given by the store when it adds the submission.
    id: int = 0
    application_id: int
    answers: list[Answer]
    score: float | None
    correct_answers: int
    total_questions: int
    submitted_at: datetime


class JobTestRepository(Protocol):
    async def for_job(self, job_id: int) -> StoredTest | None: ...

    async def replace(
        self, job_id: int, title: str, questions: list[Question], now: datetime
    ) -> StoredTest: ...

    async def has_submissions(self, job_id: int) -> bool: ...

    async def add_submission(self, submission: StoredSubmission) -> StoredSubmission:
        """Raises ``AlreadySubmitted`` when the application already has one."""
        ...

    async def submission(self, submission_id: int) -> StoredSubmission | None: ...

    async def update_submission(self, submission: StoredSubmission) -> None: ...

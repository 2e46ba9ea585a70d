from __future__ import annotations

from datetime import datetime

import msgspec
from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables.applications import applications, test_submissions
from adapters.persistence.tables.jobs import job_tests, test_questions
from core.domain.applications.application import AlreadySubmitted
from core.domain.jobs.assessment import Answer, Question
from core.ports.job_tests import JobTestRepository, StoredSubmission, StoredTest


class SqlJobTests(JobTestRepository):
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_job(self, job_id: int) -> StoredTest | None:
        row = (
            await self._session.execute(select(job_tests).where(job_tests.c.job_id == job_id))
        ).first()
        if row is None:
            return None
        questions = await self._session.execute(
            select(test_questions)
            .where(test_questions.c.test_id == row.id)
            .order_by(test_questions.c.position)
        )
        return StoredTest(
            id=row.id,
            job_id=job_id,
            title=row.title,
            questions=[
                Question(
                    id=q.id,
                    text=q.text,
                    question_type=q.question_type,
                    choices=q.choices,
                    correct_answer=q.correct_answer,
                )
                for q in questions
            ],
        )

    async def replace(
        self, job_id: int, title: str, questions: list[Question], now: datetime
    ) -> StoredTest:
        existing = await self.for_job(job_id)
        if existing is None:
            result = await self._session.execute(
                job_tests.insert()
                .values(job_id=job_id, title=title, created_at=now, updated_at=now)
                .returning(job_tests.c.id)
            )
            test_id = int(result.scalar_one())
        else:
            test_id = existing.id
            await self._session.execute(
                update(job_tests)
                .where(job_tests.c.id == test_id)
                .values(title=title, updated_at=now)
            )
            await self._session.execute(
                delete(test_questions).where(test_questions.c.test_id == test_id)
            )
        for position, q in enumerate(questions):
            await self._session.execute(
                test_questions.insert().values(
                    test_id=test_id,
                    position=position,
                    text=q.text,
                    question_type=q.question_type,
                    choices=q.choices,
                    correct_answer=q.correct_answer,
                )
            )
        stored = await self.for_job(job_id)
        assert stored is not None
        return stored

    async def has_submissions(self, job_id: int) -> bool:
        query = select(
            exists().where(
                test_submissions.c.application_id == applications.c.id,
                applications.c.job_id == job_id,
            )
        )
        return bool((await self._session.execute(query)).scalar())

    async def add_submission(self, submission: StoredSubmission) -> StoredSubmission:
        try:
            async with self._session.begin_nested():
                result = await self._session.execute(
                    test_submissions.insert()
                    .values(
                        application_id=submission.application_id,
                        answers=msgspec.to_builtins(submission.answers),
                        score=submission.score,
                        correct_answers=submission.correct_answers,
                        total_questions=submission.total_questions,
                        submitted_at=submission.submitted_at,
                    )
                    .returning(test_submissions.c.id)
                )
        except IntegrityError as exc:
            raise AlreadySubmitted() from exc
        submission.id = int(result.scalar_one())
        return submission

    async def submission(self, submission_id: int) -> StoredSubmission | None:
        row = (
            await self._session.execute(
                select(test_submissions).where(test_submissions.c.id == submission_id)
            )
        ).first()
        if row is None:
            return None
        return StoredSubmission(
            id=row.id,
            application_id=row.application_id,
            answers=msgspec.convert(row.answers, list[Answer]),
            score=row.score,
            correct_answers=row.correct_answers,
            total_questions=row.total_questions,
            submitted_at=row.submitted_at,
        )

    async def update_submission(self, submission: StoredSubmission) -> None:
        await self._session.execute(
            update(test_submissions)
            .where(test_submissions.c.id == submission.id)
            .values(
                answers=msgspec.to_builtins(submission.answers),
                score=submission.score,
                correct_answers=submission.correct_answers,
            )
        )

from __future__ import annotations

from core.domain.jobs.views import JobTestView, QuestionOut
from core.ports.job_tests import StoredTest


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

"""Views the application use cases answer with, built from the write model."""

from __future__ import annotations

from core.domain.applications.interview import Interview
from core.domain.applications.views import AnswerOut, InterviewView, SubmissionView
from core.ports.job_tests import StoredSubmission


def interview_view(interview: Interview) -> InterviewView:
    assert interview.id is not None
    return InterviewView(
        id=interview.id,
        application_id=interview.application_id,
        starts_at=interview.starts_at,
        duration_minutes=interview.duration_minutes,
        location=interview.location,
        video_link=interview.video_link,
        interviewers=interview.interviewers,
        status=interview.status.value,
        updated_at=interview.updated_at,
    )


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

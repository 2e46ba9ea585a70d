from __future__ import annotations

from datetime import datetime

import msgspec


class JobBrief(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str


class CompanyName(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str


class JobWithCompany(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str
    company: CompanyName


class CandidateBrief(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    username: str
    full_name: str
    profile_picture: str = ""


class ApplicationCreated(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    job: JobBrief
    candidate: CandidateBrief
    status: str
    cover_letter: str
    applied_at: datetime


class MyApplication(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    job: JobWithCompany
    status: str
    applied_at: datetime
    updated_at: datetime


class TestSubmissionBrief(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    score: float | None


class JobApplication(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    candidate: CandidateBrief
    status: str
    match_score: float | None
    cover_letter: str
    applied_at: datetime
    updated_at: datetime
    test_submission: TestSubmissionBrief | None


class HistoryEntry(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    from_status: str | None
    to_status: str
    changed_at: datetime
    #: Recruiters' view only: who moved it and their private notes.
    changed_by: int | None = None
    notes: str | None = None


class ApplicationContext(msgspec.Struct, frozen=True, kw_only=True):
    """What notification handlers need to know about an application."""

    application_id: int
    job_id: int
    job_title: str
    company_id: int
    company_name: str
    recruiter_id: int
    #: Is the recruiter who posted the job still in its company's team?
    recruiter_is_member: bool
    company_admin_id: int
    candidate_id: int
    candidate_name: str

    @property
    def managers(self) -> set[int]:
        """Who hears about the job's applications: its members who manage it (the poster
        while still in the team, and the company's admin)."""
        managers = {self.company_admin_id}
        if self.recruiter_is_member:
            managers.add(self.recruiter_id)
        return managers

    @property
    def contact_id(self) -> int:
        """The company's person for this application: the poster, or the admin once they left."""
        return self.recruiter_id if self.recruiter_is_member else self.company_admin_id


class ApplicationFilters(msgspec.Struct, frozen=True, kw_only=True):
    status: str | None = None
    job: int | None = None
    ordering: str = "-applied_at"


APPLICATION_ORDERINGS = ("applied_at", "-applied_at", "match_score", "-match_score")


class InterviewView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    application_id: int
    starts_at: datetime
    duration_minutes: int
    location: str
    video_link: str
    interviewers: list[str]
    status: str
    updated_at: datetime


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

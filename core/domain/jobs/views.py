"""Read models of jobs and companies: what list and detail answers show, built straight from
SQL by the query adapters (the write model is not loaded to list 20 jobs)."""

from __future__ import annotations

from datetime import datetime

import msgspec


class Ref(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str


class CompanyRef(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    logo: str
    description: str | msgspec.UnsetType = msgspec.UNSET


class RecruiterRef(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    username: str
    full_name: str


class JobSummary(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str
    slug: str
    company: CompanyRef
    category: Ref | None
    job_type: Ref | None
    location: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    experience_level: str
    description: str
    requirements: list[str]
    is_active: bool
    created_at: datetime


class JobDetail(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str
    slug: str
    company: CompanyRef
    recruiter: RecruiterRef
    category: Ref | None
    job_type: Ref | None
    location: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    experience_level: str
    description: str
    requirements: list[str]
    benefits: list[str]
    application_count: int
    is_active: bool
    created_at: datetime
    updated_at: datetime


class JobFilters(msgspec.Struct, frozen=True, kw_only=True):
    search: str | None = None
    #: An id, or a name (resolved to its id by ``ListJobs``).
    category: int | str | None = None
    #: An id, a code (``full_time``) or a name (resolved to its id by ``ListJobs``).
    job_type: int | str | None = None
    location: str | None = None
    experience_level: str | None = None
    min_salary: int | None = None
    max_salary: int | None = None
    #: None: active jobs only, plus the viewer's own company's inactive ones when asked.
    is_active: bool | None = None
    company: int | None = None
    ordering: str = "-created_at"


JOB_ORDERINGS = (
    "created_at",
    "-created_at",
    "salary_min",
    "-salary_min",
    "salary_max",
    "-salary_max",
    "title",
    "-title",
)


class QuestionOut(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    id: int
    text: str
    question_type: str
    choices: list[str] = msgspec.field(default_factory=list)
    #: Only for the job's managers.
    correct_answer: str | None = None


class JobTestView(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    job: int
    title: str
    questions: list[QuestionOut]

from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, get, patch, post
from litestar.params import FromPath, JSONBody

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from core.use_cases.applications.test_submissions import (
    AnswerIn,
    GradeIn,
    GradeSubmissionCommand,
    SubmissionView,
    SubmitTestCommand,
    TestSubmissions,
)
from core.use_cases.jobs.job_tests import DefineJobTestCommand, JobTests, JobTestView


class QuestionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    text: str
    question_type: str
    choices: list[str] = msgspec.field(default_factory=list)
    correct_answer: str | None = None


class JobTestIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    title: str
    questions: list[QuestionIn]


class SubmissionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    application: int
    answers: list[AnswerIn]


class GradesIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    grades: list[GradeIn]


class JobTestController(Controller):
    path = "/jobs/api/v1/jobs/{job_id:int}/test"
    tags = ["Job tests"]

    @post(
        "/",
        summary="Define (or replace, until taken) the job's test",
        description="Multiple-choice questions carry `choices` and `correct_answer`; open-ended "
        "ones neither. Candidates who applied are told (`test_assigned`).",
        responses=errors(400, 401, 403, 404, 409),
    )
    async def define(
        self,
        job_id: FromPath[int],
        data: JSONBody[JobTestIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[JobTests],
    ) -> JobTestView:
        return await use_case.define(
            DefineJobTestCommand(
                actor=me.user,
                job_id=job_id,
                title=data.title,
                questions=[msgspec.to_builtins(q) for q in data.questions],
            )
        )

    @get(
        "/",
        summary="The job's test (recruiters: with answers; applicants: without)",
        responses=errors(401, 403, 404),
    )
    async def show(
        self, job_id: FromPath[int], me: FromDishka[CurrentUser], use_case: FromDishka[JobTests]
    ) -> JobTestView:
        return await use_case.get(me.user, job_id)


class TestSubmissionController(Controller):
    path = "/applications/api/v1/test-submissions"
    tags = ["Job tests"]

    @post(
        "/",
        summary="Submit the answers to your application's job test",
        responses=errors(400, 401, 404, 409),
    )
    async def submit(
        self,
        data: JSONBody[SubmissionIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[TestSubmissions],
    ) -> SubmissionView:
        return await use_case.submit(
            SubmitTestCommand(actor=me.user, application_id=data.application, answers=data.answers)
        )

    @get("/{submission_id:int}/", summary="A submission", responses=errors(401, 403, 404))
    async def show(
        self,
        submission_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[TestSubmissions],
    ) -> SubmissionView:
        return await use_case.get(me.user, submission_id)

    @patch(
        "/{submission_id:int}/grade/",
        summary="Grade open-ended answers (job's recruiter or company admin); the score follows",
        responses=errors(400, 401, 403, 404),
    )
    async def grade(
        self,
        submission_id: FromPath[int],
        data: JSONBody[GradesIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[TestSubmissions],
    ) -> SubmissionView:
        return await use_case.grade(
            GradeSubmissionCommand(actor=me.user, submission_id=submission_id, grades=data.grades)
        )

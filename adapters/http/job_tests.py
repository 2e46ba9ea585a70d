from __future__ import annotations

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, get, patch, post
from litestar.params import FromPath, JSONBody

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from core.domain.applications.views import SubmissionView
from core.domain.jobs.assessment import JobTestDetails
from core.domain.jobs.views import JobTestView
from core.domain.numbers import Id
from core.use_cases.applications.get_submission import GetSubmission, GetSubmissionCommand
from core.use_cases.applications.grade_submission import (
    GradeIn,
    GradeSubmission,
    GradeSubmissionCommand,
)
from core.use_cases.applications.submit_test import AnswerIn, SubmitTest, SubmitTestCommand
from core.use_cases.jobs.define_job_test import DefineJobTest, DefineJobTestCommand
from core.use_cases.jobs.get_job_test import GetJobTest, GetJobTestCommand


class SubmissionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    application: Id
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
        data: JSONBody[JobTestDetails],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[DefineJobTest],
    ) -> JobTestView:
        return await use_case(DefineJobTestCommand(actor=me.user, job_id=job_id, test=data))

    @get(
        "/",
        summary="The job's test (recruiters: with answers; applicants: without)",
        responses=errors(401, 403, 404),
    )
    async def show(
        self,
        job_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[GetJobTest],
    ) -> JobTestView:
        return await use_case(GetJobTestCommand(actor=me.user, job_id=job_id))


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
        use_case: FromDishka[SubmitTest],
    ) -> SubmissionView:
        return await use_case(
            SubmitTestCommand(actor=me.user, application_id=data.application, answers=data.answers)
        )

    @get("/{submission_id:int}/", summary="A submission", responses=errors(401, 403, 404))
    async def show(
        self,
        submission_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[GetSubmission],
    ) -> SubmissionView:
        return await use_case(GetSubmissionCommand(actor=me.user, submission_id=submission_id))

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
        use_case: FromDishka[GradeSubmission],
    ) -> SubmissionView:
        return await use_case(
            GradeSubmissionCommand(actor=me.user, submission_id=submission_id, grades=data.grades)
        )

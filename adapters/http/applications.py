from __future__ import annotations

from typing import Annotated, Any

import msgspec
from dishka.integrations.litestar import FromDishka
from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from adapters.http.current_user import CurrentUser
from adapters.http.openapi import errors
from adapters.http.pagination import Paginated, page_of, paginate, paginate_all
from adapters.http.query import choice_param, int_param
from core.domain.applications.application import MAX_COVER_LETTER, Status
from core.domain.applications.interview import InterviewChanges, InterviewDetails
from core.domain.applications.views import (
    APPLICATION_ORDERINGS,
    ApplicationCreated,
    ApplicationFilters,
    HistoryEntry,
    InterviewView,
    JobApplication,
    MyApplication,
)
from core.domain.numbers import Id
from core.domain.schema import documented
from core.use_cases.applications.application_history import (
    ApplicationHistory,
    ApplicationHistoryCommand,
)
from core.use_cases.applications.apply_to_job import ApplyToJob, ApplyToJobCommand
from core.use_cases.applications.cancel_interview import CancelInterview, CancelInterviewCommand
from core.use_cases.applications.change_application_status import (
    MAX_NOTES_LENGTH,
    ChangeApplicationStatus,
    ChangeApplicationStatusCommand,
    StatusChanged,
)
from core.use_cases.applications.list_applications import (
    ListJobApplications,
    ListJobApplicationsCommand,
    ListMyApplications,
    ListMyApplicationsCommand,
)
from core.use_cases.applications.list_interviews import ListInterviews, ListInterviewsCommand
from core.use_cases.applications.reschedule_interview import (
    RescheduleInterview,
    RescheduleInterviewCommand,
)
from core.use_cases.applications.schedule_interview import (
    ScheduleInterview,
    ScheduleInterviewCommand,
)
from core.use_cases.applications.withdraw_application import (
    WithdrawApplication,
    WithdrawApplicationCommand,
)

Req = Request[Any, Any, Any]
Q = Annotated[str | None, QueryParameter(max_length=100)]


class ApplyIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    job: Id
    cover_letter: Annotated[str, documented(maxLength=MAX_COVER_LETTER)] = ""


class StatusIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    status: Annotated[str, documented(enum=[s.value for s in Status])]
    notes: Annotated[str, documented(maxLength=MAX_NOTES_LENGTH)] = ""


def _filters(status: str | None, job: str | None, ordering: str | None) -> ApplicationFilters:
    choice_param("status", status, sorted(s.value for s in Status))
    choice_param("ordering", ordering, APPLICATION_ORDERINGS)
    return ApplicationFilters(
        status=status or None, job=int_param("job", job), ordering=ordering or "-applied_at"
    )


class ApplicationController(Controller):
    path = "/applications/api/v1/applications"
    tags = ["Applications"]

    @post(
        "/",
        summary="Apply to a job (candidates)",
        responses=errors(400, 401, 402, 403, 409),
    )
    async def apply(
        self, data: JSONBody[ApplyIn], me: FromDishka[CurrentUser], use_case: FromDishka[ApplyToJob]
    ) -> ApplicationCreated:
        return await use_case(
            ApplyToJobCommand(actor=me.user, job_id=data.job, cover_letter=data.cover_letter)
        )

    @get(
        "/my-applications/",
        summary="The current candidate's applications",
        responses=errors(400, 401, 403),
    )
    async def mine(
        self,
        request: Req,
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListMyApplications],
        status: Q = None,
        job: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> Paginated[MyApplication]:
        pagination = page_of(request)
        found = await use_case(
            ListMyApplicationsCommand(
                actor=me.user, filters=_filters(status, job, None), page=pagination
            )
        )
        return paginate(request, pagination, found)

    @get(
        "/job/{job_id:int}/",
        summary="A job's applications (its recruiter and the company admin)",
        responses=errors(400, 401, 403, 404),
    )
    async def for_job(
        self,
        request: Req,
        job_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListJobApplications],
        status: Q = None,
        ordering: Q = None,
        page: Q = None,
        limit: Q = None,
    ) -> Paginated[JobApplication]:
        pagination = page_of(request)
        found = await use_case(
            ListJobApplicationsCommand(
                actor=me.user,
                job_id=job_id,
                filters=_filters(status, None, ordering),
                page=pagination,
            )
        )
        return paginate(request, pagination, found)

    @patch(
        "/{application_id:int}/status/",
        summary="Move an application along the pipeline (job's recruiter or company admin)",
        description="pending → reviewed → shortlisted → interview → accepted; any non-final "
        "stage → rejected. accepted and rejected are final.",
        responses=errors(400, 401, 403, 404),
    )
    async def change_status(
        self,
        application_id: FromPath[int],
        data: JSONBody[StatusIn],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ChangeApplicationStatus],
    ) -> StatusChanged:
        return await use_case(
            ChangeApplicationStatusCommand(
                actor=me.user,
                application_id=application_id,
                status=data.status,
                notes=data.notes,
            )
        )

    @post(
        "/{application_id:int}/withdraw/",
        status_code=200,
        summary="Withdraw your application (candidate)",
        responses=errors(401, 404, 409),
    )
    async def withdraw(
        self,
        application_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[WithdrawApplication],
    ) -> StatusChanged:
        return await use_case(
            WithdrawApplicationCommand(actor=me.user, application_id=application_id)
        )

    @get(
        "/{application_id:int}/history/",
        summary="Status history (recruiters: with notes) or timeline (the candidate)",
        responses=errors(401, 403, 404),
    )
    async def history(
        self,
        request: Request[Any, Any, Any],
        application_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ApplicationHistory],
    ) -> Paginated[HistoryEntry]:
        entries = await use_case(
            ApplicationHistoryCommand(actor=me.user, application_id=application_id)
        )
        return paginate_all(request, entries)


class InterviewController(Controller):
    path = "/applications/api/v1/applications/{application_id:int}/interviews"
    tags = ["Applications"]

    @get(
        "/",
        summary="The application's interviews (candidate, recruiter, company admin)",
        responses=errors(401, 403, 404),
    )
    async def list_interviews(
        self,
        request: Request[Any, Any, Any],
        application_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ListInterviews],
    ) -> Paginated[InterviewView]:
        interviews = await use_case(
            ListInterviewsCommand(actor=me.user, application_id=application_id)
        )
        return paginate_all(request, interviews)

    @post(
        "/",
        summary="Schedule an interview (application at the interview stage)",
        description="The candidate is notified and e-mailed a calendar invitation (.ics).",
        responses=errors(400, 401, 403, 404, 409),
    )
    async def schedule(
        self,
        application_id: FromPath[int],
        data: JSONBody[InterviewDetails],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[ScheduleInterview],
    ) -> InterviewView:
        return await use_case(
            ScheduleInterviewCommand(actor=me.user, application_id=application_id, details=data)
        )

    @patch(
        "/{interview_id:int}/",
        summary="Reschedule or change an interview (a new invitation replaces the old one)",
        responses=errors(400, 401, 403, 404, 409),
    )
    async def reschedule(
        self,
        application_id: FromPath[int],
        interview_id: FromPath[int],
        data: JSONBody[InterviewChanges],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[RescheduleInterview],
    ) -> InterviewView:
        return await use_case(
            RescheduleInterviewCommand(
                actor=me.user,
                application_id=application_id,
                interview_id=interview_id,
                changes=data,
            )
        )

    @delete(
        "/{interview_id:int}/",
        status_code=200,
        summary="Cancel an interview (the candidate's calendar entry is cancelled too)",
        responses=errors(401, 403, 404, 409),
    )
    async def cancel(
        self,
        application_id: FromPath[int],
        interview_id: FromPath[int],
        me: FromDishka[CurrentUser],
        use_case: FromDishka[CancelInterview],
    ) -> InterviewView:
        return await use_case(
            CancelInterviewCommand(
                actor=me.user, application_id=application_id, interview_id=interview_id
            )
        )

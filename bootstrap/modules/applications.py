"""Applications: applying, the hiring pipeline, interviews and test submissions."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.documents.calendar import ICalendarInvites
from adapters.http.applications import ApplicationController, InterviewController
from adapters.http.job_tests import TestSubmissionController
from adapters.persistence.applications import (
    NoApplicationLimits,
    SqlApplicationQueries,
    SqlApplications,
)
from adapters.persistence.interviews import SqlInterviews
from bootstrap.modules._module import Module
from core.ports.application_repository import (
    ApplicationQueries,
    ApplicationQuota,
    ApplicationRepository,
)
from core.ports.interviews import CalendarInvites, InterviewRepository
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.application_history import ApplicationHistory
from core.use_cases.applications.apply_to_job import ApplyToJob
from core.use_cases.applications.cancel_interview import CancelInterview
from core.use_cases.applications.change_application_status import ChangeApplicationStatus
from core.use_cases.applications.get_submission import GetSubmission
from core.use_cases.applications.grade_submission import GradeSubmission
from core.use_cases.applications.list_applications import (
    ListJobApplications,
    ListMyApplications,
)
from core.use_cases.applications.list_interviews import ListInterviews
from core.use_cases.applications.record_status_change import RecordStatusChange
from core.use_cases.applications.reschedule_interview import RescheduleInterview
from core.use_cases.applications.schedule_interview import ScheduleInterview
from core.use_cases.applications.submit_test import SubmitTest
from core.use_cases.applications.withdraw_application import WithdrawApplication


class ApplicationsProvider(Provider):
    scope = Scope.REQUEST

    applications = provide(SqlApplications, provides=ApplicationRepository)
    queries = provide(SqlApplicationQueries, provides=ApplicationQueries)
    quota = provide(NoApplicationLimits, provides=ApplicationQuota, scope=Scope.APP)
    interviews = provide(SqlInterviews, provides=InterviewRepository)
    calendar = provide(ICalendarInvites, provides=CalendarInvites, scope=Scope.APP)
    use_cases = provide_all(
        ApplicationAccess,
        ApplicationHistory,
        ApplyToJob,
        CancelInterview,
        ChangeApplicationStatus,
        GetSubmission,
        GradeSubmission,
        ListInterviews,
        ListJobApplications,
        ListMyApplications,
        RecordStatusChange,
        RescheduleInterview,
        ScheduleInterview,
        SubmitTest,
        WithdrawApplication,
    )


MODULE = Module(
    name="applications",
    providers=(ApplicationsProvider,),
    controllers=(ApplicationController, InterviewController, TestSubmissionController),
)

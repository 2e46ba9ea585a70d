from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.documents.calendar import ICalendarInvites
from adapters.persistence.applications import (
    NoApplicationLimits,
    SqlApplicationQueries,
    SqlApplications,
)
from adapters.persistence.interviews import SqlInterviews
from adapters.persistence.job_tests import SqlJobTests
from adapters.persistence.notifications import SqlNotifications
from core.ports.application_repository import (
    ApplicationQueries,
    ApplicationQuota,
    ApplicationRepository,
)
from core.ports.interviews import CalendarInvites, InterviewRepository
from core.ports.job_tests import JobTestRepository
from core.ports.notification_repository import NotificationRepository
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.application_history import ApplicationHistory
from core.use_cases.applications.apply_to_job import ApplyToJob
from core.use_cases.applications.change_application_status import ChangeApplicationStatus
from core.use_cases.applications.interviews import Interviews
from core.use_cases.applications.list_applications import (
    ListJobApplications,
    ListMyApplications,
)
from core.use_cases.applications.test_submissions import TestSubmissions
from core.use_cases.applications.withdraw_application import WithdrawApplication
from core.use_cases.jobs.job_tests import JobTests
from core.use_cases.notifications.manage_notifications import (
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
    NotificationPreferences,
)
from core.use_cases.notifications.notify import HandleEvent


class ApplicationsProvider(Provider):
    scope = Scope.REQUEST

    interviews = provide(SqlInterviews, provides=InterviewRepository)
    tests = provide(SqlJobTests, provides=JobTestRepository)
    calendar = provide(ICalendarInvites, provides=CalendarInvites, scope=Scope.APP)
    applications = provide(SqlApplications, provides=ApplicationRepository)
    queries = provide(SqlApplicationQueries, provides=ApplicationQueries)
    quota = provide(NoApplicationLimits, provides=ApplicationQuota, scope=Scope.APP)
    use_cases = provide_all(
        ApplicationAccess,
        ApplicationHistory,
        ApplyToJob,
        ChangeApplicationStatus,
        Interviews,
        JobTests,
        TestSubmissions,
        ListJobApplications,
        ListMyApplications,
        WithdrawApplication,
    )


class NotificationsProvider(Provider):
    scope = Scope.REQUEST

    notifications = provide(SqlNotifications, provides=NotificationRepository)
    use_cases = provide_all(
        HandleEvent,
        ListNotifications,
        MarkAllNotificationsRead,
        MarkNotificationRead,
        NotificationPreferences,
    )

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.persistence.applications import (
    NoApplicationLimits,
    SqlApplicationQueries,
    SqlApplications,
)
from adapters.persistence.notifications import SqlNotifications
from core.ports.application_repository import (
    ApplicationQueries,
    ApplicationQuota,
    ApplicationRepository,
)
from core.ports.notification_repository import NotificationRepository
from core.use_cases.applications.application_history import ApplicationHistory
from core.use_cases.applications.apply_to_job import ApplyToJob
from core.use_cases.applications.change_application_status import ChangeApplicationStatus
from core.use_cases.applications.list_applications import (
    ListJobApplications,
    ListMyApplications,
)
from core.use_cases.applications.withdraw_application import WithdrawApplication
from core.use_cases.notifications.manage_notifications import (
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
    NotificationPreferences,
)
from core.use_cases.notifications.notify import HandleEvent


class ApplicationsProvider(Provider):
    scope = Scope.REQUEST

    applications = provide(SqlApplications, provides=ApplicationRepository)
    queries = provide(SqlApplicationQueries, provides=ApplicationQueries)
    quota = provide(NoApplicationLimits, provides=ApplicationQuota, scope=Scope.APP)
    use_cases = provide_all(
        ApplicationHistory,
        ApplyToJob,
        ChangeApplicationStatus,
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

"""Notifications: in-app and by e-mail, and the reactions that produce them."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

from adapters.http.notification_socket import NotificationSocketController
from adapters.http.notifications import NotificationController
from adapters.messaging.routes import Route
from adapters.persistence.notifications import SqlNotifications
from bootstrap.modules._module import Module
from core.domain.applications.events import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    InterviewChanged,
)
from core.domain.companies.events import TeamInvitationAnswered, TeamInvitationSent
from core.domain.email import SendEmail
from core.domain.jobs.events import JobPosted, JobTestDefined
from core.domain.matching.events import CandidatesMatched
from core.ports.notification_repository import NotificationRepository
from core.use_cases.notifications.alert_matched_candidates import AlertMatchedCandidates
from core.use_cases.notifications.deliver_email import DeliverEmail
from core.use_cases.notifications.get_notification_preferences import (
    GetNotificationPreferences,
)
from core.use_cases.notifications.job_test_assigned import (
    NotifyApplicantOfJobTest,
    NotifyApplicantsOfJobTest,
)
from core.use_cases.notifications.list_notifications import ListNotifications
from core.use_cases.notifications.mark_all_notifications_read import MarkAllNotificationsRead
from core.use_cases.notifications.mark_notification_read import MarkNotificationRead
from core.use_cases.notifications.notifier import Notifier
from core.use_cases.notifications.notify_followers_of_job import NotifyFollowersOfJob
from core.use_cases.notifications.notify_managers_of_application import (
    NotifyManagersOfApplication,
)
from core.use_cases.notifications.notify_status_change import NotifyOfStatusChange
from core.use_cases.notifications.send_interview_invitation import SendInterviewInvitation
from core.use_cases.notifications.set_notification_preferences import (
    SetNotificationPreferences,
)
from core.use_cases.notifications.team_invitations import (
    NotifyInvitedRecruiter,
    NotifyInviterOfAnswer,
)


class NotificationsProvider(Provider):
    scope = Scope.REQUEST

    notifications = provide(SqlNotifications, provides=NotificationRepository)
    use_cases = provide_all(
        AlertMatchedCandidates,
        DeliverEmail,
        GetNotificationPreferences,
        ListNotifications,
        MarkAllNotificationsRead,
        MarkNotificationRead,
        Notifier,
        NotifyApplicantOfJobTest,
        NotifyApplicantsOfJobTest,
        NotifyFollowersOfJob,
        NotifyInvitedRecruiter,
        NotifyInviterOfAnswer,
        NotifyManagersOfApplication,
        NotifyOfStatusChange,
        SendInterviewInvitation,
        SetNotificationPreferences,
    )


MODULE = Module(
    name="notifications",
    providers=(NotificationsProvider,),
    controllers=(NotificationController, NotificationSocketController),
    routes=(
        Route("email.deliver", SendEmail, DeliverEmail),
        Route("notifications.new_application", ApplicationSubmitted, NotifyManagersOfApplication),
        Route("notifications.test_for_applicant", ApplicationSubmitted, NotifyApplicantOfJobTest),
        Route("notifications.test_for_applicants", JobTestDefined, NotifyApplicantsOfJobTest),
        Route("notifications.status_changed", ApplicationStatusChanged, NotifyOfStatusChange),
        Route("notifications.interview_invitation", InterviewChanged, SendInterviewInvitation),
        Route("notifications.job_posted_to_followers", JobPosted, NotifyFollowersOfJob),
        Route("notifications.team_invitation", TeamInvitationSent, NotifyInvitedRecruiter),
        Route("notifications.invitation_answered", TeamInvitationAnswered, NotifyInviterOfAnswer),
        Route("notifications.job_match_alerts", CandidatesMatched, AlertMatchedCandidates),
    ),
)

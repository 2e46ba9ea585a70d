"""Event handlers: turn domain events into notifications (and e-mails where wanted).

Each runs in the worker with the event's outbox id as ``event_key``; a notification is unique
per (event, user), so a redelivered event adds nothing and sends no second e-mail.
"""

from __future__ import annotations

import msgspec

from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.domain.tasks import (
    ApplicationStatusChanged,
    ApplicationSubmitted,
    Attachment,
    Event,
    InterviewChanged,
    JobPosted,
    JobTestDefined,
    TeamInvitationAnswered,
    TeamInvitationSent,
)
from core.ports.application_repository import ApplicationQueries
from core.ports.clock import Clock
from core.ports.interviews import CalendarEvent, CalendarInvites, InterviewRepository
from core.ports.job_repository import JobQueries
from core.ports.job_tests import JobTestRepository
from core.ports.notification_repository import NotificationRepository
from core.ports.task_queue import TaskQueue
from core.ports.team_invitations import TeamInvitationRepository
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.notifications._deliver import notify_user

STATUS_WORDS = {
    "reviewed": "reviewed",
    "shortlisted": "shortlisted",
    "interview": "moved to the interview stage",
    "accepted": "accepted",
    "rejected": "declined",
    "withdrawn": "withdrawn",
    "cancelled": "cancelled because the job was withdrawn",
}


class HandleEventCommand(msgspec.Struct, frozen=True, kw_only=True):
    event: Event
    event_key: str


class HandleEvent:
    def __init__(
        self,
        tx: TransactionManager,
        notifications: NotificationRepository,
        applications: ApplicationQueries,
        jobs: JobQueries,
        users: UserRepository,
        tasks: TaskQueue,
        interviews: InterviewRepository,
        calendar: CalendarInvites,
        tests: JobTestRepository,
        invitations: TeamInvitationRepository,
        clock: Clock,
    ) -> None:
        self._invitations = invitations
        self._clock = clock
        self._tests = tests
        self._interviews = interviews
        self._calendar = calendar
        self._tx = tx
        self._notifications = notifications
        self._applications = applications
        self._jobs = jobs
        self._users = users
        self._tasks = tasks

    async def __call__(self, cmd: HandleEventCommand) -> None:
        match cmd.event:
            case ApplicationSubmitted(application_id=app_id):
                ctx = await self._applications.context(app_id)
                if ctx is None:
                    return
                for user_id in sorted(ctx.managers):
                    await self._notify(
                        NewNotification(
                            user_id=user_id,
                            type=NotificationType.NEW_APPLICATION,
                            title="New application",
                            message=f"{ctx.candidate_name} applied for '{ctx.job_title}'",
                            related_object_type="application",
                            related_object_id=app_id,
                            event_key=cmd.event_key,
                        )
                    )
                if await self._tests.for_job(ctx.job_id) is not None:
                    await self._test_assigned(app_id, cmd.event_key)
            case ApplicationStatusChanged(application_id=app_id, to_status=status):
                ctx = await self._applications.context(app_id)
                if ctx is None or status == "withdrawn":
                    if ctx is not None:
                        await self._notify(
                            NewNotification(
                                user_id=ctx.contact_id,
                                type=NotificationType.APPLICATION_STATUS_CHANGED,
                                title="Application withdrawn",
                                message=f"{ctx.candidate_name} withdrew their application "
                                f"for '{ctx.job_title}'",
                                related_object_type="application",
                                related_object_id=app_id,
                                event_key=cmd.event_key,
                            )
                        )
                else:
                    await self._notify(
                        NewNotification(
                            user_id=ctx.candidate_id,
                            type=NotificationType.APPLICATION_STATUS_CHANGED,
                            title="Application Status Updated",
                            message=f"Your application for '{ctx.job_title}' has been "
                            f"{STATUS_WORDS.get(status, status)}",
                            related_object_type="application",
                            related_object_id=app_id,
                            event_key=cmd.event_key,
                        )
                    )
            case JobTestDefined(job_id=job_id):
                for app_id in await self._applications.open_applications(job_id):
                    await self._test_assigned(app_id, cmd.event_key)
            case InterviewChanged(interview_id=interview_id, change=change):
                await self._interview(interview_id, change, cmd.event_key)
            case TeamInvitationSent(invitation_id=invitation_id):
                invitation = await self._invitations.view(invitation_id, self._clock.now())
                if invitation is not None and invitation.status == "pending":
                    role = f" as {invitation.role}" if invitation.role else ""
                    await self._notify(
                        NewNotification(
                            user_id=invitation.user.id,
                            type=NotificationType.TEAM_INVITATION,
                            title=f"Join {invitation.company.name}'s team",
                            message=f"{invitation.invited_by.full_name} invited you to join "
                            f"{invitation.company.name}'s team{role}. Accept or decline it "
                            "in your team invitations.",
                            related_object_type="team_invitation",
                            related_object_id=invitation_id,
                            event_key=cmd.event_key,
                        )
                    )
            case TeamInvitationAnswered(invitation_id=invitation_id):
                invitation = await self._invitations.view(invitation_id, self._clock.now())
                if invitation is not None and invitation.status in ("accepted", "declined"):
                    await self._notify(
                        NewNotification(
                            user_id=invitation.invited_by.id,
                            type=NotificationType.TEAM_INVITATION_ANSWERED,
                            title=f"Invitation {invitation.status}",
                            message=f"{invitation.user.full_name} {invitation.status} your "
                            f"invitation to join {invitation.company.name}'s team",
                            related_object_type="team_invitation",
                            related_object_id=invitation_id,
                            event_key=cmd.event_key,
                        )
                    )
            case JobPosted(job_id=job_id):
                job = await self._jobs.detail(job_id)
                if job is None or not job.is_active:
                    return
                for user_id in await self._notifications.followers(job.company.id, job.created_at):
                    await self._notify(
                        NewNotification(
                            user_id=user_id,
                            type=NotificationType.JOB_POSTED,
                            title=f"New job at {job.company.name}",
                            message=f"{job.company.name} posted '{job.title}'",
                            related_object_type="job",
                            related_object_id=job_id,
                            event_key=cmd.event_key,
                        )
                    )
        await self._tx.commit()

    async def _test_assigned(self, application_id: int, event_key: str) -> None:
        ctx = await self._applications.context(application_id)
        if ctx is None:
            return
        await self._notify(
            NewNotification(
                user_id=ctx.candidate_id,
                type=NotificationType.TEST_ASSIGNED,
                title="Test assigned",
                message=f"'{ctx.job_title}' at {ctx.company_name} has a test for you to take",
                related_object_type="application",
                related_object_id=application_id,
                event_key=event_key,
            )
        )

    async def _interview(self, interview_id: int, change: str, event_key: str) -> None:
        interview = await self._interviews.get(interview_id)
        ctx = await self._applications.context(interview.application_id) if interview else None
        candidate = await self._users.get(ctx.candidate_id) if ctx else None
        recruiter = await self._users.get(ctx.contact_id) if ctx else None
        if interview is None or ctx is None or candidate is None or recruiter is None:
            return
        when = interview.starts_at.strftime("%d %b %Y %H:%M %Z").strip()
        where = interview.video_link or interview.location
        titles = {
            "scheduled": "Interview scheduled",
            "rescheduled": "Interview rescheduled",
            "cancelled": "Interview cancelled",
        }
        verb = {
            "scheduled": "is scheduled",
            "rescheduled": "moved to",
            "cancelled": "was cancelled",
        }[change]
        message = (
            f"Your interview for '{ctx.job_title}' at {ctx.company_name} {verb} {when}"
            if change != "cancelled"
            else f"Your interview for '{ctx.job_title}' at {ctx.company_name} on {when} "
            "was cancelled"
        )
        invitation = self._calendar.invitation(
            CalendarEvent(
                uid=f"interview-{interview_id}@hireflow",
                sequence=interview.sequence,
                summary=f"Interview: {ctx.job_title} ({ctx.company_name})",
                description=f"Interview with {ctx.company_name} for {ctx.job_title}. "
                f"Interviewers: {', '.join(interview.interviewers) or 'to be confirmed'}. "
                f"{where}",
                location=where,
                starts_at_iso=interview.starts_at.isoformat(),
                duration_minutes=interview.duration_minutes,
                organizer_email=recruiter.email,
                attendee_email=candidate.email,
                cancelled=change == "cancelled",
            )
        )
        await self._notify(
            NewNotification(
                user_id=ctx.candidate_id,
                type=NotificationType.INTERVIEW_SCHEDULED,
                title=titles[change],
                message=message,
                related_object_type="application",
                related_object_id=ctx.application_id,
                event_key=event_key,
            ),
            attachments=[
                Attachment(filename="invite.ics", content_type="text/calendar", content=invitation)
            ],
        )

    async def _notify(
        self, notification: NewNotification, attachments: list[Attachment] | None = None
    ) -> None:
        await notify_user(
            notification,
            notifications=self._notifications,
            users=self._users,
            tasks=self._tasks,
            attachments=attachments,
        )

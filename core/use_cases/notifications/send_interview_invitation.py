from __future__ import annotations

from core.domain.applications.events import InterviewChanged
from core.domain.applications.interview import InterviewStatus
from core.domain.email import Attachment
from core.domain.notifications.notification import NotificationType
from core.domain.notifications.views import NewNotification
from core.ports.application_repository import ApplicationQueries
from core.ports.interviews import CalendarEvent, CalendarInvites, InterviewRepository
from core.ports.transaction_manager import TransactionManager
from core.ports.user_repository import UserRepository
from core.use_cases.notifications.notifier import Notifier

TITLES = {
    "scheduled": "Interview scheduled",
    "rescheduled": "Interview rescheduled",
    "cancelled": "Interview cancelled",
}
VERBS = {"scheduled": "is scheduled", "rescheduled": "moved to", "cancelled": "was cancelled"}


class SendInterviewInvitation:
    """An interview was scheduled, moved or cancelled: the candidate is notified and e-mailed
    a calendar invitation (the same UID with a higher SEQUENCE replaces the previous one; a
    cancellation removes it from their calendar)."""

    def __init__(
        self,
        tx: TransactionManager,
        interviews: InterviewRepository,
        applications: ApplicationQueries,
        users: UserRepository,
        calendar: CalendarInvites,
        notifier: Notifier,
    ) -> None:
        self._tx = tx
        self._interviews = interviews
        self._applications = applications
        self._users = users
        self._calendar = calendar
        self._notifier = notifier

    async def __call__(self, message: InterviewChanged, key: str) -> None:
        # Gone since (with its application, or an account): there is nobody to invite.
        interview = await self._interviews.get(message.interview_id)
        if interview is None:
            return
        ctx = await self._applications.context(interview.application_id)
        if ctx is None:
            return
        candidate = await self._users.get(ctx.candidate_id)
        organizer = await self._users.get(ctx.contact_id)
        if candidate is None or organizer is None:
            return
        # Each delivery is handled on its own, maybe late or out of order: what is sent is the
        # interview as it is now, at its current SEQUENCE. A cancelled interview is only ever
        # sent as a cancellation, so a late "scheduled" cannot put it back in the calendar.
        cancelled = interview.status is InterviewStatus.CANCELLED
        change = "cancelled" if cancelled else message.change
        when = interview.starts_at.strftime("%d %b %Y %H:%M %Z").strip()
        where = interview.video_link or interview.location
        text = (
            f"Your interview for '{ctx.job_title}' at {ctx.company_name} {VERBS[change]} {when}"
            if change != "cancelled"
            else f"Your interview for '{ctx.job_title}' at {ctx.company_name} on {when} "
            "was cancelled"
        )
        invitation = self._calendar.invitation(
            CalendarEvent(
                uid=f"interview-{message.interview_id}@hireflow",
                sequence=interview.sequence,
                summary=f"Interview: {ctx.job_title} ({ctx.company_name})",
                description=f"Interview with {ctx.company_name} for {ctx.job_title}. "
                f"Interviewers: {', '.join(interview.interviewers) or 'to be confirmed'}. "
                f"{where}",
                location=where,
                starts_at_iso=interview.starts_at.isoformat(),
                duration_minutes=interview.duration_minutes,
                organizer_email=organizer.email,
                attendee_email=candidate.email,
                cancelled=change == "cancelled",
            )
        )
        await self._notifier.notify(
            NewNotification(
                user_id=ctx.candidate_id,
                type=NotificationType.INTERVIEW_SCHEDULED,
                title=TITLES[change],
                message=text,
                related_object_type="application",
                related_object_id=ctx.application_id,
                event_key=key,
            ),
            attachments=[
                Attachment(filename="invite.ics", content_type="text/calendar", content=invitation)
            ],
        )
        await self._tx.commit()

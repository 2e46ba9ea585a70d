from __future__ import annotations

from enum import StrEnum


class NotificationType(StrEnum):
    APPLICATION_STATUS_CHANGED = "application_status_changed"
    NEW_MESSAGE = "new_message"
    NEW_JOB_MATCH = "new_job_match"
    JOB_POSTED = "job_posted"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    TEST_ASSIGNED = "test_assigned"
    #: For recruiters (the guide's "send notification to recruiter" on apply).
    NEW_APPLICATION = "new_application"
    #: A company's admin invited the recruiter to join the team.
    TEAM_INVITATION = "team_invitation"
    #: The invited recruiter accepted or declined (for the admin who invited them).
    TEAM_INVITATION_ANSWERED = "team_invitation_answered"


#: Which notifications also arrive by e-mail unless the user says otherwise.
EMAIL_BY_DEFAULT = frozenset(
    {
        NotificationType.APPLICATION_STATUS_CHANGED,
        NotificationType.INTERVIEW_SCHEDULED,
        NotificationType.TEST_ASSIGNED,
        NotificationType.NEW_JOB_MATCH,
        NotificationType.NEW_APPLICATION,
        NotificationType.TEAM_INVITATION,
    }
)

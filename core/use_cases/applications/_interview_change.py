from __future__ import annotations

from core.domain.accounts.user import User
from core.domain.applications.interview import Interview, InterviewStatus
from core.domain.errors import Conflict, NotFound
from core.ports.interviews import InterviewRepository
from core.use_cases.applications.application_access import ApplicationAccess


async def changeable_interview(
    actor: User,
    application_id: int,
    interview_id: int,
    access: ApplicationAccess,
    interviews: InterviewRepository,
) -> Interview:
    """An interview of an application the actor manages, still on (not cancelled)."""
    await access.managed(actor, application_id)
    interview = await interviews.get(interview_id)
    if interview is None or interview.application_id != application_id:
        raise NotFound("Interview not found.")
    if interview.status is InterviewStatus.CANCELLED:
        raise Conflict("This interview was cancelled.")
    return interview

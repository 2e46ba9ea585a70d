from __future__ import annotations

import msgspec

from core.domain.accounts.user import User
from core.domain.applications.views import InterviewView
from core.ports.interviews import InterviewRepository
from core.use_cases.applications.application_access import ApplicationAccess
from core.use_cases.applications.views import interview_view


class ListInterviewsCommand(msgspec.Struct, frozen=True, kw_only=True):
    actor: User
    application_id: int


class ListInterviews:
    """An application's interviews, for its candidate and the job's managers."""

    def __init__(self, interviews: InterviewRepository, access: ApplicationAccess) -> None:
        self._interviews = interviews
        self._access = access

    async def __call__(self, cmd: ListInterviewsCommand) -> list[InterviewView]:
        await self._access.seen(cmd.actor, cmd.application_id)
        return [
            interview_view(i) for i in await self._interviews.for_application(cmd.application_id)
        ]

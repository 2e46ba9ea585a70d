from __future__ import annotations

from typing import Protocol

import msgspec

from core.domain.applications.interview import Interview


class InterviewRepository(Protocol):
    async def add(self, interview: Interview) -> Interview: ...

    async def get(self, interview_id: int) -> Interview | None: ...

    async def update(self, interview: Interview) -> None: ...

    async def for_application(self, application_id: int) -> list[Interview]: ...


class CalendarEvent(msgspec.Struct, frozen=True, kw_only=True):
    uid: str
    sequence: int
    summary: str
    description: str
    location: str
    starts_at_iso: str
    duration_minutes: int
    organizer_email: str
    attendee_email: str
    cancelled: bool = False


class CalendarInvites(Protocol):
    """A standard iCalendar (RFC 5545) invitation that calendar programs accept."""

    def invitation(self, event: CalendarEvent) -> str: ...

from __future__ import annotations

from core.domain.messages import Message


class ApplicationSubmitted(Message, frozen=True, kw_only=True, tag="application_submitted"):
    application_id: int


class ApplicationStatusChanged(
    Message, frozen=True, kw_only=True, tag="application_status_changed"
):
    application_id: int
    from_status: str
    to_status: str


class InterviewChanged(Message, frozen=True, kw_only=True, tag="interview_changed"):
    interview_id: int
    #: scheduled | rescheduled | cancelled
    change: str

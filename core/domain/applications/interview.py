from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.numbers import Int64
from core.domain.schema import documented

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
MIN_DURATION_MINUTES = 10
MAX_DURATION_MINUTES = 480
LOCATION_MAX_LENGTH = 255
MAX_INTERVIEWERS = 20
INTERVIEWER_MAX_LENGTH = 100
Duration = Annotated[Int64, documented(minimum=MIN_DURATION_MINUTES, maximum=MAX_DURATION_MINUTES)]
Place = Annotated[str, documented(maxLength=LOCATION_MAX_LENGTH)]
Interviewers = Annotated[
    list[str],
    documented(
        maxItems=MAX_INTERVIEWERS, items={"type": "string", "maxLength": INTERVIEWER_MAX_LENGTH}
    ),
]


class InterviewStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(slots=True, kw_only=True)
class Interview:
    id: int | None = None
    application_id: int
    starts_at: datetime
    duration_minutes: int = 60
    location: str = ""
    video_link: str = ""
    interviewers: list[str] = field(default_factory=list)
    status: InterviewStatus = InterviewStatus.SCHEDULED
    #: Bumped on every change so calendar programs replace the event (iCalendar SEQUENCE).
    sequence: int = 0
    created_by: int
    created_at: datetime
    updated_at: datetime


class InterviewDetails(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a recruiter gives to schedule an interview."""

    #: ISO 8601 with a time zone, e.g. 2026-12-01T14:00:00+01:00.
    starts_at: datetime
    duration_minutes: Duration = 60
    location: Place = ""
    video_link: str = ""
    interviewers: Interviewers = msgspec.field(default_factory=list)


class InterviewChanges(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A reschedule: only the fields given change."""

    starts_at: datetime | msgspec.UnsetType = msgspec.UNSET
    duration_minutes: Duration | msgspec.UnsetType = msgspec.UNSET
    location: Place | msgspec.UnsetType = msgspec.UNSET
    video_link: str | msgspec.UnsetType = msgspec.UNSET
    interviewers: Interviewers | msgspec.UnsetType = msgspec.UNSET


def cleaned(values: dict[str, object]) -> dict[str, object]:
    """Interview values as stored: texts trimmed."""
    out = dict(values)
    out["location"] = str(out.get("location") or "").strip()
    out["video_link"] = str(out.get("video_link") or "").strip()
    out["interviewers"] = [str(i).strip() for i in out.get("interviewers") or []]  # type: ignore[attr-defined]
    return out


def interview_problems(values: dict[str, object], now: datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    starts = values.get("starts_at")
    if not isinstance(starts, datetime):
        errors["starts_at"] = ["This field is required."]
    elif starts.tzinfo is None or starts.utcoffset() is None:
        errors["starts_at"] = ["Give a time zone, e.g. 2026-12-01T14:00:00+01:00."]
    elif starts <= now:
        errors["starts_at"] = ["The interview must start in the future."]
    duration = values.get("duration_minutes")
    if not isinstance(duration, int) or not (
        MIN_DURATION_MINUTES <= duration <= MAX_DURATION_MINUTES
    ):
        errors["duration_minutes"] = [
            f"Enter a duration between {MIN_DURATION_MINUTES} and {MAX_DURATION_MINUTES} minutes."
        ]
    location = str(values.get("location") or "")
    link = str(values.get("video_link") or "")
    if not location and not link:
        errors["location"] = ["Give a location or a video link."]
    if link and not _URL.match(link):
        errors["video_link"] = ["Enter a valid http(s) URL."]
    if len(location) > LOCATION_MAX_LENGTH:
        errors["location"] = [
            f"Ensure this field has no more than {LOCATION_MAX_LENGTH} characters."
        ]
    interviewers = values.get("interviewers") or []
    if (
        not isinstance(interviewers, list)
        or len(interviewers) > MAX_INTERVIEWERS
        or any(
            not isinstance(i, str) or not i.strip() or len(i) > INTERVIEWER_MAX_LENGTH
            for i in interviewers
        )
    ):
        errors["interviewers"] = [
            f"Up to {MAX_INTERVIEWERS} names of at most {INTERVIEWER_MAX_LENGTH} characters."
        ]
    return errors

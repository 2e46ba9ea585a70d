from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from core.domain.errors import Conflict, ValidationFailed

#: The longest cover letter a candidate may send.
MAX_COVER_LETTER = 10_000


class Status(StrEnum):
    PENDING = "pending"
    REVIEWED = "reviewed"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    #: The candidate took it back.
    WITHDRAWN = "withdrawn"
    #: The job was withdrawn while the application was still pending.
    CANCELLED = "cancelled"


#: The guide's pipeline: what a recruiter may move an application to, from each stage. "Any
#: status → rejected (can always reject)": an accepted offer can still be withdrawn.
RECRUITER_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PENDING: frozenset({Status.REVIEWED, Status.REJECTED}),
    Status.REVIEWED: frozenset({Status.SHORTLISTED, Status.REJECTED}),
    Status.SHORTLISTED: frozenset({Status.INTERVIEW, Status.REJECTED}),
    Status.INTERVIEW: frozenset({Status.ACCEPTED, Status.REJECTED}),
    Status.ACCEPTED: frozenset({Status.REJECTED}),
}
#: Nothing moves these again: rejected, withdrawn by the candidate, cancelled with its job.
FINAL = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.CANCELLED})
#: The order stages are named in, for sentences.
_PIPELINE = tuple(Status)


class AlreadyApplied(Conflict):
    code = "already_applied"
    default_message = "You have already applied to this job."


class MovedMeanwhile(Conflict):
    """Two moves raced from the same status and the other was stored first."""

    code = "moved_meanwhile"

    def __init__(self, read: Status) -> None:
        super().__init__(
            "This application was moved by someone else at the same time (it is no longer"
            f" {read.value}): reload it and try again."
        )


class InvalidTransition(ValidationFailed):
    code = "invalid_transition"

    def __init__(self, current: Status, wanted: str) -> None:
        following = RECRUITER_TRANSITIONS.get(current, frozenset())
        allowed = [s.value for s in _PIPELINE if s in following]
        if not allowed:
            message = f"An application that is {current} is final: its status cannot change."
        elif wanted not in {s.value for s in Status}:
            known = ", ".join(s.value for s in _PIPELINE)
            message = f'"{wanted}" is not a status ({known}).'
        else:
            choices = " or ".join(allowed)
            message = f"An application that is {current} can move to {choices}, not to {wanted}."
        super().__init__({"status": [message]}, message)
        self.allowed = allowed


@dataclass(slots=True, kw_only=True)
class Application:
    id: int | None = None
    job_id: int
    candidate_id: int
    status: Status = Status.PENDING
    cover_letter: str = ""
    applied_at: datetime
    updated_at: datetime

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    def move_to(self, wanted: str, now: datetime) -> Status:
        """A recruiter's decision. Returns the previous status."""
        try:
            target = Status(wanted)
        except ValueError:
            raise InvalidTransition(self.status, wanted) from None
        if target not in RECRUITER_TRANSITIONS.get(self.status, frozenset()):
            raise InvalidTransition(self.status, wanted)
        return self._set(target, now)

    def withdraw(self, now: datetime) -> Status:
        if self.is_final:
            raise Conflict(f"This application is already {self.status}.")
        return self._set(Status.WITHDRAWN, now)

    def cancel(self, now: datetime) -> Status:
        return self._set(Status.CANCELLED, now)

    def _set(self, target: Status, now: datetime) -> Status:
        previous = self.status
        self.status = target
        self.updated_at = now
        return previous


@dataclass(slots=True, kw_only=True, frozen=True)
class StatusChange:
    application_id: int
    from_status: Status | None
    to_status: Status
    changed_by: int
    notes: str
    changed_at: datetime


class AlreadySubmitted(Conflict):
    code = "already_submitted"
    default_message = "A test was already submitted for this application."

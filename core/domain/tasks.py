"""Background tasks the core asks for. Each is a tagged ``msgspec.Struct`` so it can be stored in
the outbox as JSON and decoded back into the same type by whatever process runs it."""

from __future__ import annotations

import msgspec


class Attachment(msgspec.Struct, frozen=True, kw_only=True):
    filename: str
    content_type: str
    #: Text attachments only (calendar invitations); binary ones would be base64 here.
    content: str


class SendEmail(msgspec.Struct, frozen=True, kw_only=True, tag="send_email"):
    template: str
    to: str
    locale: str
    context: dict[str, str] = msgspec.field(default_factory=dict)
    attachments: list[Attachment] = msgspec.field(default_factory=list)


class ApplicationSubmitted(msgspec.Struct, frozen=True, kw_only=True, tag="application_submitted"):
    application_id: int


class ApplicationStatusChanged(
    msgspec.Struct, frozen=True, kw_only=True, tag="application_status_changed"
):
    application_id: int
    from_status: str
    to_status: str


class JobPosted(msgspec.Struct, frozen=True, kw_only=True, tag="job_posted"):
    job_id: int


class JobTestDefined(msgspec.Struct, frozen=True, kw_only=True, tag="job_test_defined"):
    job_id: int


class MatchJob(msgspec.Struct, frozen=True, kw_only=True, tag="match_job"):
    """Recalculate a job's matches (and alert the candidates it newly suits)."""

    job_id: int


class MatchCandidate(msgspec.Struct, frozen=True, kw_only=True, tag="match_candidate"):
    candidate_id: int


class InterviewChanged(msgspec.Struct, frozen=True, kw_only=True, tag="interview_changed"):
    interview_id: int
    #: scheduled | rescheduled | cancelled
    change: str


class TeamInvitationSent(msgspec.Struct, frozen=True, kw_only=True, tag="team_invitation_sent"):
    invitation_id: int


class TeamInvitationAnswered(
    msgspec.Struct, frozen=True, kw_only=True, tag="team_invitation_answered"
):
    invitation_id: int


#: Domain events are tasks too: stored with the change, handled (idempotently) after commit.
Event = (
    ApplicationSubmitted
    | ApplicationStatusChanged
    | JobPosted
    | InterviewChanged
    | JobTestDefined
    | TeamInvitationSent
    | TeamInvitationAnswered
)
Task = SendEmail | Event | MatchJob | MatchCandidate

_encoder = msgspec.json.Encoder()
_decoder: msgspec.json.Decoder[Task] = msgspec.json.Decoder(Task)


def encode_task(task: Task) -> bytes:
    return _encoder.encode(task)


def decode_task(payload: bytes | str) -> Task:
    return _decoder.decode(payload)


def task_name(task: Task) -> str:
    return str(type(task).__struct_config__.tag)

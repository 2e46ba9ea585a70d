"""A company's team: who belongs to it, how a recruiter joins one (by an invitation they accept)
and when they may leave the company they are in.

Membership is the recruiter profile's company: a recruiter belongs to at most one team at a time.
Nobody is moved between teams without their consent, and no action of someone else deletes a
company that has anything in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import msgspec

from core.domain.companies.company import Company
from core.domain.errors import Conflict

#: How long an invitation stays open.
INVITATION_TTL = timedelta(days=14)
ROLE_MAX_LENGTH = 100


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    #: Never stored as such while pending: a pending invitation past ``expires_at`` reads so.
    EXPIRED = "expired"


class AlreadyInvited(Conflict):
    code = "already_invited"
    default_message = "This recruiter already has an open invitation to this team."


@dataclass(slots=True, kw_only=True)
class TeamInvitation:
    id: int | None = None
    company_id: int
    #: The invited recruiter.
    user_id: int
    invited_by: int
    role: str = ""
    status: InvitationStatus = InvitationStatus.PENDING
    created_at: datetime
    expires_at: datetime
    responded_at: datetime | None = None

    def status_at(self, now: datetime) -> InvitationStatus:
        if self.status is InvitationStatus.PENDING and now >= self.expires_at:
            return InvitationStatus.EXPIRED
        return self.status

    def is_open(self, now: datetime) -> bool:
        return self.status_at(now) is InvitationStatus.PENDING

    def close(self, status: InvitationStatus, now: datetime) -> None:
        """Answer (accept, decline) or withdraw (cancel) an open invitation."""
        current = self.status_at(now)
        if current is not InvitationStatus.PENDING:
            raise Conflict(f"This invitation is {current}; it can no longer change.")
        self.status = status
        self.responded_at = now


class CompanyFootprint(msgspec.Struct, frozen=True, kw_only=True):
    """What a company holds that leaving it empty would lose."""

    members: int
    #: Every job ever posted, live or withdrawn: their applications belong to the company.
    jobs: int
    followers: int


def leaving_problem(company: Company, user_id: int, footprint: CompanyFootprint) -> str | None:
    """Why ``user_id`` may not leave ``company`` for another team, or ``None`` when they may.

    A member leaves freely: the company keeps its jobs and its admin manages them. The admin may
    leave only an untouched company of one (the one every recruiter gets at sign-up, with
    nothing in it but its name), which is then removed; a company with other members, jobs,
    followers or a filled-in profile is never removed by joining another team.
    """
    if not company.is_admin(user_id):
        return None
    held = []
    if footprint.members > 1:
        others = footprint.members - 1
        held.append(f"{others} other member{'s' if others > 1 else ''}")
    if footprint.jobs:
        held.append(f"{footprint.jobs} job{'s' if footprint.jobs > 1 else ''}")
    if footprint.followers:
        held.append(f"{footprint.followers} follower{'s' if footprint.followers > 1 else ''}")
    if company.has_profile:
        held.append("a company profile")
    if not held:
        return None
    return (
        f"You are the admin of {company.name}, which has {', '.join(held)}; "
        "a company you administer cannot be left behind."
    )


def may_leave_untouched(company: Company, user_id: int, footprint: CompanyFootprint) -> bool:
    """Leaving removes the company: it is the admin's own untouched company of one."""
    return company.is_admin(user_id) and leaving_problem(company, user_id, footprint) is None

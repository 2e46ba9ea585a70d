from __future__ import annotations

from core.domain.messages import Message


class TeamInvitationSent(Message, frozen=True, kw_only=True, tag="team_invitation_sent"):
    invitation_id: int


class TeamInvitationAnswered(Message, frozen=True, kw_only=True, tag="team_invitation_answered"):
    invitation_id: int

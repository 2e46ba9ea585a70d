from __future__ import annotations

from core.domain.messages import Message


class CandidateProfileChanged(Message, frozen=True, kw_only=True, tag="candidate_profile_changed"):
    """Anything matching reads about the candidate changed (profile, entries, skills)."""

    candidate_id: int

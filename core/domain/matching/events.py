from __future__ import annotations

import msgspec

from core.domain.messages import Message


class MatchAlert(msgspec.Struct, frozen=True, kw_only=True):
    candidate_id: int
    score: float


class CandidatesMatched(Message, frozen=True, kw_only=True, tag="candidates_matched"):
    """A job's recalculation found candidates it suits at or above their alert threshold
    (who have not applied). Told once per job and candidate, however often it recalculates."""

    job_id: int
    job_title: str
    company_name: str
    alerts: list[MatchAlert]

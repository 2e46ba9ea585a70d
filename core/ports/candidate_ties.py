from __future__ import annotations

from typing import Protocol

from core.domain.messaging.contacts import CompanyTies


class CandidateTies(Protocol):
    """What links a candidate to a company: who may start a conversation depends on it."""

    async def to_company(self, candidate_id: int, company_id: int) -> CompanyTies: ...

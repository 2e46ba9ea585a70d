from __future__ import annotations

from core.domain.profiles.events import CandidateProfileChanged
from core.ports.transaction_manager import TransactionManager
from core.use_cases.matching._engine import MatchEngine


class RecalculateCandidateMatches:
    """What matching reads about a candidate changed: their matches are recalculated."""

    def __init__(self, tx: TransactionManager, engine: MatchEngine) -> None:
        self._tx = tx
        self._engine = engine

    async def __call__(self, message: CandidateProfileChanged, key: str) -> None:
        await self._engine.candidate(message.candidate_id)
        await self._tx.commit()

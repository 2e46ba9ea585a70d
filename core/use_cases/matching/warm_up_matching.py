from __future__ import annotations

from core.use_cases.matching._engine import MatchEngine


class WarmUpMatching:
    """A starting worker loads every candidate's and job's features before its first task
    needs them, so that the first recalculation costs what later ones do."""

    def __init__(self, engine: MatchEngine) -> None:
        self._engine = engine

    async def __call__(self) -> int:
        return await self._engine.warm_up()

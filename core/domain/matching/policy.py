"""How many matches are kept: what a user can act on, so storage never grows as jobs times
candidates. A pair is kept if it is among the best KEEP_PER_SIDE of its job (or candidate)
and scores at least FLOOR."""

from __future__ import annotations

import heapq

KEEP_PER_SIDE = 200
FLOOR = 30.0
DEFAULT_ALERT_THRESHOLD = 70.0


def keep_best(scored: list[tuple[int, float]], limit: int = KEEP_PER_SIDE) -> list[int]:
    """Indexes of the entries kept, best first (ties: lower id first, deterministic)."""
    eligible = [(-s, key, i) for i, (key, s) in enumerate(scored) if s >= FLOOR]
    return [i for _, _, i in heapq.nsmallest(limit, eligible)]

"""A per-process cache of matching features, validated on every use against cheap
(id, updated_at) stamps from the database: nothing is trusted that another process may have
changed, only re-computing what did change is avoided."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from core.domain.matching.score import CandidateFeatures, JobFeatures

#: Two updated_at values as the driver returns them (compared, never interpreted).
Stamp = tuple[object, object]

#: From this many features built at once, the build is kept out of the cyclic collector.
BULK = 1_000


class FeatureCache:
    def __init__(self) -> None:
        self.candidates: dict[int, tuple[Stamp, CandidateFeatures]] = {}
        self.candidate_list: list[CandidateFeatures] | None = None
        self.jobs: dict[int, tuple[Stamp, JobFeatures]] = {}
        self.job_list: list[JobFeatures] | None = None


@contextmanager
def long_lived(count: int) -> Iterator[None]:
    """Building ``count`` objects that live as long as the process (100k candidates' features
    are millions of objects). Each full cyclic collection walks every tracked object and stops
    every thread meanwhile: measured here, up to 3.5 s per collection once 100k candidates
    were cached, during which no notification could be written. So a bulk build runs with
    the collector paused, and what it built is frozen out of its reach afterwards (features
    hold no reference cycles: reference counting frees them when they are replaced)."""
    if count < BULK:
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()

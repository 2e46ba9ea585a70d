"""A per-process cache of matching features, validated on every use against cheap
(id, updated_at) stamps from the database: nothing is trusted that another process may have
changed, only re-computing what did change is avoided."""

from __future__ import annotations

from core.domain.matching.score import CandidateFeatures, JobFeatures

#: Two updated_at values as the driver returns them (compared, never interpreted).
Stamp = tuple[object, object]


class FeatureCache:
    def __init__(self) -> None:
        self.candidates: dict[int, tuple[Stamp, CandidateFeatures]] = {}
        self.candidate_list: list[CandidateFeatures] | None = None
        self.jobs: dict[int, tuple[Stamp, JobFeatures]] = {}
        self.job_list: list[JobFeatures] | None = None

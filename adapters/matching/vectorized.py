"""A vectorised batch scorer (numpy): the same arithmetic as ``score_match``, on arrays.

Sets become bitsets over a per-batch vocabulary (intersections are AND + popcount), places
become integer ids, and every formula is written with the same float operations in the same
order as the pure-Python sub-scores, so every pair gets bit-identical numbers (a hypothesis
property checks it). Candidates are broadcast against jobs: one job against N candidates and
one candidate against M jobs are the same kernel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from core.domain.matching.geo import PROXIMITY_BANDS
from core.domain.matching.score import (
    _TECH_HINTS,
    EXPERIENCE_SIGMA,
    LEVEL_YEARS,
    NEUTRAL,
    WEIGHTS,
    CandidateFeatures,
    JobFeatures,
    MatchScore,
)
from core.ports.matching import BatchScorer

F = npt.NDArray[np.float64]
U = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


class _Bits:
    """Bitsets of string sets over one vocabulary."""

    def __init__(self, sets: Iterable[Iterable[str]]) -> None:
        self.index: dict[str, int] = {}
        for group in sets:
            for item in group:
                self.index.setdefault(item, len(self.index))
        self.words = max(1, (len(self.index) + 63) // 64)

    def encode(self, sets: Sequence[Iterable[str]]) -> U:
        rows: list[int] = []
        bits: list[int] = []
        index = self.index
        for row, group in enumerate(sets):
            for item in group:
                bit = index.get(item)
                if bit is not None:
                    rows.append(row)
                    bits.append(bit)
        out = np.zeros((len(sets), self.words), dtype=np.uint64)
        if bits:
            positions = np.asarray(bits, dtype=np.uint64)
            np.bitwise_or.at(
                out,
                (np.asarray(rows, dtype=np.int64), (positions >> np.uint64(6)).astype(np.int64)),
                np.left_shift(np.uint64(1), positions & np.uint64(63)),
            )
        return out


def _count(a: U, b: U) -> Ints:
    """|A ∩ B| for every (candidate, job) pair: a is (N, W), b is (M, W) → (N, M)."""
    counts: Ints = np.bitwise_count(a[:, None, :] & b[None, :, :]).sum(axis=2, dtype=np.int64)
    return counts


def _size(a: U) -> Ints:
    sizes: Ints = np.bitwise_count(a).sum(axis=1, dtype=np.int64)
    return sizes


def _ratio(part: Ints, whole: Ints) -> F:
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * part / whole


def _round1(values: F) -> F:
    return np.floor(values * 10.0 + 0.5) / 10.0


def _ids(values: Sequence[str], index: dict[str, int]) -> Ints:
    return np.array([index.get(v, -1) if v else -1 for v in values], dtype=np.int64)


def _proximity(p: Prepared, js: Sequence[JobFeatures]) -> F | float:
    """``proximity_score(nearest_chord2(c.points, j.point))`` for every pair.

    Candidates share a few hundred places, so bands are computed once per (place, job) with
    ``chord2``'s arithmetic and gathered per candidate; the nearest point gives the best band,
    so the maximum over a candidate's points equals the band of the minimum distance."""
    located = [j.point for j in js]
    if not p.point_slots or all(point is None for point in located):
        return 0.0
    jp = np.array([point if point is not None else (np.nan,) * 3 for point in located])
    dx = p.unique_points[:, 0:1] - jp[None, :, 0]
    dy = p.unique_points[:, 1:2] - jp[None, :, 1]
    dz = p.unique_points[:, 2:3] - jp[None, :, 2]
    c2 = dx * dx + dy * dy + dz * dz
    # NaN (a job without a point) is admitted by no band, like Python's None.
    bands = np.select(
        [c2 <= limit for limit, _ in PROXIMITY_BANDS], [s for _, s in PROXIMITY_BANDS], 0.0
    )
    table = np.vstack([bands, np.zeros((1, len(js)))])  # last row: no point in this slot
    near: F = table[p.point_slots[0]]
    for slot in p.point_slots[1:]:
        near = np.maximum(near, table[slot])
    return near


def _slots(groups: Sequence[Sequence[int]], missing: int) -> list[Ints]:
    """Ragged id lists as columns of ids, padded with ``missing``."""
    width = max((len(g) for g in groups), default=0)
    padded = np.full((len(groups), width), missing, dtype=np.int64)
    for row, group in enumerate(groups):
        if group:
            padded[row, : len(group)] = group
    return [padded[:, k] for k in range(width)]


def _has(bits: U, ids: Ints) -> B:
    """For every (candidate, job): is the job's item (an id, -1 for none) in the candidate's
    bitset? One column gather and a shift, however wide the vocabulary."""
    valid = ids >= 0
    safe = np.where(valid, ids, 0).astype(np.uint64)
    words = bits[:, (safe >> np.uint64(6)).astype(np.int64)]
    found: B = ((words >> (safe & np.uint64(63))[None, :]) & np.uint64(1)).astype(np.bool_)
    return found & valid[None, :]


class Prepared:
    """The candidate side, encoded once: vocabularies come from the candidates, so a batch
    can be kept and scored against any number of jobs (items only jobs mention cannot
    intersect anything; set sizes are always the real ones)."""

    def __init__(self, candidates: Sequence[CandidateFeatures]) -> None:
        cs = candidates
        self.n = len(cs)
        self.skills = _Bits(c.skills for c in cs)
        self.c_skills = self.skills.encode([c.skills for c in cs])
        self.years = np.array([np.nan if c.years is None else c.years for c in cs])[:, None]
        self.tech = _Bits(c.project_terms for c in cs)
        self.c_projects = self.tech.encode([c.project_terms for c in cs])
        self.n_projects = np.array([len(c.project_terms) for c in cs])[:, None]
        self.words = _Bits(c.profile_terms for c in cs)
        self.c_profile = self.words.encode([c.profile_terms for c in cs])
        self.n_profile = np.array([len(c.profile_terms) for c in cs])[:, None]
        place_sets = [({c.city} | set(c.preferred_locations)) - {""} for c in cs]
        self.places = _Bits([*place_sets, *({c.country} - {""} for c in cs)])
        self.c_places = self.places.encode(place_sets)
        self.has_places = np.array(
            [bool(p) or bool(c.country) for p, c in zip(place_sets, cs, strict=True)]
        )[:, None]
        self.c_country = _ids([c.country for c in cs], self.places.index)[:, None]
        # Points as ids into the batch's distinct points (the last id: none).
        point_ids: dict[tuple[float, float, float], int] = {}
        groups = [[point_ids.setdefault(pt, len(point_ids)) for pt in c.points] for c in cs]
        self.unique_points = np.array(list(point_ids) or [(0.0, 0.0, 0.0)]).reshape(-1, 3)
        self.point_slots = _slots(groups, len(point_ids))
        pref = [c.remote_preference for c in cs]
        self.remote_job_score = np.array(
            [{"remote": 100.0, "any": 100.0, "hybrid": 80.0}.get(p, 40.0) for p in pref]
        )[:, None]
        self.wants_remote = np.array([p == "remote" for p in pref])[:, None]
        self.want = np.array(
            [
                np.nan
                if (c.salary_min if c.salary_min is not None else c.salary_max) is None
                else float(c.salary_min if c.salary_min is not None else c.salary_max)  # type: ignore[arg-type]
                for c in cs
            ]
        )[:, None]
        self.domains = _Bits(c.industries for c in cs)
        self.c_industries = self.domains.encode([c.industries for c in cs])
        self.n_industries = np.array([len(c.industries) for c in cs])[:, None]
        self.contracts = _Bits(c.contract_types for c in cs)
        self.c_contracts = self.contracts.encode([c.contract_types for c in cs])
        self.n_contracts = np.array([len(c.contract_types) for c in cs])[:, None]


def score_prepared(p: Prepared, jobs: Sequence[JobFeatures]) -> dict[str, F]:
    """Sub-scores and totals as (candidates, jobs) arrays, in ScoreMatch's arithmetic."""
    js = jobs
    shape = (p.n, len(js))
    # --- skills -----------------------------------------------------------------------------
    r = np.array([len(j.required_skills) for j in js])[None, :]
    j_sk = p.skills.encode([j.required_skills for j in js])
    skills_s = np.where(r == 0, NEUTRAL, _ratio(_count(p.c_skills, j_sk), r))
    # --- experience ---------------------------------------------------------------------------
    wanted = np.array([LEVEL_YEARS.get(j.level, 3.0) for j in js])[None, :]
    gap = wanted - p.years
    ratio = gap / EXPERIENCE_SIGMA
    with np.errstate(invalid="ignore"):
        falloff = 100.0 / (1.0 + ratio * ratio)
        experience_s = np.where(np.isnan(p.years), NEUTRAL, np.where(gap <= 0, 100.0, falloff))
    # --- technologies -------------------------------------------------------------------------
    tech_wanted = [j.required_skills | (j.description_terms & _TECH_HINTS) for j in js]
    tw = np.array([len(t) for t in tech_wanted])[None, :]
    j_tw = p.tech.encode(tech_wanted)
    technologies_s = np.where(
        (tw == 0) | (p.n_projects == 0), NEUTRAL, _ratio(_count(p.c_projects, j_tw), tw)
    )
    # --- description --------------------------------------------------------------------------
    de = np.array([len(j.description_terms) for j in js])[None, :]
    j_de = p.words.encode([j.description_terms for j in js])
    overlap = np.minimum(100.0, _ratio(_count(p.c_profile, j_de), np.minimum(de, 25)))
    description_s = np.where((de == 0) | (p.n_profile == 0), NEUTRAL, overlap)
    # --- location -----------------------------------------------------------------------------
    j_has_city = np.array([bool(j.city) for j in js])[None, :]
    j_has_country = np.array([bool(j.country) for j in js])[None, :]
    j_country = _ids([j.country for j in js], p.places.index)[None, :]
    city_in_places = j_has_city & _has(p.c_places, _ids([j.city for j in js], p.places.index))
    country_in_places = j_has_country & (
        ((j_country >= 0) & (j_country == p.c_country)) | _has(p.c_places, j_country[0])
    )
    near = _proximity(p, js)
    onsite = np.where(
        ~j_has_city & ~j_has_country,
        NEUTRAL,
        np.where(
            ~p.has_places,
            NEUTRAL,
            np.where(
                city_in_places,
                100.0,
                np.where(
                    p.wants_remote,
                    20.0,
                    np.where(country_in_places, np.maximum(60.0, near), np.maximum(10.0, near)),
                ),
            ),
        ),
    )
    j_remote = np.array([j.remote for j in js])[None, :]
    location_s = np.where(j_remote, p.remote_job_score, onsite)
    # --- salary -------------------------------------------------------------------------------
    offer = np.array(
        [
            np.nan
            if (j.salary_max if j.salary_max is not None else j.salary_min) is None
            else float(j.salary_max if j.salary_max is not None else j.salary_min)  # type: ignore[arg-type]
            for j in js
        ]
    )[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        shortfall = (p.want - offer) / p.want
        below = np.maximum(0.0, 100.0 * (1 - 2 * shortfall))
        salary_s = np.where(
            np.isnan(p.want) | np.isnan(offer), NEUTRAL, np.where(offer >= p.want, 100.0, below)
        )
    # --- domain and contract type ----------------------------------------------------------------
    j_do = p.domains.encode([j.domains for j in js])
    both = (p.n_industries > 0) & (np.array([len(j.domains) for j in js])[None, :] > 0)
    domain_s = np.where(both, np.where(_count(p.c_industries, j_do) > 0, 100.0, 0.0), NEUTRAL)
    j_ct = p.contracts.encode([[j.contract_type] if j.contract_type else [] for j in js])
    decided = (p.n_contracts > 0) & (np.array([bool(j.contract_type) for j in js])[None, :])
    contract_s = np.where(decided, np.where(_count(p.c_contracts, j_ct) > 0, 100.0, 0.0), NEUTRAL)

    subs = {
        "skills": skills_s,
        "experience": experience_s,
        "technologies": technologies_s,
        "description": description_s,
        "location": location_s,
        "salary": salary_s,
        "domain": domain_s,
        "contract_type": contract_s,
    }
    out = {name: _round1_owned(np.array(np.broadcast_to(v, shape))) for name, v in subs.items()}
    total = np.zeros(shape)
    scratch = np.empty(shape)
    for name, weight in WEIGHTS.items():
        np.multiply(weight, out[name], out=scratch)
        total += scratch
    out["total"] = _round1_owned(total)
    return out


def _round1_owned(values: F) -> F:
    """``_round1`` in place (same operations, no temporaries) on an array we own."""
    values *= 10.0
    values += 0.5
    np.floor(values, out=values)
    values /= 10.0
    return values


def score_pairs(
    candidates: Sequence[CandidateFeatures], jobs: Sequence[JobFeatures]
) -> dict[str, F]:
    return score_prepared(Prepared(candidates), jobs)


def _scores(
    arrays: dict[str, F], index: tuple[int, int], c: CandidateFeatures, j: JobFeatures
) -> MatchScore:
    return MatchScore(
        scores={name: float(arrays[name][index]) for name in WEIGHTS},
        total=float(arrays["total"][index]),
        matched_skills=tuple(sorted(j.required_skills & c.skills)),
        missing_skills=tuple(sorted(j.required_skills - c.skills)),
    )


class VectorizedBatchScorer(BatchScorer):
    """Keeps the last encoded candidate batch: the feature cache hands out the very same list
    while no candidate changed, and encoding is most of the cost."""

    def __init__(self) -> None:
        self._last: tuple[Sequence[CandidateFeatures], Prepared] | None = None

    def _prepared(self, candidates: Sequence[CandidateFeatures], *, keep: bool) -> Prepared:
        if self._last is not None and self._last[0] is candidates:
            return self._last[1]
        prepared = Prepared(candidates)
        if keep:
            self._last = (candidates, prepared)
        return prepared

    def job_totals(self, job: JobFeatures, candidates: Sequence[CandidateFeatures]) -> list[float]:
        if not candidates:
            return []
        totals: list[float] = score_prepared(self._prepared(candidates, keep=True), [job])["total"][
            :, 0
        ].tolist()
        return totals

    def job_against(
        self, job: JobFeatures, candidates: Sequence[CandidateFeatures]
    ) -> list[MatchScore]:
        if not candidates:
            return []
        # Small batches (the kept pairs' details) are not worth replacing the kept encoding.
        arrays = score_prepared(self._prepared(candidates, keep=len(candidates) > 1000), [job])
        return [_scores(arrays, (i, 0), c, job) for i, c in enumerate(candidates)]

    def candidate_totals(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[float]:
        if not jobs:
            return []
        totals: list[float] = score_pairs([candidate], jobs)["total"][0, :].tolist()
        return totals

    def candidate_against(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[MatchScore]:
        if not jobs:
            return []
        arrays = score_pairs([candidate], jobs)
        return [_scores(arrays, (0, k), candidate, j) for k, j in enumerate(jobs)]

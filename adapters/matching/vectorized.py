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
        out = np.zeros((len(sets), self.words), dtype=np.uint64)
        for row, group in enumerate(sets):
            for item in group:
                bit = self.index.get(item)
                if bit is not None:
                    out[row, bit >> 6] |= np.uint64(1) << np.uint64(bit & 63)
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


def score_pairs(
    candidates: Sequence[CandidateFeatures], jobs: Sequence[JobFeatures]
) -> dict[str, F]:
    """Sub-scores and totals as (N, M) arrays."""
    cs, js = candidates, jobs
    n, m = len(cs), len(js)
    # --- skills -----------------------------------------------------------------------------
    skills = _Bits([*(c.skills for c in cs), *(j.required_skills for j in js)])
    c_sk, j_sk = (
        skills.encode([c.skills for c in cs]),
        skills.encode([j.required_skills for j in js]),
    )
    r = _size(j_sk)[None, :]
    skills_s = np.where(r == 0, NEUTRAL, _ratio(_count(c_sk, j_sk), r))
    # --- experience ---------------------------------------------------------------------------
    years = np.array([np.nan if c.years is None else c.years for c in cs])[:, None]
    wanted = np.array([LEVEL_YEARS.get(j.level, 3.0) for j in js])[None, :]
    gap = wanted - years
    ratio = gap / EXPERIENCE_SIGMA
    with np.errstate(invalid="ignore"):
        falloff = 100.0 / (1.0 + ratio * ratio)
        experience_s = np.where(np.isnan(years), NEUTRAL, np.where(gap <= 0, 100.0, falloff))
    # --- technologies -------------------------------------------------------------------------
    tech_wanted = [j.required_skills | (j.description_terms & _TECH_HINTS) for j in js]
    tech = _Bits([*(c.project_terms for c in cs), *tech_wanted])
    c_pt, j_tw = tech.encode([c.project_terms for c in cs]), tech.encode(tech_wanted)
    tw, pt = _size(j_tw)[None, :], _size(c_pt)[:, None]
    technologies_s = np.where((tw == 0) | (pt == 0), NEUTRAL, _ratio(_count(c_pt, j_tw), tw))
    # --- description --------------------------------------------------------------------------
    words = _Bits([*(c.profile_terms for c in cs), *(j.description_terms for j in js)])
    c_pr, j_de = (
        words.encode([c.profile_terms for c in cs]),
        words.encode([j.description_terms for j in js]),
    )
    de, pr = _size(j_de)[None, :], _size(c_pr)[:, None]
    overlap = np.minimum(100.0, _ratio(_count(c_pr, j_de), np.minimum(de, 25)))
    description_s = np.where((de == 0) | (pr == 0), NEUTRAL, overlap)
    # --- location -----------------------------------------------------------------------------
    places: dict[str, int] = {}
    for p in [
        *(c.city for c in cs),
        *(c.country for c in cs),
        *(j.city for j in js),
        *(j.country for j in js),
        *(p for c in cs for p in c.preferred_locations),
    ]:
        if p:
            places.setdefault(p, len(places))
    place_bits = _Bits([list(places)])
    c_places = place_bits.encode([({c.city} | set(c.preferred_locations)) - {""} for c in cs])
    c_country = _ids([c.country for c in cs], places)[:, None]
    j_city, j_country = (
        _ids([j.city for j in js], places)[None, :],
        _ids([j.country for j in js], places)[None, :],
    )
    j_city_bits = place_bits.encode([{j.city} - {""} for j in js])
    j_country_bits = place_bits.encode([{j.country} - {""} for j in js])
    city_in_places = (j_city >= 0) & (_count(c_places, j_city_bits) > 0)
    country_in_places = (j_country >= 0) & (
        (j_country == c_country) | (_count(c_places, j_country_bits) > 0)
    )
    has_places = (_size(c_places)[:, None] > 0) | (c_country >= 0)
    pref = [c.remote_preference for c in cs]
    remote_job_score = np.array(
        [{"remote": 100.0, "any": 100.0, "hybrid": 80.0}.get(p, 40.0) for p in pref]
    )[:, None]
    wants_remote = np.array([p == "remote" for p in pref])[:, None]
    j_remote = np.array([j.remote for j in js])[None, :]
    onsite = np.where(
        (j_city < 0) & (j_country < 0),
        NEUTRAL,
        np.where(
            ~has_places,
            NEUTRAL,
            np.where(
                city_in_places,
                100.0,
                np.where(wants_remote, 20.0, np.where(country_in_places, 60.0, 10.0)),
            ),
        ),
    )
    location_s = np.where(j_remote, remote_job_score, onsite)
    # --- salary -------------------------------------------------------------------------------
    want = np.array(
        [
            np.nan
            if (c.salary_min if c.salary_min is not None else c.salary_max) is None
            else float(c.salary_min if c.salary_min is not None else c.salary_max)  # type: ignore[arg-type]
            for c in cs
        ]
    )[:, None]
    offer = np.array(
        [
            np.nan
            if (j.salary_max if j.salary_max is not None else j.salary_min) is None
            else float(j.salary_max if j.salary_max is not None else j.salary_min)  # type: ignore[arg-type]
            for j in js
        ]
    )[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        shortfall = (want - offer) / want
        below = np.maximum(0.0, 100.0 * (1 - 2 * shortfall))
        salary_s = np.where(
            np.isnan(want) | np.isnan(offer), NEUTRAL, np.where(offer >= want, 100.0, below)
        )
    # --- domain and contract type ----------------------------------------------------------------
    dom = _Bits([*(c.industries for c in cs), *(j.domains for j in js)])
    c_in, j_do = dom.encode([c.industries for c in cs]), dom.encode([j.domains for j in js])
    both = (_size(c_in)[:, None] > 0) & (_size(j_do)[None, :] > 0)
    domain_s = np.where(both, np.where(_count(c_in, j_do) > 0, 100.0, 0.0), NEUTRAL)
    contracts = _Bits([*(c.contract_types for c in cs), *([j.contract_type] for j in js)])
    c_ct = contracts.encode([c.contract_types for c in cs])
    j_ct = contracts.encode([[j.contract_type] if j.contract_type else [] for j in js])
    decided = (_size(c_ct)[:, None] > 0) & (_size(j_ct)[None, :] > 0)
    contract_s = np.where(decided, np.where(_count(c_ct, j_ct) > 0, 100.0, 0.0), NEUTRAL)

    shape = (n, m)
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
    out = {
        name: _round1(np.broadcast_to(values, shape).astype(np.float64))
        for name, values in subs.items()
    }
    total = np.zeros(shape)
    for name, weight in WEIGHTS.items():
        total = total + weight * out[name]
    out["total"] = _round1(total)
    return out


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
    def job_against(
        self, job: JobFeatures, candidates: Sequence[CandidateFeatures]
    ) -> list[MatchScore]:
        if not candidates:
            return []
        arrays = score_pairs(candidates, [job])
        return [_scores(arrays, (i, 0), c, job) for i, c in enumerate(candidates)]

    def candidate_against(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[MatchScore]:
        if not jobs:
            return []
        arrays = score_pairs([candidate], jobs)
        return [_scores(arrays, (0, k), candidate, j) for k, j in enumerate(jobs)]

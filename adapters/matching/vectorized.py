"""A vectorised batch scorer (numpy): the same arithmetic as ``score_match``, on arrays.

Sets become bitsets over a per-batch vocabulary (intersections are AND + popcount), places
become integer ids, and every formula is written with the same float operations in the same
order as the pure-Python sub-scores, so every pair gets bit-identical numbers (a hypothesis
property checks it). Candidates are broadcast against jobs: one job against N candidates and
one candidate against M jobs are the same kernel.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from core.domain.matching.geo import PROXIMITY_BANDS
from core.domain.matching.score import (
    _TECH_HINTS,
    EXPERIENCE_SIGMA,
    LEVEL_YEARS,
    NEUTRAL,
    SAME_REGION,
    WEIGHTS,
    CandidateFeatures,
    JobFeatures,
    MatchScore,
    skill_overlap,
)
from core.ports.matching import BatchScorer

F = npt.NDArray[np.float64]
U = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]


class _Bits:
    """Bitsets of string sets over one vocabulary."""

    def __init__(self, sets: Iterable[Iterable[str]] = ()) -> None:
        self.index: dict[str, int] = {}
        for group in sets:
            for item in group:
                self.index.setdefault(item, len(self.index))

    @property
    def words(self) -> int:
        return max(1, (len(self.index) + 63) // 64)

    @classmethod
    def of(cls, sets: Sequence[Collection[str]]) -> tuple[_Bits, U]:
        """The vocabulary of ``sets`` and their bitsets, in one pass."""
        bits = cls()
        index = bits.index
        setdefault = index.setdefault
        positions = [setdefault(item, len(index)) for group in sets for item in group]
        rows = np.repeat(np.arange(len(sets)), np.fromiter(map(len, sets), np.int64, len(sets)))
        return bits, bits._matrix(len(sets), rows, positions)

    def encode(self, sets: Sequence[Iterable[str]]) -> U:
        rows: list[int] = []
        positions: list[int] = []
        index = self.index
        for row, group in enumerate(sets):
            for item in group:
                bit = index.get(item)
                if bit is not None:
                    rows.append(row)
                    positions.append(bit)
        return self._matrix(len(sets), np.asarray(rows, dtype=np.int64), positions)

    def _matrix(self, n: int, rows: Ints, positions: list[int]) -> U:
        out = np.zeros((n, self.words), dtype=np.uint64)
        if positions:
            at = np.asarray(positions, dtype=np.uint64)
            np.bitwise_or.at(
                out,
                (rows, (at >> np.uint64(6)).astype(np.int64)),
                np.left_shift(np.uint64(1), at & np.uint64(63)),
            )
        return out


def _count(a: U, b: U) -> Ints:
    """|A ∩ B| for every (candidate, job) pair: a is (N, W), b is (M, W) → (N, M)."""
    counts: Ints = np.bitwise_count(a[:, None, :] & b[None, :, :]).sum(axis=2, dtype=np.int64)
    return counts


def _ratio(part: Ints, whole: Ints) -> F:
    with np.errstate(divide="ignore", invalid="ignore"):
        return 100.0 * part / whole


def _ids(values: Sequence[str], index: dict[str, int]) -> Ints:
    return np.array([index.get(v, -1) if v else -1 for v in values], dtype=np.int64)


def _proximity(p: Prepared, j: JobSide) -> F | float:
    """``proximity_score(nearest_chord2(c.points, j.point))`` for every pair.

    Candidates share a few hundred places, so bands are computed once per (place, job) with
    ``chord2``'s arithmetic and gathered per candidate; the nearest point gives the best band,
    so the maximum over a candidate's points equals the band of the minimum distance."""
    if not p.point_slots or not j.any_point:
        return 0.0
    jp = j.points
    dx = p.unique_points[:, 0:1] - jp[None, :, 0]
    dy = p.unique_points[:, 1:2] - jp[None, :, 1]
    dz = p.unique_points[:, 2:3] - jp[None, :, 2]
    c2 = dx * dx + dy * dy + dz * dz
    # NaN (a job without a point) is admitted by no band, like Python's None.
    bands = np.select(
        [c2 <= limit for limit, _ in PROXIMITY_BANDS], [s for _, s in PROXIMITY_BANDS], 0.0
    )
    table = np.vstack([bands, np.zeros((1, j.m))])  # last row: no point in this slot
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


@dataclass(slots=True)
class Vocab:
    """The vocabularies both sides are encoded over."""

    skills: _Bits
    tech: _Bits
    words: _Bits
    places: _Bits
    regions: _Bits
    domains: _Bits
    contracts: _Bits

    @classmethod
    def of_jobs(cls, jobs: Sequence[JobFeatures]) -> Vocab:
        """From the jobs (for one candidate against many jobs: items only the candidate has
        cannot intersect anything, and set sizes are always the real ones)."""
        return cls(
            skills=_Bits(j.required_skills for j in jobs),
            tech=_Bits(_tech_wanted(j) for j in jobs),
            words=_Bits(j.description_terms for j in jobs),
            places=_Bits({j.city, j.country} - {""} for j in jobs),
            regions=_Bits({j.region} - {""} for j in jobs),
            domains=_Bits(j.domains for j in jobs),
            contracts=_Bits({j.contract_type} - {""} for j in jobs),
        )


def _tech_wanted(j: JobFeatures) -> frozenset[str]:
    return j.required_skills | (j.description_terms & _TECH_HINTS)


class Prepared:
    """The candidate side, encoded once. Without a vocabulary, the candidates' own is used, so
    a batch can be kept and scored against any number of jobs (items only jobs mention cannot
    intersect anything; set sizes are always the real ones)."""

    def __init__(self, candidates: Sequence[CandidateFeatures], vocab: Vocab | None = None) -> None:
        cs = candidates
        self.n = len(cs)
        place_sets = [({c.city} | set(c.preferred_locations)) - {""} for c in cs]
        if vocab is None:
            skills, self.c_skills = _Bits.of([c.skills for c in cs])
            tech, self.c_projects = _Bits.of([c.project_terms for c in cs])
            words, self.c_profile = _Bits.of([c.profile_terms for c in cs])
            places = _Bits([[c.country for c in cs if c.country], *place_sets])
            regions, self.c_regions = _Bits.of([c.regions for c in cs])
            domains, self.c_industries = _Bits.of([c.industries for c in cs])
            contracts, self.c_contracts = _Bits.of([c.contract_types for c in cs])
            vocab = Vocab(skills, tech, words, places, regions, domains, contracts)
        else:
            self.c_skills = vocab.skills.encode([c.skills for c in cs])
            self.c_projects = vocab.tech.encode([c.project_terms for c in cs])
            self.c_profile = vocab.words.encode([c.profile_terms for c in cs])
            self.c_industries = vocab.domains.encode([c.industries for c in cs])
            self.c_regions = vocab.regions.encode([c.regions for c in cs])
            self.c_contracts = vocab.contracts.encode([c.contract_types for c in cs])
        self.vocab = vocab
        self.c_places = vocab.places.encode(place_sets)
        self.years = np.array([np.nan if c.years is None else c.years for c in cs])[:, None]
        self.n_projects = np.array([len(c.project_terms) for c in cs])[:, None]
        self.n_profile = np.array([len(c.profile_terms) for c in cs])[:, None]
        self.has_places = np.array(
            [bool(p) or bool(c.country) for p, c in zip(place_sets, cs, strict=True)]
        )[:, None]
        self.c_country = _ids([c.country for c in cs], vocab.places.index)[:, None]
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
        self.n_industries = np.array([len(c.industries) for c in cs])[:, None]
        self.n_contracts = np.array([len(c.contract_types) for c in cs])[:, None]


class JobSide:
    """The job side, encoded over a vocabulary (kept while neither changes)."""

    def __init__(self, vocab: Vocab, jobs: Sequence[JobFeatures]) -> None:
        js = jobs
        self.jobs = jobs
        self.vocab = vocab
        self.m = len(js)
        self.r = np.array([len(j.required_skills) for j in js])[None, :]
        self.j_sk = vocab.skills.encode([j.required_skills for j in js])
        self.wanted = np.array([LEVEL_YEARS.get(j.level, 3.0) for j in js])[None, :]
        tech_wanted = [_tech_wanted(j) for j in js]
        self.tw = np.array([len(t) for t in tech_wanted])[None, :]
        self.j_tw = vocab.tech.encode(tech_wanted)
        self.de = np.array([len(j.description_terms) for j in js])[None, :]
        self.j_de = vocab.words.encode([j.description_terms for j in js])
        self.has_city = np.array([bool(j.city) for j in js])[None, :]
        self.has_country = np.array([bool(j.country) for j in js])[None, :]
        self.country = _ids([j.country for j in js], vocab.places.index)[None, :]
        self.city = _ids([j.city for j in js], vocab.places.index)
        self.region = _ids([j.region for j in js], vocab.regions.index)
        located = [j.point for j in js]
        self.any_point = any(point is not None for point in located)
        self.points = np.array(
            [point if point is not None else (np.nan,) * 3 for point in located]
        ).reshape(-1, 3)
        self.remote = np.array([j.remote for j in js])[None, :]
        self.offer = np.array(
            [
                np.nan
                if (j.salary_max if j.salary_max is not None else j.salary_min) is None
                else float(j.salary_max if j.salary_max is not None else j.salary_min)  # type: ignore[arg-type]
                for j in js
            ]
        )[None, :]
        self.j_do = vocab.domains.encode([j.domains for j in js])
        self.n_domains = np.array([len(j.domains) for j in js])[None, :]
        self.j_ct = vocab.contracts.encode(
            [[j.contract_type] if j.contract_type else [] for j in js]
        )
        self.has_contract = np.array([bool(j.contract_type) for j in js])[None, :]


def score_prepared(p: Prepared, jobs: Sequence[JobFeatures] | JobSide) -> dict[str, F]:
    """Sub-scores and totals as (candidates, jobs) arrays, in ScoreMatch's arithmetic."""
    j = jobs if isinstance(jobs, JobSide) else JobSide(p.vocab, jobs)
    shape = (p.n, j.m)
    # --- skills -----------------------------------------------------------------------------
    skills_s = np.where(j.r == 0, NEUTRAL, _ratio(_count(p.c_skills, j.j_sk), j.r))
    # --- experience ---------------------------------------------------------------------------
    gap = j.wanted - p.years
    ratio = gap / EXPERIENCE_SIGMA
    with np.errstate(invalid="ignore"):
        falloff = 100.0 / (1.0 + ratio * ratio)
        experience_s = np.where(np.isnan(p.years), NEUTRAL, np.where(gap <= 0, 100.0, falloff))
    # --- technologies -------------------------------------------------------------------------
    technologies_s = np.where(
        (j.tw == 0) | (p.n_projects == 0), NEUTRAL, _ratio(_count(p.c_projects, j.j_tw), j.tw)
    )
    # --- description --------------------------------------------------------------------------
    overlap = np.minimum(100.0, _ratio(_count(p.c_profile, j.j_de), np.minimum(j.de, 25)))
    description_s = np.where((j.de == 0) | (p.n_profile == 0), NEUTRAL, overlap)
    # --- location -----------------------------------------------------------------------------
    city_in_places = j.has_city & _has(p.c_places, j.city)
    country_in_places = j.has_country & (
        ((j.country >= 0) & (j.country == p.c_country)) | _has(p.c_places, j.country[0])
    )
    near = _proximity(p, j)
    in_region = _has(p.c_regions, j.region)
    onsite = np.where(
        ~j.has_city & ~j.has_country,
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
                    np.where(
                        in_region,
                        np.maximum(SAME_REGION, near),
                        np.where(country_in_places, np.maximum(60.0, near), np.maximum(10.0, near)),
                    ),
                ),
            ),
        ),
    )
    location_s = np.where(j.remote, p.remote_job_score, onsite)
    # --- salary -------------------------------------------------------------------------------
    with np.errstate(divide="ignore", invalid="ignore"):
        shortfall = (p.want - j.offer) / p.want
        below = np.maximum(0.0, 100.0 * (1 - 2 * shortfall))
        salary_s = np.where(
            np.isnan(p.want) | np.isnan(j.offer),
            NEUTRAL,
            np.where(j.offer >= p.want, 100.0, below),
        )
    # --- domain and contract type ----------------------------------------------------------------
    both = (p.n_industries > 0) & (j.n_domains > 0)
    domain_s = np.where(both, np.where(_count(p.c_industries, j.j_do) > 0, 100.0, 0.0), NEUTRAL)
    decided = (p.n_contracts > 0) & j.has_contract
    contract_s = np.where(decided, np.where(_count(p.c_contracts, j.j_ct) > 0, 100.0, 0.0), NEUTRAL)

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
    out = {name: _round1(np.array(np.broadcast_to(v, shape))) for name, v in subs.items()}
    total = np.zeros(shape)
    scratch = np.empty(shape)
    for name, weight in WEIGHTS.items():
        np.multiply(weight, out[name], out=scratch)
        total += scratch
    out["total"] = _round1(total)
    return out


def _round1(values: F) -> F:
    """``round1`` (half-up to one decimal, the same float operations as the pure-Python
    scorer) in place, on an array we own: no temporaries."""
    values *= 10.0
    values += 0.5
    np.floor(values, out=values)
    values /= 10.0
    return values


def _scores(
    arrays: dict[str, F], index: tuple[int, int], c: CandidateFeatures, j: JobFeatures
) -> MatchScore:
    matched, missing = skill_overlap(c, j)
    return MatchScore(
        scores={name: float(arrays[name][index]) for name in WEIGHTS},
        total=float(arrays["total"][index]),
        matched_skills=matched,
        missing_skills=missing,
    )


class VectorizedBatchScorer(BatchScorer):
    """Keeps the last encoded candidate batch and the last encoded job batch: the feature
    cache hands out the very same lists while nothing changed, and encoding is most of the
    cost."""

    def __init__(self) -> None:
        self._last: tuple[Sequence[CandidateFeatures], Prepared] | None = None
        self._jobs: JobSide | None = None

    def _job_side(self, jobs: Sequence[JobFeatures], *, keep: bool) -> JobSide:
        if self._jobs is not None and self._jobs.jobs is jobs:
            return self._jobs
        side = JobSide(Vocab.of_jobs(jobs), jobs)
        if keep:
            self._jobs = side
        return side

    def _prepared(self, candidates: Sequence[CandidateFeatures], *, keep: bool) -> Prepared:
        if self._last is not None and self._last[0] is candidates:
            return self._last[1]
        prepared = Prepared(candidates)
        if keep:
            self._last = (candidates, prepared)
        return prepared

    def prepare(self, candidates: Sequence[CandidateFeatures]) -> None:
        if candidates:
            self._prepared(candidates, keep=True)

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
        side = self._job_side(jobs, keep=True)
        arrays = score_prepared(Prepared([candidate], side.vocab), side)
        totals: list[float] = arrays["total"][0, :].tolist()
        return totals

    def candidate_against(
        self, candidate: CandidateFeatures, jobs: Sequence[JobFeatures]
    ) -> list[MatchScore]:
        if not jobs:
            return []
        side = self._job_side(jobs, keep=len(jobs) > 1000)
        arrays = score_prepared(Prepared([candidate], side.vocab), side)
        return [_scores(arrays, (0, k), candidate, j) for k, j in enumerate(jobs)]

"""The vectorised batch scorer gives exactly ScoreMatch's numbers for every pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.matching.pairwise import PairwiseBatchScorer
from adapters.matching.vectorized import VectorizedBatchScorer
from core.domain.matching.geo import PROXIMITY_BANDS_KM, unit_vector
from core.domain.matching.score import CandidateFeatures, JobFeatures
from tests.unit.test_matching_score import candidates, jobs

REGIONS = st.sampled_from(["FR-11", "FR-84", "SN-01"])
PLACES = st.sampled_from(["", "paris", "lyon", "dakar", "france", "senegal"])
# Points anywhere, and points a few km to ~150 km apart around one spot, so that every
# distance band (and its edges) is crossed.
POINTS = st.one_of(
    st.builds(unit_vector, st.floats(-90, 90), st.floats(-180, 180)),
    st.builds(unit_vector, st.floats(48.3, 49.4), st.floats(1.6, 3.1)),
)
rich_candidates = st.builds(
    CandidateFeatures,
    candidate_id=st.integers(1, 10**6),
    skills=st.frozensets(
        st.sampled_from(["python", "django", "postgresql", "react", "kubernetes", "java", "excel"])
    ),
    years=st.one_of(st.none(), st.floats(0, 40, allow_nan=False)),
    project_terms=st.frozensets(st.sampled_from(["python", "django", "react", "docker", "api"])),
    profile_terms=st.frozensets(st.sampled_from(["python", "backend", "api", "team", "cuisine"])),
    city=PLACES,
    country=PLACES,
    preferred_locations=st.frozensets(PLACES),
    points=st.lists(POINTS, max_size=3).map(tuple),
    regions=st.frozensets(REGIONS, max_size=2),
    remote_preference=st.sampled_from(["any", "remote", "onsite", "hybrid"]),
    salary_min=st.one_of(st.none(), st.integers(0, 200_000)),
    salary_max=st.one_of(st.none(), st.integers(0, 200_000)),
    industries=st.frozensets(st.sampled_from(["technology", "hospitality", "finance"])),
    contract_types=st.frozensets(st.sampled_from(["full_time", "contract", "internship"])),
)
rich_jobs = st.builds(
    JobFeatures,
    job_id=st.integers(1, 10**6),
    required_skills=st.frozensets(
        st.sampled_from(["python", "django", "postgresql", "react", "kubernetes", "java"])
    ),
    level=st.sampled_from(["intern", "junior", "mid", "senior", "lead", "unknown"]),
    description_terms=st.frozensets(
        st.sampled_from(["python", "django", "backend", "api", "team", "docker"])
    ),
    city=PLACES,
    country=PLACES,
    point=st.one_of(st.none(), POINTS),
    region=st.sampled_from(["", "FR-11", "FR-84", "SN-01"]),
    remote=st.booleans(),
    salary_min=st.one_of(st.none(), st.integers(0, 200_000)),
    salary_max=st.one_of(st.none(), st.integers(0, 200_000)),
    domains=st.frozensets(st.sampled_from(["technology", "hospitality"])),
    contract_type=st.sampled_from(["", "full_time", "contract"]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(rich_candidates, candidates), min_size=1, max_size=12),
    st.one_of(rich_jobs, jobs),
)
def test_one_job_against_many_candidates_is_exact(
    many: list[CandidateFeatures], job: JobFeatures
) -> None:
    assert VectorizedBatchScorer().job_against(job, many) == PairwiseBatchScorer().job_against(
        job, many
    )
    assert VectorizedBatchScorer().job_totals(job, many) == PairwiseBatchScorer().job_totals(
        job, many
    )


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(rich_candidates, candidates),
    st.lists(st.one_of(rich_jobs, jobs), min_size=1, max_size=12),
)
def test_one_candidate_against_many_jobs_is_exact(
    candidate: CandidateFeatures, many: list[JobFeatures]
) -> None:
    vectorized = VectorizedBatchScorer().candidate_against(candidate, many)
    assert vectorized == PairwiseBatchScorer().candidate_against(candidate, many)
    assert VectorizedBatchScorer().candidate_totals(
        candidate, many
    ) == PairwiseBatchScorer().candidate_totals(candidate, many)


def test_points_on_the_band_edges_are_exact() -> None:
    """Candidates exactly at, and a hair either side of, each band's distance."""
    job = JobFeatures(job_id=1, city="paris", country="france", point=unit_vector(48.85, 2.35))
    people = []
    for km, _ in PROXIMITY_BANDS_KM:
        for delta in (-1e-9, 0.0, 1e-9, -0.001, 0.001):
            latitude = 48.85 + (km + delta) / 111.19492664455873
            people.append(
                CandidateFeatures(
                    candidate_id=len(people) + 1,
                    city="elsewhere",
                    country="belgium",
                    points=(unit_vector(latitude, 2.35),),
                )
            )
    expected = PairwiseBatchScorer().job_against(job, people)
    assert VectorizedBatchScorer().job_against(job, people) == expected
    assert {m.scores["location"] for m in expected} >= {95.0, 85.0, 75.0, 65.0, 10.0}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(rich_candidates, candidates), min_size=2, max_size=4),
    st.lists(st.one_of(rich_jobs, jobs), min_size=1, max_size=12),
    st.lists(st.one_of(rich_candidates, candidates), min_size=2, max_size=4),
)
def test_kept_encodings_serve_every_later_batch_exactly(
    people: list[CandidateFeatures], many: list[JobFeatures], others: list[CandidateFeatures]
) -> None:
    """The scorer keeps the last job batch (and candidate batch) it encoded; scoring other
    candidates against the same list (or the same candidates against other jobs) stays exact."""
    scorer, reference = VectorizedBatchScorer(), PairwiseBatchScorer()
    scorer.prepare(people)
    for someone in [*people, *others]:
        assert scorer.candidate_totals(someone, many) == reference.candidate_totals(someone, many)
        assert scorer.candidate_against(someone, many) == reference.candidate_against(someone, many)
    for job in many:
        assert scorer.job_totals(job, people) == reference.job_totals(job, people)

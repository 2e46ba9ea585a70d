"""The vectorised batch scorer gives exactly ScoreMatch's numbers for every pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.matching.pairwise import PairwiseBatchScorer
from adapters.matching.vectorized import VectorizedBatchScorer
from core.domain.matching.score import CandidateFeatures, JobFeatures
from tests.unit.test_matching_score import candidates, jobs

PLACES = st.sampled_from(["", "paris", "lyon", "dakar", "france", "senegal"])
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

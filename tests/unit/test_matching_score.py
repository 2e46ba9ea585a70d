from __future__ import annotations

import dataclasses
import itertools

from hypothesis import given
from hypothesis import strategies as st

from core.domain.matching.explain import summaries
from core.domain.matching.score import (
    NEUTRAL,
    WEIGHTS,
    CandidateFeatures,
    JobFeatures,
    candidate_features,
    job_features,
    score_match,
)
from core.domain.matching.vocabulary import normalize_skill

SKILLS = ["python", "django", "postgresql", "react", "kubernetes", "java", "excel", "haccp"]


def senior_python_job() -> JobFeatures:
    return job_features(
        job_id=1,
        requirements=["Python", "Django", "PostgreSQL", "5+ years Python"],
        title="Senior Python Developer",
        description="We are looking for an experienced Python developer to build Django APIs "
        "on PostgreSQL and Kubernetes.",
        level="senior",
        location="Paris, France",
        salary_min=60000,
        salary_max=80000,
        domains=["Engineering", "Technology"],
        contract_type="full_time",
    )


def test_weights_are_the_guides() -> None:
    assert round(sum(WEIGHTS.values()), 10) == 1.0
    assert WEIGHTS == {
        "skills": 0.35,
        "experience": 0.20,
        "technologies": 0.10,
        "description": 0.10,
        "location": 0.10,
        "salary": 0.08,
        "domain": 0.05,
        "contract_type": 0.02,
    }


def test_aliases() -> None:
    assert normalize_skill("Postgres") == normalize_skill("PostgreSQL")
    assert normalize_skill("JS") == normalize_skill("javascript")
    assert normalize_skill("k8s") == normalize_skill("Kubernetes")
    assert normalize_skill(" Django! ") == "django"


def test_python_developer_outranks_a_chef() -> None:
    job = senior_python_job()
    developer = candidate_features(
        candidate_id=1,
        skills=["Python", "Django", "Postgres", "Docker"],
        years=6.0,
        projects=[
            {"technologies": ["Django", "PostgreSQL", "k8s"], "description": "REST APIs in Python"}
        ],
        texts=["Backend developer building Django APIs", "Python microservices"],
        location="Paris, France",
        preferred_locations=[],
        remote_preference="hybrid",
        salary_min=65000,
        salary_max=75000,
        industries=["Technology"],
        companies=["Tech Corp"],
        contract_types=["full_time"],
    )
    chef = candidate_features(
        candidate_id=2,
        skills=["Cooking", "HACCP", "Pastry"],
        years=12.0,
        projects=[],
        texts=["Chef de cuisine, brigade management"],
        location="Lyon, France",
        preferred_locations=[],
        remote_preference="onsite",
        salary_min=40000,
        salary_max=None,
        industries=["Hospitality"],
        companies=["Le Bistrot"],
        contract_types=["full_time"],
    )
    dev_score, chef_score = score_match(developer, job), score_match(chef, job)
    assert dev_score.total > 85
    assert chef_score.total < 45
    assert dev_score.scores["skills"] == 100.0
    assert chef_score.missing_skills == ("Django", "PostgreSQL", "Python")  # as the job wrote them
    summary, recruiter = summaries(dev_score)
    assert "Excellent match" in summary
    assert "Django" in recruiter
    summary_fr, _ = summaries(chef_score, "fr")
    assert "Correspondance faible" in summary_fr
    assert "Python" in summary_fr


def test_missing_data_is_neutral_not_a_crash() -> None:
    empty = score_match(CandidateFeatures(candidate_id=1), JobFeatures(job_id=1))
    assert set(empty.scores.values()) == {NEUTRAL}
    assert empty.total == 50.0


def test_experience_falls_off_smoothly() -> None:
    job = senior_python_job()
    values = [
        score_match(CandidateFeatures(candidate_id=1, years=y), job).scores["experience"]
        for y in (5.0, 4.0, 3.0, 2.0, 0.0)
    ]
    assert values[0] == 100.0
    assert all(a > b for a, b in itertools.pairwise(values))
    assert values[1] >= 80  # one year short is not a cliff


candidates = st.builds(
    CandidateFeatures,
    candidate_id=st.just(1),
    skills=st.frozensets(st.sampled_from(SKILLS)),
    years=st.one_of(st.none(), st.floats(0, 40)),
    project_terms=st.frozensets(st.sampled_from(SKILLS)),
    profile_terms=st.frozensets(st.sampled_from([*SKILLS, "backend", "api"])),
    city=st.sampled_from(["", "paris", "lyon"]),
    country=st.sampled_from(["", "france", "senegal"]),
    remote_preference=st.sampled_from(["any", "remote", "onsite", "hybrid"]),
    salary_min=st.one_of(st.none(), st.integers(0, 200_000)),
    salary_max=st.one_of(st.none(), st.integers(0, 200_000)),
    industries=st.frozensets(st.sampled_from(["technology", "hospitality"])),
    contract_types=st.frozensets(st.sampled_from(["full_time", "contract"])),
)
jobs = st.builds(
    JobFeatures,
    job_id=st.just(1),
    required_skills=st.frozensets(st.sampled_from(SKILLS)),
    level=st.sampled_from(["intern", "junior", "mid", "senior", "lead"]),
    description_terms=st.frozensets(st.sampled_from([*SKILLS, "backend", "api", "team"])),
    city=st.sampled_from(["", "paris", "dakar"]),
    country=st.sampled_from(["", "france", "senegal"]),
    remote=st.booleans(),
    salary_min=st.one_of(st.none(), st.integers(0, 200_000)),
    salary_max=st.one_of(st.none(), st.integers(0, 200_000)),
    domains=st.frozensets(st.sampled_from(["technology", "hospitality"])),
    contract_type=st.sampled_from(["", "full_time", "contract"]),
)


@given(candidates, jobs)
def test_scores_stay_within_0_and_100(c: CandidateFeatures, j: JobFeatures) -> None:
    match = score_match(c, j)
    assert 0 <= match.total <= 100
    assert all(0 <= v <= 100 for v in match.scores.values())
    expected = sum(WEIGHTS[k] * match.scores[k] for k in WEIGHTS)
    assert abs(match.total - expected) <= 0.05 + 1e-9


@given(candidates, jobs, st.sampled_from(SKILLS))
def test_adding_a_required_skill_never_lowers_the_skills_score(
    c: CandidateFeatures, j: JobFeatures, skill: str
) -> None:
    before = score_match(c, j).scores["skills"]
    richer = dataclasses.replace(c, skills=c.skills | {skill})
    assert score_match(richer, j).scores["skills"] >= before

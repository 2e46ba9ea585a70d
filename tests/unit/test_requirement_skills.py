"""Requirements written as phrases name a skill, for the score and the explanations alike, and
skills are shown as the job or the candidate wrote them (issue 14, item 5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.matching.explain import summaries
from core.domain.matching.score import (
    _TECH_HINTS,
    CandidateFeatures,
    JobFeatures,
    candidate_features,
    job_features,
    score_match,
)
from core.domain.matching.vocabulary import MAX_SKILL_WORDS, requirement_skills


@pytest.mark.parametrize(
    ("requirement", "skills"),
    [
        ("Django experience", ["Django"]),
        ("5+ years of Python", ["Python"]),
        ("5+ years Python", ["Python"]),
        ("Strong SQL skills", ["SQL"]),
        ("PostgreSQL", ["PostgreSQL"]),
        ("Experience with Docker and Kubernetes", ["Docker", "Kubernetes"]),
        ("Knowledge of REST, GraphQL", ["REST", "GraphQL"]),
        ("AWS or GCP", ["AWS", "GCP"]),
        ("3-5 years experience in Java", ["Java"]),
        ("At least 2 years of experience with React.js", ["React.js"]),
        ("Python/Django", ["Python", "Django"]),
        ("CI/CD", ["CI/CD"]),
        ("C++ (5 years)", ["C++"]),
        ("Familiarity with machine learning", ["machine learning"]),
        ("Maîtrise de Java", ["Java"]),
        ("Bonne connaissance d\u2019Angular", ["Angular"]),  # typographic apostrophe
        ("Bachelor's degree in computer science or related field, with Python", ["Python"]),
        ("Master's degree", []),
        ("Experience", []),
        ("5 years", []),
        ("", []),
    ],
)
def test_a_requirement_names_the_skills_it_mentions(requirement: str, skills: list[str]) -> None:
    assert requirement_skills(requirement, _TECH_HINTS) == skills


def test_a_skill_name_is_at_most_max_words_long() -> None:
    three = "Google Cloud Platform"
    four = "Advanced Google Cloud Platform Networking Stack"
    assert len(three.split()) == MAX_SKILL_WORDS
    assert requirement_skills(three, _TECH_HINTS) == [three]
    assert requirement_skills("Google Cloud Platform Networking", frozenset()) == []  # n+1 words
    assert requirement_skills(four, _TECH_HINTS) == []


def _job(requirements: list[str]) -> JobFeatures:
    return job_features(
        job_id=1,
        requirements=requirements,
        title="Backend developer",
        description="",
        level="mid",
        location="Paris, France",
        salary_min=None,
        salary_max=None,
        domains=[],
        contract_type="full_time",
    )


def _candidate(skills: list[str]) -> CandidateFeatures:
    return candidate_features(
        candidate_id=1,
        skills=skills,
        years=4.0,
        projects=[],
        texts=[],
        location="Paris, France",
        preferred_locations=[],
        remote_preference="any",
        salary_min=None,
        salary_max=None,
        industries=[],
        companies=[],
        contract_types=[],
    )


def test_a_candidate_with_django_is_not_told_to_strengthen_django_experience() -> None:
    job = _job(["Django experience", "5+ years of Python", "Strong SQL skills", "PostgreSQL"])
    candidate = _candidate(["Django", "python", "Postgres"])
    match = score_match(candidate, job)
    assert match.scores["skills"] == 75.0  # 3 of the 4 named skills
    assert match.matched_skills == ("Django", "Postgres", "python")  # the candidate's spelling
    assert match.missing_skills == ("SQL",)  # the job's spelling
    summary, recruiter = summaries(match)
    assert "Worth strengthening: SQL." in summary
    assert "Django Experience" not in summary and "Django" in summary
    assert "Missing SQL." in recruiter
    assert "Sql" not in summary + recruiter and "Postgresql" not in summary + recruiter


def test_the_job_spelling_shows_when_the_candidate_lacks_the_skill() -> None:
    match = score_match(_candidate([]), _job(["PostgreSQL", "SQL"]))
    assert match.missing_skills == ("PostgreSQL", "SQL")
    assert "PostgreSQL, SQL" in summaries(match)[0]


skill = st.sampled_from(["Python", "Django", "SQL", "Docker", "Kubernetes", "React", "Go"])
wording = st.sampled_from(
    ["{}", "{} experience", "Strong {} skills", "5+ years of {}", "Experience with {}",
     "Knowledge of {}", "Solid {} knowledge", "{} (3 years)", "Maîtrise de {}"]
)  # fmt: skip


@given(skill, wording)
def test_any_wording_of_a_skill_scores_like_the_bare_skill(name: str, template: str) -> None:
    candidate = _candidate([name])
    phrased = score_match(candidate, _job([template.format(name)]))
    bare = score_match(candidate, _job([name]))
    assert phrased.scores["skills"] == bare.scores["skills"] == 100.0
    assert phrased.missing_skills == ()

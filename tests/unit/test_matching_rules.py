"""Matching's domain rules the mutation run found unguarded: places at the edge of the float
arithmetic and at the distance bands' limits, requirements with blank or empty items, what
projects add to a candidate, skills shown as written, the cap on profile keywords."""

from __future__ import annotations

import math
from importlib import resources

import pytest

from core.domain.matching.geo import (
    EARTH_RADIUS_KM,
    chord2,
    chord2_for_km,
    distance_km,
    proximity_score,
    unit_vector,
)
from core.domain.matching.score import (
    _TECH_HINTS,
    CandidateFeatures,
    JobFeatures,
    candidate_features,
    description_score,
    job_features,
    skill_overlap,
)
from core.domain.matching.vocabulary import requirement_skills, skill_labels


@pytest.mark.parametrize(("lat", "lon"), [(-31.9, 31.9), (-26.3, -111.1), (-31.9, -160.5)])
def test_antipodes_whose_chord_rounds_past_the_diameter_are_half_a_world_apart(
    lat: float, lon: float
) -> None:
    here = unit_vector(lat, lon)
    there = unit_vector(-lat, lon + 180.0 if lon <= 0 else lon - 180.0)
    assert math.sqrt(chord2(here, there)) > 2.0  # rounding: a hair longer than the diameter
    assert distance_km(here, there) == pytest.approx(math.pi * EARTH_RADIUS_KM)


# --- requirements --------------------------------------------------------------------------


def test_a_blank_item_in_a_requirement_does_not_end_it() -> None:
    assert requirement_skills("Python, , Django", _TECH_HINTS) == ["Python", "Django"]
    assert requirement_skills("Python; ;Go", _TECH_HINTS) == ["Python", "Go"]


@pytest.mark.parametrize("requirement", ["2024", "about them", "the 2 of"])
def test_a_phrase_of_only_stop_words_and_numbers_names_no_skill(requirement: str) -> None:
    assert requirement_skills(requirement, _TECH_HINTS) == []
    assert requirement_skills(f"Python or {requirement}", _TECH_HINTS) == ["Python"]


# --- projects ------------------------------------------------------------------------------


def _projects(*projects: dict[str, object]) -> CandidateFeatures:
    return candidate_features(
        candidate_id=1,
        skills=[],
        years=None,
        projects=list(projects),
        texts=[],
        location="",
        preferred_locations=[],
        remote_preference="",
        salary_min=None,
        salary_max=None,
        industries=[],
        companies=[],
        contract_types=[],
    )


def test_every_projects_technologies_and_words_count() -> None:
    c = _projects(
        {"technologies": ["Django", "Postgres"], "description": "Payments ledger"},
        {"technologies": ["Go"], "description": "Routing engine"},
    )
    assert c.project_terms == {
        "django",
        "postgresql",
        "payments",
        "ledger",
        "golang",
        "routing",
        "engine",
    }


def test_a_project_without_a_description_adds_only_its_technologies() -> None:
    c = _projects({"technologies": ["Go", "k8s"], "description": None}, {"technologies": []})
    assert c.project_terms == {"golang", "kubernetes"}


def test_a_skill_is_labelled_as_written_letters_and_all() -> None:
    assert skill_labels(["XML", " Xamarin. ", "Redux;"]) == {
        "xml": "XML",
        "xamarin": "Xamarin",
        "redux": "Redux",
    }


@pytest.mark.parametrize("location", ["Remote, France", "Télétravail, Sénégal"])
def test_a_remote_job_keeps_no_written_country(location: str) -> None:
    j = job_features(
        job_id=1,
        requirements=[],
        title="Engineer",
        description="",
        level="mid",
        location=location,
        salary_min=None,
        salary_max=None,
        domains=[],
        contract_type="",
    )
    assert (j.remote, j.city, j.country) == (True, "", "")


def test_the_stop_words_are_plain_ascii() -> None:
    raw = resources.files("core.domain.matching.data").joinpath("stopwords-en-fr.txt")
    assert raw.read_bytes().isascii()  # the words meet folded words, whose accents are gone


# --- distance bands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "at_the_limit", "just_past"),
    [(10.0, 95.0, 85.0), (30.0, 85.0, 75.0), (60.0, 75.0, 65.0), (120.0, 65.0, 0.0)],
)
def test_each_distance_band_includes_its_limit(
    km: float, at_the_limit: float, just_past: float
) -> None:
    limit = chord2_for_km(km)
    assert proximity_score(limit) == at_the_limit
    assert proximity_score(math.nextafter(limit, math.inf)) == just_past


def test_no_known_distance_or_one_past_every_band_scores_nothing() -> None:
    assert proximity_score(None) == 0.0
    assert proximity_score(chord2_for_km(500.0)) == 0.0
    assert proximity_score(0.0) == 95.0  # the same point


# --- skills shown as written ---------------------------------------------------------------


def test_a_matched_skill_the_candidate_gave_no_spelling_for_is_shown_as_the_job_wrote_it() -> None:
    c = CandidateFeatures(candidate_id=1, skills=frozenset({"postgresql", "golang", "rust"}))
    j = JobFeatures(
        job_id=1,
        required_skills=frozenset({"postgresql", "golang", "rust"}),
        skill_labels={"postgresql": "PostgreSQL", "golang": "Go"},
    )
    assert skill_overlap(c, j) == (("Go", "PostgreSQL", "rust"), ())


# --- profile keywords ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "found", "score"),
    [(24, 24, 100.0), (25, 24, 96.0), (25, 25, 100.0), (26, 25, 100.0), (26, 24, 96.0)],
)
def test_profile_keywords_count_against_at_most_25_of_the_jobs(
    wanted: int, found: int, score: float
) -> None:
    terms = [f"term{i}" for i in range(wanted)]
    c = CandidateFeatures(candidate_id=1, profile_terms=frozenset(terms[:found]))
    j = JobFeatures(job_id=1, description_terms=frozenset(terms))
    assert description_score(c, j) == score


def test_more_than_25_keywords_found_still_score_100() -> None:
    terms = frozenset(f"term{i}" for i in range(30))
    c = CandidateFeatures(candidate_id=1, profile_terms=terms)
    assert description_score(c, JobFeatures(job_id=1, description_terms=terms)) == 100.0

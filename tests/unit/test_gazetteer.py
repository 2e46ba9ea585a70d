"""The embedded gazetteer, and what distance does to the location sub-score."""

from __future__ import annotations

import pytest

from adapters.geo.geonames import GeonamesGazetteer
from core.domain.matching.geo import distance_km
from core.domain.matching.score import (
    CandidateFeatures,
    JobFeatures,
    candidate_features,
    job_features,
    location_score,
)

gazetteer = GeonamesGazetteer()
locate = gazetteer.locate


def candidate(
    location: str, preferred: list[str] | None = None, remote: str = "any"
) -> CandidateFeatures:
    return candidate_features(
        candidate_id=1,
        skills=[],
        years=None,
        projects=[],
        texts=[],
        location=location,
        preferred_locations=preferred or [],
        remote_preference=remote,
        salary_min=None,
        salary_max=None,
        industries=[],
        companies=[],
        contract_types=[],
        locate=locate,
    )


def job_at(location: str) -> JobFeatures:
    return job_features(
        job_id=1,
        requirements=[],
        title="Backend engineer",
        description="",
        level="mid",
        location=location,
        salary_min=None,
        salary_max=None,
        domains=[],
        contract_type="",
        locate=locate,
    )


@pytest.mark.parametrize(
    ("written", "country"),
    [
        ("Paris", "France"),
        ("paris, FRANCE", "France"),
        ("Paris, United States", "United States"),
        ("Montreal", "Canada"),
        ("MONTRÉAL, Canada", "Canada"),
        ("Abidjan, Côte d'Ivoire", "Ivory Coast"),
        ("Douala, Cameroun", "Cameroon"),
        ("München", "Germany"),
        ("London, UK", "United Kingdom"),
    ],
)
def test_cities_are_found_however_they_are_written(written: str, country: str) -> None:
    found = locate(written)
    assert found.point is not None
    assert found.country == country


def test_homonyms_follow_the_written_country_then_population() -> None:
    texas = locate("Paris, United States").point
    france = locate("Paris").point
    assert texas is not None and france is not None
    assert distance_km(texas, france) > 7000


def test_countries_alone_and_unknown_places() -> None:
    assert locate("Sénégal").point is None
    assert locate("Sénégal").country == "Senegal"
    assert locate("Nowhere-sur-Rien, France").country == "France"
    assert locate("Nowhere-sur-Rien").country == ""
    assert locate("").point is None
    assert locate(",,,").country == ""


def test_distances_are_right() -> None:
    paris, lyon, versailles = (locate(p).point for p in ("Paris", "Lyon", "Versailles"))
    assert paris and lyon and versailles
    assert 385 < distance_km(paris, lyon) < 400
    assert 10 < distance_km(paris, versailles) < 25


def test_a_nearby_town_scores_close_to_the_same_city() -> None:
    paris_job = job_at("Paris, France")
    assert location_score(candidate("Paris"), paris_job) == 100.0
    assert location_score(candidate("Versailles"), paris_job) == 85.0  # ~17 km
    assert location_score(candidate("Lyon"), paris_job) == 60.0  # same country, far away
    assert location_score(candidate("Dakar"), paris_job) == 10.0


def test_the_country_is_inferred_from_the_city() -> None:
    # Neither side wrote a country: the gazetteer knows both are in France.
    assert location_score(candidate("Marseille"), job_at("Lyon")) == 60.0


def test_distance_crosses_borders() -> None:
    # Geneva and Annemasse are a tram ride apart, in two countries.
    assert location_score(candidate("Geneva, Switzerland"), job_at("Annemasse, France")) >= 85.0


def test_preferred_places_count_for_distance() -> None:
    mover = candidate("Dakar, Senegal", preferred=["Versailles"])
    assert location_score(mover, job_at("Paris")) == 85.0
    # A country on its own among the preferences matches the job's country.
    assert location_score(candidate("Dakar", preferred=["France"]), job_at("Lyon")) == 60.0


def test_remote_only_candidates_are_not_rescued_by_distance() -> None:
    assert location_score(candidate("Versailles", remote="remote"), job_at("Paris")) == 20.0


def test_same_region_beyond_commuting_distance() -> None:
    # Clermont-Ferrand is ~137 km from Lyon, past every distance band, in the same region.
    assert locate("Lyon").region == locate("Clermont-Ferrand").region == "FR-84"
    assert location_score(candidate("Clermont-Ferrand"), job_at("Lyon")) == 70.0
    # Grenoble (~93 km) is within a band, but the region rule scores it higher still.
    assert location_score(candidate("Grenoble"), job_at("Lyon")) == 70.0
    # Marseille is another region: only the country rule is left.
    assert location_score(candidate("Marseille"), job_at("Lyon")) == 60.0
    # Preferred places count too.
    assert location_score(candidate("Dakar", preferred=["Annecy"]), job_at("Lyon")) == 70.0

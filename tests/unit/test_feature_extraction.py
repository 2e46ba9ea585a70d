"""Feature extraction from what people write: a candidate's profile and a job's text become
the features the scorer compares (``candidate_features``, ``job_features``, ``split_place``,
``_fold``). The other matching tests mostly build features directly; these start from
realistic profiles and postings, as the features loader does."""

from __future__ import annotations

from typing import Any

import pytest

from core.domain.matching.geo import Located, unit_vector
from core.domain.matching.score import (
    CandidateFeatures,
    JobFeatures,
    _fold,
    candidate_features,
    job_features,
    score_match,
    split_place,
)
from core.domain.matching.vocabulary import keywords, normalize_skill, skill_labels, skill_set

PARIS = unit_vector(48.8566, 2.3522)
VERSAILLES = unit_vector(48.8049, 2.1204)
LYON = unit_vector(45.764, 4.8357)
DAKAR = unit_vector(14.6937, -17.4441)
PLACES = {
    "paris, france": Located(point=PARIS, country="France", region="FR-11"),
    "versailles": Located(point=VERSAILLES, country="France", region="FR-11"),
    "lyon": Located(point=LYON, country="France", region="FR-84"),
    "dakar, sénégal": Located(point=DAKAR, country="Senegal", region="SN-DK"),
    "sénégal": Located(point=None, country="Senegal"),
    "somewhere": Located(point=None, country="", region=""),
}


def locate(place: str) -> Located:
    return PLACES.get(place.strip().casefold(), Located(point=None, country=""))


def amina(**overrides: Any) -> CandidateFeatures:
    """A backend developer in Dakar who would move to Paris, as her profile says it."""
    values: dict[str, Any] = {
        "candidate_id": 7,
        "skills": ["Python", "Django", "Postgres", "  docker ", "React.js", "python"],
        "years": 4.5,
        "projects": [
            {
                "technologies": ["FastAPI", "PostgreSQL", "K8s"],
                "description": "A ride-sharing API serving 20k requests a day",
            },
            {"technologies": "not a list", "description": None},
        ],
        "texts": ["Backend developer", "I build reliable APIs with Django", ""],
        "location": "Dakar, Sénégal",
        "preferred_locations": ["Paris, France", "Sénégal", ""],
        "remote_preference": "hybrid",
        "salary_min": 45_000,
        "salary_max": 60_000,
        "industries": ["FinTech", "E-commerce"],
        "companies": ["Wave Mobile Money"],
        "contract_types": ["full_time", "contract"],
        "locate": locate,
    }
    values.update(overrides)
    return candidate_features(**values)


def backend_job(**overrides: Any) -> JobFeatures:
    values: dict[str, Any] = {
        "job_id": 3,
        "requirements": [
            "5+ years of Python",
            "Django experience",
            "Strong PostgreSQL skills",
            "Experience with Docker and Kubernetes",
            "Bachelor's degree in computer science or related field",
        ],
        "title": "Senior Backend Engineer",
        "description": "You will design Django REST APIs on PostgreSQL, deployed with Docker "
        "on Kubernetes, and mentor two engineers. Redis is a plus.",
        "level": "senior",
        "location": "Paris, France",
        "salary_min": 55_000,
        "salary_max": 70_000,
        "domains": ["Engineering", "FinTech"],
        "contract_type": "full_time",
        "locate": locate,
    }
    values.update(overrides)
    return job_features(**values)


# --- the candidate's side ----------------------------------------------------------------


def test_a_profile_becomes_its_features() -> None:
    c = amina()
    assert c.candidate_id == 7
    assert c.skills == {"python", "django", "postgresql", "docker", "react"}
    assert c.years == 4.5
    # Technologies of projects (normalised: K8s is Kubernetes) and their descriptions' words.
    assert {"fastapi", "postgresql", "kubernetes"} <= c.project_terms
    assert {"ride", "sharing", "api", "serving", "requests", "day"} <= c.project_terms
    assert "not a list" not in c.project_terms and "20k" in c.project_terms
    # What the candidate writes about themselves, and their skills.
    assert {"backend", "developer", "build", "reliable", "apis"} <= c.profile_terms
    assert c.skills <= c.profile_terms
    assert "with" not in c.profile_terms  # a stop word
    assert (c.city, c.country) == ("dakar", "senegal")
    assert c.remote_preference == "hybrid"
    assert (c.salary_min, c.salary_max) == (45_000, 60_000)
    assert c.industries == {"fintech", "e-commerce", "wave mobile money"}
    assert c.contract_types == {"full_time", "contract"}


def test_skills_are_shown_as_the_candidate_first_wrote_them() -> None:
    c = amina()
    assert c.skill_labels == {
        "python": "Python",
        "django": "Django",
        "postgresql": "Postgres",
        "docker": "docker",
        "react": "React.js",
    }


def test_places_the_gazetteer_knows_give_points_and_regions() -> None:
    c = amina()
    # Home (Dakar) first, then Paris; "Sénégal" names a country, not a point.
    assert c.points == (DAKAR, PARIS)
    assert c.regions == {"SN-DK", "FR-11"}
    assert c.preferred_locations == {"paris", "france", "senegal", "sénégal"} - {"sénégal"}


def test_a_country_only_preference_adds_the_canonical_country() -> None:
    c = amina(preferred_locations=["Sénégal"], location="")
    assert c.points == ()
    assert "senegal" in c.preferred_locations
    assert (c.city, c.country) == ("", "")


def test_without_a_gazetteer_only_names_are_compared() -> None:
    c = amina(locate=None)
    assert c.points == () and c.regions == frozenset()
    assert (c.city, c.country) == ("dakar", "senegal")
    assert c.preferred_locations == {"paris", "france", "senegal"}


def test_the_gazetteers_country_wins_over_the_written_one() -> None:
    c = amina(location="Versailles")
    assert (c.city, c.country) == ("versailles", "france")  # written: no country at all
    assert c.points[0] == VERSAILLES


def test_one_place_named_twice_is_one_point() -> None:
    c = amina(location="Paris, France", preferred_locations=["Paris, France", "paris, france"])
    assert c.points == (PARIS,)


def test_an_unknown_place_adds_no_point_and_no_region() -> None:
    c = amina(location="Somewhere", preferred_locations=["Somewhere"])
    assert c.points == () and c.regions == frozenset()
    assert c.city == "somewhere" and c.country == ""


def test_a_blank_remote_preference_means_any() -> None:
    assert amina(remote_preference="").remote_preference == "any"


def test_an_empty_profile_gives_empty_features() -> None:
    c = candidate_features(
        candidate_id=1,
        skills=[],
        years=None,
        projects=[],
        texts=[],
        location="",
        preferred_locations=[],
        remote_preference="",
        salary_min=None,
        salary_max=None,
        industries=[],
        companies=[],
        contract_types=[],
        locate=locate,
    )
    assert c == CandidateFeatures(candidate_id=1, skill_labels={})


# --- the job's side ----------------------------------------------------------------------


def test_a_posting_becomes_its_features() -> None:
    j = backend_job()
    assert j.required_skills == {"python", "django", "postgresql", "docker", "kubernetes"}
    assert j.skill_labels == {
        "python": "Python",
        "django": "Django",
        "postgresql": "PostgreSQL",
        "docker": "Docker",
        "kubernetes": "Kubernetes",
    }
    assert j.level == "senior"
    assert {"senior", "backend", "engineer", "design", "rest", "apis", "redis"} <= (
        j.description_terms
    )
    assert "you" not in j.description_terms and "and" not in j.description_terms
    assert (j.city, j.country, j.region) == ("paris", "france", "FR-11")
    assert j.point == PARIS
    assert j.remote is False
    assert (j.salary_min, j.salary_max) == (55_000, 70_000)
    assert j.domains == {"engineering", "fintech"}
    assert j.contract_type == "full_time"


def test_a_degree_is_not_a_skill_but_a_technology_it_names_is() -> None:
    j = backend_job(requirements=["Bachelor's degree in a Python-heavy field"])
    assert j.required_skills == {"python"}
    assert backend_job(requirements=["Master's degree", "Ability to travel"]).required_skills == (
        frozenset()
    )


@pytest.mark.parametrize(
    "location", ["Remote", "remote (Europe)", "Full REMOTE", "Télétravail", "Paris or remote"]
)
def test_a_remote_job_has_no_place(location: str) -> None:
    j = backend_job(location=location)
    assert j.remote is True
    assert (j.city, j.country, j.point, j.region) == ("", "", None, "")


def test_a_job_without_a_gazetteer_keeps_the_written_place() -> None:
    j = backend_job(location="Lyon, France", locate=None)
    assert (j.city, j.country, j.point, j.region) == ("lyon", "france", None, "")
    k = backend_job(location="Lyon")
    assert (k.city, k.country, k.point, k.region) == ("lyon", "france", LYON, "FR-84")


def test_a_job_with_no_location_is_nowhere() -> None:
    j = backend_job(location="   ")
    assert (j.city, j.country, j.point, j.region, j.remote) == ("", "", None, "", False)


def test_an_unknown_job_place_keeps_its_written_country() -> None:
    j = backend_job(location="Somewhere, Narnia")
    assert (j.city, j.country, j.point) == ("somewhere", "narnia", None)


# --- features against each other -----------------------------------------------------------


def test_amina_and_the_backend_job() -> None:
    match = score_match(amina(), backend_job())
    assert match.scores["skills"] == 80.0  # 4 of the 5 (no Kubernetes in her skills)
    assert match.scores["location"] == 100.0  # Paris is where she would work
    assert match.scores["salary"] == 100.0
    assert match.scores["domain"] == 100.0  # FinTech
    assert match.scores["contract_type"] == 100.0
    assert match.matched_skills == ("Django", "docker", "Postgres", "Python")
    assert match.missing_skills == ("Kubernetes",)


def test_a_chef_and_the_backend_job() -> None:
    chef = candidate_features(
        candidate_id=9,
        skills=["Cooking", "HACCP", "Menu planning"],
        years=12.0,
        projects=[],
        texts=["Head chef", "French cuisine, pastry"],
        location="Lyon",
        preferred_locations=[],
        remote_preference="onsite",
        salary_min=35_000,
        salary_max=None,
        industries=["Hospitality"],
        companies=["Le Bistrot"],
        contract_types=["full_time"],
        locate=locate,
    )
    match = score_match(chef, backend_job())
    assert match.scores["skills"] == 0.0
    assert match.scores["domain"] == 0.0
    assert match.scores["experience"] == 100.0
    assert match.scores["location"] == 60.0  # same country, another region, 390 km away
    assert match.total < score_match(amina(), backend_job()).total


# --- places and folding ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "parts"),
    [
        ("Paris, France", ("paris", "france")),
        ("Lyon", ("lyon", "")),
        ("  Saint-Étienne ,  Auvergne-Rhône-Alpes , FRANCE ", ("saint-etienne", "france")),
        ("Montréal, Québec, Canada", ("montreal", "canada")),
        ("São Paulo,", ("sao paulo", "")),
        (", Berlin", ("berlin", "")),
        ("", ("", "")),
        (" , ,", ("", "")),
        ("New York (NY), USA", ("new york ny", "usa")),
    ],
)
def test_split_place(place: str, parts: tuple[str, str]) -> None:
    assert split_place(place) == parts


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Sénégal", "senegal"),
        ("Côte d'Ivoire", "cote d ivoire"),
        ("  FRANCE  ", "france"),
        ("", ""),
        ("!!!", ""),
        ("Postgres", "postgresql"),  # the same canonical names as skills
    ],
)
def test_fold(name: str, folded: str) -> None:
    assert _fold(name) == folded


def test_vocabulary_folds_case_accents_and_punctuation() -> None:
    assert normalize_skill("  Node.JS ") == "node.js"
    assert normalize_skill("Vue.js") == "vue"
    assert normalize_skill("C#") == "c#"
    assert normalize_skill("c sharp") == "c#"
    assert normalize_skill("Scikit_Learn") == "scikit-learn"
    assert normalize_skill("machine-learning.") == "machine-learning"
    assert skill_set(["", " ", "Go", "golang"]) == {"golang"}
    assert skill_labels(["  Postgres  ", "PostgreSQL", "", "React, "]) == {
        "postgresql": "Postgres",
        "react": "React",
    }
    # Words of two characters or fewer are noise to keywords, "C#" and "Go" among them.
    assert keywords("The API, an API; 2024 and 42 apis. C++ c# ok") == {"api", "apis", "c++"}


def test_short_technology_names_inside_a_phrase_are_recognised() -> None:
    j = backend_job(requirements=["Degree in computer science with C#", "Degree with Go"])
    assert j.required_skills == {"c#", "golang"}
    assert j.skill_labels == {"c#": "C#", "golang": "Go"}

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.jobs.job import job_problems, salary_overlaps
from core.domain.profiles.candidate import WorkExperience, derived_years
from core.domain.profiles.entries import clean_entry, entry_problems
from core.domain.profiles.skills import dedupe_skills, skill_key
from core.domain.slugs import slugify

TODAY = date(2026, 11, 24)


@given(st.lists(st.text(max_size=12), max_size=30))
def test_dedupe_skills_keeps_first_spelling_once(skills: list[str]) -> None:
    out = dedupe_skills(skills)
    keys = [skill_key(s) for s in out]
    assert len(keys) == len(set(keys))
    assert all(keys)
    assert {skill_key(s) for s in skills if skill_key(s)} == set(keys)
    assert dedupe_skills(out) == out


def test_dedupe_skills_example() -> None:
    assert dedupe_skills(["Python", "python ", "PYTHON", "Node.js", "node.JS", "C#"]) == [
        "Python",
        "Node.js",
        "C#",
    ]


def _work(start: date, end: date | None) -> WorkExperience:
    return WorkExperience(profile_id=1, company="c", position="p", start_date=start, end_date=end)


def test_years_count_overlaps_once() -> None:
    spans = [
        _work(date(2016, 1, 1), date(2019, 12, 31)),
        _work(date(2018, 1, 1), date(2020, 12, 31)),
    ]
    assert derived_years(spans, TODAY) == 5.0
    assert derived_years([_work(date(2020, 11, 24), None)], TODAY) == 6.0
    assert derived_years([], TODAY) == 0.0


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        (
            "work_experience",
            {
                "company": "A",
                "position": "B",
                "start_date": date(2021, 1, 1),
                "end_date": date(2020, 1, 1),
            },
            "end_date",
        ),
        (
            "work_experience",
            {"company": "A", "position": "B", "start_date": date(2030, 1, 1)},
            "start_date",
        ),
        (
            "work_experience",
            {
                "company": "A",
                "position": "B",
                "start_date": date(2020, 1, 1),
                "contract_type": "slavery",
            },
            "contract_type",
        ),
        ("education", {"institution": "X", "start_date": date(2027, 1, 1)}, "start_date"),
        ("education", {"institution": "X", "start_date": date(2010, 1, 1), "gpa": -0.1}, "gpa"),
        ("education", {"institution": "X", "start_date": date(2010, 1, 1), "gpa": 4.01}, "gpa"),
        ("project", {"name": ""}, "name"),
        ("project", {"name": "P", "url": "ftp://x"}, "url"),
    ],
)
def test_entry_rules(kind: str, values: dict[str, object], field: str) -> None:
    assert field in entry_problems(kind, clean_entry(kind, values), TODAY)  # type: ignore[arg-type]


def test_valid_entries_pass() -> None:
    work = {
        "company": "A",
        "position": "B",
        "start_date": date(2020, 1, 1),
        "end_date": None,
        "contract_type": "full_time",
    }
    assert entry_problems("work_experience", work, TODAY) == {}
    education = {
        "institution": "MIT",
        "start_date": date(2018, 9, 1),
        "gpa": 3.8,
        "end_date": date(2020, 6, 30),
    }
    assert entry_problems("education", education, TODAY) == {}


def test_job_rules() -> None:
    ok = {"title": "Dev", "experience_level": "senior", "salary_min": 1, "salary_max": 2}
    assert job_problems(ok) == {}
    assert "salary_min" in job_problems({**ok, "salary_min": 3})
    assert "salary_max" in job_problems({**ok, "salary_max": -2})
    assert "experience_level" in job_problems({**ok, "experience_level": "guru"})
    assert "title" in job_problems({**ok, "title": " "})


def test_slugify() -> None:
    assert slugify("Senior Python Developer tech-corp") == "senior-python-developer-tech-corp"
    assert slugify("Zoé & Co, Paris!") == "zoe-co-paris"
    assert slugify("日本") == ""


def test_a_slug_has_no_hyphen_at_either_end_and_at_most_200_characters() -> None:
    assert slugify("(Acme) -- Café!") == "acme-cafe"
    assert slugify("  ¡Hola, Zoë! ") == "hola-zoe"
    assert slugify("x" * 250) == "x" * 200  # the default limit (company slugs)
    assert slugify("x" * 200) == "x" * 200
    assert slugify("ab cd", max_length=3) == "ab"  # cut at a hyphen: dropped
    assert slugify("ab cd", max_length=4) == "ab-c"


salaries = st.one_of(st.none(), st.integers(0, 200_000))


@given(job_min=salaries, job_max=salaries, want_min=salaries, want_max=salaries)
def test_salary_overlap_law(
    job_min: int | None, job_max: int | None, want_min: int | None, want_max: int | None
) -> None:
    """A kept job's range always meets the wanted range; a job without salary is only kept
    when no salary is asked for."""
    if job_min is not None and job_max is not None and job_min > job_max:
        job_min, job_max = job_max, job_min
    kept = salary_overlaps(job_min, job_max, want_min, want_max)
    if job_min is None and job_max is None:
        assert kept == (want_min is None and want_max is None)
        return
    low = job_min if job_min is not None else job_max
    high = job_max if job_max is not None else job_min
    assert low is not None and high is not None
    meets = (want_min is None or high >= want_min) and (want_max is None or low <= want_max)
    assert kept == meets


def test_years_add_up_periods_apart() -> None:
    apart = [
        _work(date(2010, 1, 1), date(2012, 1, 1)),  # two years
        _work(date(2014, 1, 1), date(2016, 1, 1)),  # two more
        _work(date(2020, 1, 1), date(2021, 1, 1)),  # and one, later
    ]
    assert derived_years(apart, TODAY) == 5.0


@pytest.mark.parametrize("url", ["ftp://x.io", "x.io", "javascript:alert(1)"])
def test_a_project_url_refused_says_why(url: str) -> None:
    values = clean_entry("project", {"name": "P", "url": url})
    assert entry_problems("project", values, TODAY) == {"url": ["Enter a valid http(s) URL."]}

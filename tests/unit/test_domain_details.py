"""Domain rules mutation testing found unguarded: what an error names, what a user's
state changes touch, a test's score, the years a CV adds up to, distances, default names."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from core.domain.accounts.errors import (
    DuplicateIdentifier,
    InvalidActionToken,
    InvalidOAuthCode,
    InvalidOAuthState,
)
from core.domain.accounts.user import User, UserType
from core.domain.companies.company import CompanyNameTaken, default_company_names
from core.domain.jobs.assessment import Answer, score
from core.domain.matching.geo import (
    EARTH_RADIUS_KM,
    chord2,
    chord2_for_km,
    distance_km,
    unit_vector,
)
from core.domain.profiles.candidate import WorkExperience, derived_years

T0 = datetime(2026, 1, 1, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)

# --- errors name their field and say their sentence -----------------------------------------


def test_action_token_errors_name_the_token() -> None:
    error = InvalidActionToken("Invalid or expired activation token")
    assert error.errors == {"token": ["Invalid or expired activation token"]}
    assert error.message == "Invalid or expired activation token"
    assert error.code == "invalid_token"


@pytest.mark.parametrize(
    ("error", "field", "message"),
    [
        (InvalidOAuthState(), "state", "Invalid, expired or already used OAuth state."),
        (InvalidOAuthState("Stale."), "state", "Stale."),
        (InvalidOAuthCode(), "code", "LinkedIn refused the authorization code."),
        (InvalidOAuthCode("No."), "code", "No."),
    ],
)
def test_oauth_errors_name_their_field(error: InvalidOAuthState, field: str, message: str) -> None:
    assert error.errors == {field: [message]}
    assert error.message == message


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("email", "A user with this email already exists."),
        ("username", "A user with this username already exists."),
        ("linkedin_sub", "This value is already used."),
    ],
)
def test_duplicates_name_the_field_taken(field: str, message: str) -> None:
    error = DuplicateIdentifier(field)
    assert error.field == field
    assert error.errors == {field: [message]}
    assert error.message == f"{field}: {message}"


def test_a_taken_company_name() -> None:
    sentence = "A company with this name already exists (names are compared ignoring case)."
    assert CompanyNameTaken().errors == {"name": [sentence]}
    assert CompanyNameTaken("company_name").errors == {"company_name": [sentence]}


# --- a user's state changes -------------------------------------------------------------------


def user(**fields: object) -> User:
    base: dict[str, object] = {
        "username": "zoe",
        "email": "zoe@example.com",
        "password_hash": "old",
        "user_type": UserType.CANDIDATE,
        "created_at": T0,
        "updated_at": T0,
        "token_version": 4,
    }
    return User(**{**base, **fields})  # type: ignore[arg-type]


def test_verifying_the_email_activates_and_stamps() -> None:
    u = user()
    u.verify_email(T1)
    assert (u.email_verified, u.is_active, u.updated_at) == (True, True, T1)


def test_a_new_password_ends_every_session_once() -> None:
    u = user()
    u.set_password("new", T1)
    assert (u.password_hash, u.token_version, u.updated_at) == ("new", 5, T1)


@pytest.mark.parametrize(
    ("was", "now", "version"),
    [(True, False, 5), (True, True, 4), (False, True, 4), (False, False, 4)],
)
def test_only_disabling_an_active_account_ends_its_sessions(
    was: bool, now: bool, version: int
) -> None:
    u = user(is_active=was)
    u.set_active(now, T1)
    assert (u.is_active, u.token_version, u.updated_at) == (now, version, T1)


# --- a job test's score ----------------------------------------------------------------------


def answers(*verdicts: bool | None) -> list[Answer]:
    return [Answer(question_id=i, answer="a", correct=v) for i, v in enumerate(verdicts, 1)]


def test_scores_once_everything_is_decided_count_unanswered_as_wrong() -> None:
    assert score(answers(True, True, False), 3) == (66.7, 2)
    assert score(answers(True, False), 3) == (33.3, 1)  # the third question was not answered
    assert score(answers(True), 1) == (100.0, 1)
    assert score([], 0) == (None, 0)
    assert score(answers(True, True), 3) == (66.7, 2)


def test_while_answers_are_pending_the_score_is_over_the_decided_ones() -> None:
    assert score(answers(True, None, False), 3) == (50.0, 1)
    assert score(answers(True, True, False, None), 4) == (66.7, 2)
    assert score(answers(None, None), 2) == (None, 0)
    assert score(answers(False, None), 2) == (0.0, 0)


# --- years of experience from work entries -------------------------------------------------

TODAY = date(2026, 1, 1)


def job(start: date, end: date | None = None) -> WorkExperience:
    return WorkExperience(profile_id=1, company="C", position="P", start_date=start, end_date=end)


def years(*entries: WorkExperience) -> float:
    return derived_years(list(entries), TODAY)


def test_years_add_up_separate_periods() -> None:
    assert years() == 0.0
    assert years(job(date(2020, 1, 1), date(2021, 1, 1))) == 1.0
    two = years(job(date(2016, 1, 1), date(2018, 1, 1)), job(date(2020, 1, 1), date(2021, 1, 1)))
    assert two == 3.0
    # 365.25 days a year, one decimal.
    assert years(job(date(2025, 1, 1), date(2025, 7, 2))) == 0.5
    assert years(job(date(2024, 1, 1), date(2024, 1, 20))) == 0.1


def test_overlapping_periods_count_once() -> None:
    nested = years(job(date(2016, 1, 1), date(2020, 1, 1)), job(date(2017, 1, 1), date(2018, 1, 1)))
    assert nested == 4.0
    chained = years(
        job(date(2016, 1, 1), date(2018, 1, 1)), job(date(2017, 1, 1), date(2020, 1, 1))
    )
    assert chained == 4.0
    touching = years(
        job(date(2016, 1, 1), date(2018, 1, 1)), job(date(2018, 1, 1), date(2020, 1, 1))
    )
    assert touching == 4.0
    three = years(
        job(date(2010, 1, 1), date(2011, 1, 1)),
        job(date(2014, 1, 1), date(2016, 1, 1)),
        job(date(2015, 1, 1), date(2017, 1, 1)),
    )
    assert three == 4.0


def test_current_and_future_periods() -> None:
    assert years(job(date(2024, 1, 1))) == 2.0  # still there: until today
    assert years(job(date(2024, 1, 1), date(2030, 1, 1))) == 2.0  # an end to come: today
    assert years(job(date(2027, 1, 1))) == 0.0  # not started yet
    assert years(job(TODAY)) == 0.0  # starting today
    assert years(job(date(2020, 1, 1), date(2019, 1, 1))) == 0.0  # ends before it starts
    backwards_then_real = years(
        job(date(2020, 1, 1), date(2019, 1, 1)), job(date(2021, 1, 1), date(2022, 1, 1))
    )
    assert backwards_then_real == 1.0


# --- distances ------------------------------------------------------------------------------

PARIS = unit_vector(48.8566, 2.3522)
LYON = unit_vector(45.7640, 4.8357)


def test_distances_on_the_sphere() -> None:
    assert distance_km(PARIS, LYON) == pytest.approx(392, abs=2)
    assert distance_km(PARIS, PARIS) == 0.0
    antipode = unit_vector(-48.8566, 2.3522 - 180)
    assert distance_km(PARIS, antipode) == pytest.approx(math.pi * EARTH_RADIUS_KM)


@pytest.mark.parametrize("km", [0.0, 10.0, 30.0, 120.0, 392.0, 5000.0])
def test_kilometres_as_squared_chords(km: float) -> None:
    assert chord2_for_km(km) == pytest.approx((2 * math.sin(km / EARTH_RADIUS_KM / 2)) ** 2)
    if km:
        assert distance_km(PARIS, LYON) < km or chord2(PARIS, LYON) >= chord2_for_km(km)
    assert chord2_for_km(392.0) == pytest.approx(chord2(PARIS, LYON), rel=0.02)


# --- the company a recruiter gets at sign-up ------------------------------------------------


def test_default_company_names() -> None:
    assert default_company_names("Jane Smith", "rh_jane", tries=5) == [
        "Jane Smith's company",
        "Jane Smith's company (rh_jane)",
        "rh_jane's company 2",
        "rh_jane's company 3",
        "rh_jane's company 4",
    ]
    assert default_company_names("  ", "rh_jane", tries=3) == [
        "rh_jane's company",
        "rh_jane's company 2",
    ]
    assert len(default_company_names("J", "j")) == 20
    long = default_company_names("x" * 151 + " y", "u", tries=2)
    assert long[0] == "x" * 150 + "'s company"
    assert default_company_names(" " * 149 + "ab", "u", tries=2)[0] == "a's company"


# --- the stop words (read once at import, so a mutant of the reader is only seen here) ------


def test_stop_words_are_the_files_words_without_comments_or_blanks() -> None:
    from core.domain.matching.vocabulary import STOP_WORDS, _stop_words

    words = _stop_words()
    assert words == STOP_WORDS
    assert {"the", "and", "about", "le", "les", "avec"} <= words
    assert "" not in words
    assert not any(w.startswith("#") or w != w.strip() for w in words)
    assert len(words) == 202  # 205 lines: the heading comment, and words both languages use


# --- match explanations -------------------------------------------------------------------


def match(total: float, matched: tuple[str, ...] = (), missing: tuple[str, ...] = ()) -> Any:
    from core.domain.matching.score import MatchScore

    scores = {"skills": 90.0, "experience": 40.0, "location": 90.0, "salary": 40.0}
    return MatchScore(scores=scores, total=total, matched_skills=matched, missing_skills=missing)


@pytest.mark.parametrize(
    ("total", "en", "fr"),
    [
        (100, "Excellent match", "Excellente correspondance"),
        (85, "Excellent match", "Excellente correspondance"),
        (84.9, "Good match", "Bonne correspondance"),
        (70, "Good match", "Bonne correspondance"),
        (69.9, "Partial match", "Correspondance partielle"),
        (50, "Partial match", "Correspondance partielle"),
        (49.9, "Weak match", "Correspondance faible"),
        (0, "Weak match", "Correspondance faible"),
    ],
)
def test_each_band_starts_at_its_floor(total: float, en: str, fr: str) -> None:
    from core.domain.matching.explain import summaries

    assert summaries(match(total))[0].startswith(f"{en} ({total:g}/100).")
    assert summaries(match(total), "fr")[1].startswith(f"{fr} ({total:g}/100).")


def test_summaries_in_english_and_french() -> None:
    from core.domain.matching.explain import summaries

    # Ties are broken by name: location before skills, experience before salary.
    m = match(72.5, ("Python", "PostgreSQL"), ("Docker",))
    assert summaries(m) == (
        "Good match (72.5/100). Your Python, PostgreSQL skills fit this job. Worth "
        "strengthening: Docker. Strongest: location; weakest: salary.",
        "Good match (72.5/100). Has Python, PostgreSQL. Missing Docker. Strongest "
        "criterion: location; weakest: salary.",
    )
    assert summaries(m, "fr") == (
        "Bonne correspondance (72.5/100). Vos compétences en Python, PostgreSQL correspondent "
        "au poste. À renforcer : Docker. Point fort : localisation ; point faible : salaire.",
        "Bonne correspondance (72.5/100). Maîtrise Python, PostgreSQL. Manque : Docker. "
        "Meilleur critère : localisation ; plus faible : salaire.",
    )
    assert summaries(m, "de") == summaries(m)
    bare = match(30)
    assert summaries(bare) == (
        "Weak match (30/100). Strongest: location; weakest: salary.",
        "Weak match (30/100). Strongest criterion: location; weakest: salary.",
    )
    assert summaries(bare, "fr") == (
        "Correspondance faible (30/100). Point fort : localisation ; point faible : salaire.",
        "Correspondance faible (30/100). Meilleur critère : localisation ; plus faible : salaire.",
    )


def test_at_most_six_skills_are_named() -> None:
    from core.domain.matching.explain import summaries

    seven = tuple(f"S{i}" for i in range(7))
    candidate, recruiter = summaries(match(90, seven, seven))
    assert "S0, S1, S2, S3, S4, S5 skills" in candidate and "S6" not in candidate
    assert "Missing S0, S1, S2, S3, S4, S5." in recruiter and "S6" not in recruiter


# --- leaving a company ----------------------------------------------------------------------


def company(**fields: Any) -> Any:
    from core.domain.companies.company import Company

    return Company(id=1, name="Tech Corp", slug="tech-corp", admin_id=7, updated_at=T0, **fields)


def footprint(members: int = 1, jobs: int = 0, followers: int = 0) -> Any:
    from core.domain.companies.team import CompanyFootprint

    return CompanyFootprint(members=members, jobs=jobs, followers=followers)


def test_the_admin_leaves_only_an_untouched_company_of_one() -> None:
    from core.domain.companies.team import leaving_problem, may_leave_untouched

    assert leaving_problem(company(), 7, footprint()) is None
    assert may_leave_untouched(company(), 7, footprint()) is True
    # A member leaves freely, and the company stays.
    assert leaving_problem(company(), 8, footprint(members=5, jobs=3)) is None
    assert may_leave_untouched(company(), 8, footprint()) is False
    tail = "a company you administer cannot be left behind."
    assert leaving_problem(company(), 7, footprint(members=2)) == (
        f"You are the admin of Tech Corp, which has 1 other member; {tail}"
    )
    assert leaving_problem(
        company(industry="AI"), 7, footprint(members=3, jobs=2, followers=2)
    ) == (
        "You are the admin of Tech Corp, which has 2 other members, 2 jobs, 2 followers, "
        f"a company profile; {tail}"
    )
    assert leaving_problem(company(), 7, footprint(jobs=1, followers=1)) == (
        f"You are the admin of Tech Corp, which has 1 job, 1 follower; {tail}"
    )
    assert may_leave_untouched(company(), 7, footprint(jobs=1)) is False


# --- small rules --------------------------------------------------------------------------


def test_cvs_are_judged_by_their_content() -> None:
    from core.domain.profiles.cv import cv_upload_problem

    assert cv_upload_problem(b"") == "The file is empty."
    assert cv_upload_problem(b"x" * 1019 + b"%PDF-1.7 ... %%EOF") is None  # header within 1 KiB
    assert (
        cv_upload_problem(b"x" * 1020 + b"%PDF-1.7 ... %%EOF")
        == "Only PDF files are accepted (the content is not a PDF)."
    )
    assert cv_upload_problem(b"%PDF-1.7 " + b"%%EOF" + b"y" * 2043) is None  # end within 2 KiB
    assert (
        cv_upload_problem(b"%PDF-1.7 " + b"%%EOF" + b"y" * 2044)
        == "The PDF file is truncated or damaged."
    )


def test_a_list_says_whether_more_follows() -> None:
    from core.domain.pages import Listing, Page

    def more(count: int, number: int, has_more: bool | None = None) -> bool:
        listing = Listing(count=count, items=[], has_more=has_more)
        return listing.more_after(Page(number=number, size=20))

    assert more(41, 2) is True
    assert more(40, 2) is False
    assert more(39, 2) is False
    assert more(20, 1) is False
    assert more(0, 1, has_more=True) is True
    assert more(1000, 1, has_more=False) is False


def test_utc_times() -> None:
    from datetime import timezone

    from core.domain.clock import utc

    naive = datetime(2026, 1, 1, 12)
    assert utc(naive) == datetime(2026, 1, 1, 12, tzinfo=UTC)
    assert utc(naive).tzinfo is UTC
    paris = datetime(2026, 1, 1, 13, tzinfo=timezone(timedelta(hours=1)))
    assert utc(paris).tzinfo is UTC
    assert utc(paris).hour == 12


def test_int64_bounds() -> None:
    from core.domain.numbers import INT64_MAX, INT64_MIN, fits_int64

    assert fits_int64(INT64_MIN) and fits_int64(INT64_MAX) and fits_int64(0)
    assert not fits_int64(INT64_MIN - 1)
    assert not fits_int64(INT64_MAX + 1)


def test_matches_kept_from_the_floor_best_first_lower_id_on_ties() -> None:
    from core.domain.matching.policy import keep_best

    scored = [(5, 30.0), (3, 29.99), (9, 80.0), (2, 80.0), (4, 55.0)]
    assert keep_best(scored) == [3, 2, 4, 0]
    assert keep_best(scored, limit=2) == [3, 2]


def test_places_split_into_city_and_country() -> None:
    from core.domain.matching.score import split_place

    assert split_place("Paris, France") == ("paris", "france")
    assert split_place("Lyon") == ("lyon", "")
    assert split_place("Saint-Étienne, Loire, France") == ("saint-etienne", "france")
    assert split_place(" , ") == ("", "")
    assert split_place("!!!, France") == ("", "france")
    assert split_place("Paris, ???") == ("paris", "")


def test_stored_job_and_interview_texts() -> None:
    from core.domain.applications.interview import cleaned
    from core.domain.jobs.job import job_fields

    assert job_fields({"salary_currency": "eur", "title": " Dev ", "category": 3}) == {
        "salary_currency": "EUR",
        "title": "Dev",
        "category_id": 3,
    }
    out = cleaned({"location": None, "video_link": None, "interviewers": [" Jane "]})
    assert out == {"location": "", "video_link": "", "interviewers": ["Jane"]}


def test_a_question_without_text_is_refused() -> None:
    from core.domain.jobs.assessment import test_problems as job_test_problems

    for text in (None, ""):
        problems = job_test_problems("T", [{"text": text, "question_type": "open_ended"}])
        assert problems == {"questions[0]": ["Each question needs a text (max 2000)."]}


def test_documented_limits_are_schema_keywords_for_litestar() -> None:
    from core.domain.schema import documented

    meta = documented(maxLength=5, minimum=0)
    assert meta.extra_json_schema == {"extra": {"maxLength": 5, "minimum": 0}}


def test_a_messages_tag_is_the_one_it_is_stored_under() -> None:
    from core.domain.applications.events import ApplicationSubmitted
    from core.domain.messages import decode_message, encode_message, message_tag

    assert message_tag(ApplicationSubmitted) == "application_submitted"
    stored = encode_message(ApplicationSubmitted(application_id=7))
    assert b'"application_submitted"' in stored
    assert decode_message(stored, ApplicationSubmitted) == ApplicationSubmitted(application_id=7)


def test_years_round_at_their_edges() -> None:
    assert years(job(date(2024, 1, 1), date(2024, 1, 19))) == 0.0  # 18 days: 0.049
    assert years(job(date(2024, 1, 1), date(2024, 1, 20))) == 0.1  # 19 days: 0.052
    assert years(job(date(1980, 1, 1), date(2020, 1, 1))) == 40.0  # 365.25 days a year


def test_skills_of_several_words_keep_one_space() -> None:
    from core.domain.matching.vocabulary import skill_labels
    from core.domain.profiles.skills import skill_key

    assert skill_key(" Machine   Learning ") == "machine learning"
    assert skill_labels(["  Spring   Boot. ", "spring boot"]) == {"spring boot": "Spring Boot"}

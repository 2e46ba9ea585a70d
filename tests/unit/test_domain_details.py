"""Domain rules mutation testing found unguarded: what an error names, what a user's
state changes touch, a test's score, the years a CV adds up to, distances, default names."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

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

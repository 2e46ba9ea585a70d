"""Every documented limit at its edge: n-1 and n accepted, n+1 refused with the field named.

The numbers are written out here, as the README and the error messages state them, rather
than read back from the constants: a limit moved by one, or dropped, fails these tests (the
hand mutants of ``scripts/hand_mutants.toml`` check that it does).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from core.domain.accounts.identifiers import email_problem, username_problem
from core.domain.accounts.passwords import TOO_LONG, TOO_SHORT, password_problems
from core.domain.accounts.profile_fields import field_problems
from core.domain.applications.interview import interview_problems
from core.domain.companies.company import company_problems
from core.domain.jobs.assessment import test_problems as job_test_problems
from core.domain.jobs.job import job_problems
from core.domain.numbers import MAX_SALARY
from core.domain.profiles.entries import entry_problems
from core.domain.profiles.skills import skill_problems

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def edges(limit: int) -> tuple[int, int, int]:
    return limit - 1, limit, limit + 1


# --- jobs -------------------------------------------------------------------------------------

JOB: dict[str, Any] = {"title": "Dev", "experience_level": "mid", "salary_currency": "EUR"}


@pytest.mark.parametrize(
    ("field", "limit"), [("title", 200), ("description", 20_000), ("location", 255)]
)
def test_job_texts_at_their_limits(field: str, limit: int) -> None:
    below, at, above = edges(limit)
    assert job_problems({**JOB, field: "x" * below}) == {}
    assert job_problems({**JOB, field: "x" * at}) == {}
    assert job_problems({**JOB, field: "x" * above}) == {
        field: [f"Ensure this field has no more than {limit} characters."]
    }


@pytest.mark.parametrize("field", ["salary_min", "salary_max"])
def test_job_salaries_between_zero_and_the_maximum(field: str) -> None:
    assert MAX_SALARY == 100_000_000
    for accepted in (0, 1, 99_999_999, 100_000_000):
        assert job_problems({**JOB, field: accepted}) == {}, accepted
    assert job_problems({**JOB, field: -1}) == {field: ["Salary cannot be negative."]}
    assert job_problems({**JOB, field: 100_000_001}) == {
        field: ["Ensure this value is at most 100000000."]
    }


def test_job_salary_range_may_be_a_single_value_but_not_reversed() -> None:
    assert job_problems({**JOB, "salary_min": 50_000, "salary_max": 50_000}) == {}
    assert job_problems({**JOB, "salary_min": 50_000, "salary_max": 50_001}) == {}
    assert job_problems({**JOB, "salary_min": 50_001, "salary_max": 50_000}) == {
        "salary_min": ["The minimum salary cannot exceed the maximum salary."]
    }
    # One bound alone is never compared with a missing one.
    assert job_problems({**JOB, "salary_min": 50_000, "salary_max": None}) == {}
    assert job_problems({**JOB, "salary_min": None, "salary_max": 50_000}) == {}


@pytest.mark.parametrize("field", ["requirements", "benefits"])
def test_job_lists_hold_50_items_of_500_characters(field: str) -> None:
    assert job_problems({**JOB, field: ["x"] * 49}) == {}
    assert job_problems({**JOB, field: ["x"] * 50}) == {}
    assert job_problems({**JOB, field: ["x"] * 51}) == {
        field: ["Ensure there are no more than 50 items."]
    }
    assert job_problems({**JOB, field: ["x" * 499, "y" * 500]}) == {}
    assert job_problems({**JOB, field: ["ok", "y" * 501]}) == {
        field: ["Each item must be text of at most 500 characters."]
    }
    both = job_problems({**JOB, field: ["y" * 501] * 51})
    assert both == {
        field: [
            "Ensure there are no more than 50 items.",
            "Each item must be text of at most 500 characters.",
        ]
    }


@pytest.mark.parametrize("currency", ["EUR", "usd", "XOF", "Chf"])
def test_job_currency_is_three_letters(currency: str) -> None:
    assert job_problems({**JOB, "salary_currency": currency}) == {}


@pytest.mark.parametrize("currency", ["", "EU", "EURO", "EU1", "E R", "€UR", "ÉUR", "123"])
def test_job_currency_other_than_three_letters_is_refused(currency: str) -> None:
    assert job_problems({**JOB, "salary_currency": currency}) == {
        "salary_currency": ["Use a three-letter ISO 4217 code, e.g. EUR."]
    }


@pytest.mark.parametrize("level", ["intern", "junior", "mid", "senior", "lead"])
def test_every_experience_level_is_accepted(level: str) -> None:
    assert job_problems({**JOB, "experience_level": level}) == {}


def test_an_unknown_experience_level_names_the_known_ones() -> None:
    assert job_problems({**JOB, "experience_level": "guru"}) == {
        "experience_level": ['"guru" is not a valid choice (intern, junior, mid, senior, lead).']
    }


@pytest.mark.parametrize("title", [None, "", "   ", "\t\n"])
def test_a_job_needs_a_title(title: str | None) -> None:
    values = {**JOB, "title": title}
    assert job_problems(values) == {"title": ["This field may not be blank."]}


# --- passwords --------------------------------------------------------------------------------

STRONG_ALPHABET = "Tr1cky-Lantern-42Zq9"


def password_of(length: int) -> str:
    return (STRONG_ALPHABET * (length // len(STRONG_ALPHABET) + 1))[:length]


def test_passwords_have_8_to_128_characters() -> None:
    assert TOO_SHORT in password_problems(password_of(7))
    assert password_problems(password_of(8)) == []
    assert password_problems(password_of(9)) == []
    assert password_problems(password_of(127)) == []
    assert password_problems(password_of(128)) == []
    assert password_problems(password_of(129)) == [TOO_LONG]
    assert TOO_SHORT == "This password is too short. It must contain at least 8 characters."
    assert TOO_LONG == "This password is too long. It must contain at most 128 characters."


def test_a_too_long_password_is_judged_on_nothing_else() -> None:
    """Over 128 characters nothing more is computed (the similarity checks cost time)."""
    assert password_problems("1" * 129, username="1" * 129) == [TOO_LONG]


def test_a_short_password_is_also_judged_on_the_other_rules() -> None:
    assert password_problems("1234567") == [
        TOO_SHORT,
        "This password is entirely numeric.",
        "This password is too common.",
    ]


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"username": "lanternfish"}, "The password is too similar to the username."),
        ({"email": "lanternfish@example.com"}, "The password is too similar to the email address."),
        (
            {"email": "z.lanternfish@example.com"},
            "The password is too similar to the email address.",
        ),
        ({"first_name": "Lanternfish"}, "The password is too similar to the first name."),
        ({"last_name": "Lanternfish"}, "The password is too similar to the last name."),
        ({"last_name": "Mary-Lanternfish"}, "The password is too similar to the last name."),
    ],
)
def test_passwords_too_similar_to_who_you_are(attributes: dict[str, str], message: str) -> None:
    assert password_problems("lanternfish7", **attributes) == [message]


def test_similarity_is_said_once_per_attribute_and_in_order() -> None:
    problems = password_problems(
        "lanternfish7",
        username="lanternfish",
        email="lanternfish@lanternfish.io",
        first_name="Lanternfish",
        last_name="Lanternfish",
    )
    assert problems == [
        "The password is too similar to the username.",
        "The password is too similar to the email address.",
        "The password is too similar to the first name.",
        "The password is too similar to the last name.",
    ]


def test_similarity_edge_is_a_ratio_of_0_7() -> None:
    # "abcdefgh" vs "abcdefghijklmnopqrstuvwx"... ratio = 2*M/T. M=8, T=8+n.
    password = "Qx7!wZ-vpkm"  # 11 characters, no word of it in the list
    # A value sharing 7 of its characters: ratio 2*7/(11+7) = 0.78 >= 0.7, too similar.
    assert password_problems(password, username="Qx7!wZ-") != []
    # Sharing 5 of 11 (with 5 others): ratio 2*5/(11+10) = 0.48, fine.
    assert password_problems(password, username="qx7ab_cdefg") == []
    # Exactly at the edge: 7 shared of an 11-character password and a 9-character value:
    # 2*7/20 = 0.7 — refused (the rule is "at least 0.7").
    assert password_problems(password, username="qx7!wz-ab") == [
        "The password is too similar to the username."
    ]
    # Just under: 7 shared with a 10-character value, 2*7/21 = 0.667 — accepted.
    assert password_problems(password, username="qx7!wz-abc") == []


# --- accounts' identifiers and profile fields ---------------------------------------------


def test_usernames_have_3_to_30_characters() -> None:
    assert username_problem("ab") == "Ensure this field has at least 3 characters."
    assert username_problem("abc") is None
    assert username_problem("a" * 30) is None
    assert username_problem("a" * 29) is None
    assert username_problem("a" * 31) == "Ensure this field has at most 30 characters."


def test_emails_have_at_most_254_characters_and_64_before_the_at() -> None:
    domain = "d" * 63 + "." + "e" * 63 + "." + "f" * 57 + ".com"  # 189 characters
    assert email_problem("a" * 64 + "@example.com") is None
    assert email_problem("a" * 65 + "@example.com") == "Enter a valid email address."
    at_limit = "b" * 64 + "@" + domain
    assert len(at_limit) == 254
    assert email_problem(at_limit) is None
    assert email_problem("b" * 63 + "@" + domain) is None
    assert email_problem("b" * 64 + "@d" + domain) == (
        "Ensure this address has at most 254 characters."
    )


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("first_name", 150),
        ("last_name", 150),
        ("location", 255),
        ("bio", 5000),
        ("company_name", 200),
    ],
)
def test_profile_fields_at_their_limits(field: str, limit: int) -> None:
    below, at, above = edges(limit)
    assert field_problems({field: "x" * below}) == {}
    assert field_problems({field: "x" * at}) == {}
    assert field_problems({field: "x" * above}) == {
        field: [f"Ensure this field has no more than {limit} characters."]
    }


def test_phone_numbers_and_pictures() -> None:
    assert field_problems({"phone": "+33 6 12 34 56 78"}) == {}
    assert field_problems({"phone": "+" + "1" * 31}) == {}  # 32 characters
    assert field_problems({"phone": "+" + "1" * 32}) == {
        "phone": [
            "Ensure this field has no more than 32 characters.",
            "Enter a valid phone number, e.g. +33612345678.",
        ]
    }
    assert field_problems({"phone": "1234"}) == {}
    assert field_problems({"phone": "123"}) == {
        "phone": ["Enter a valid phone number, e.g. +33612345678."]
    }
    assert "phone" in field_problems({"phone": "call me"})
    picture = "https://img.example/" + "p" * (2048 - 20)
    assert len(picture) == 2048
    assert field_problems({"profile_picture": picture}) == {}
    assert field_problems({"profile_picture": picture + "p"}) == {
        "profile_picture": ["Ensure this field has no more than 2048 characters."]
    }
    assert field_problems({"profile_picture": "ftp://x"}) == {
        "profile_picture": ["Enter a valid http(s) URL."]
    }
    assert field_problems({"bio": "line\nnext\ttab\r"}) == {}
    assert field_problems({"bio": "bell\x07"}) == {"bio": ["Control characters are not allowed."]}


# --- candidate profiles: skills and dated entries -----------------------------------------


def test_skills_hold_100_items_of_60_characters() -> None:
    assert skill_problems(["s"] * 99) == []
    assert skill_problems(["s"] * 100) == []
    assert skill_problems(["s"] * 101) == ["Ensure there are no more than 100 items."]
    assert skill_problems(["x" * 59, "y" * 60]) == []
    assert skill_problems(["y" * 61]) == ["Each item must have at most 60 characters."]


ENTRIES: dict[str, dict[str, Any]] = {
    "work_experience": {"company": "A", "position": "B", "start_date": date(2020, 1, 1)},
    "education": {"institution": "MIT", "start_date": date(2018, 9, 1)},
    "project": {"name": "P"},
}
ENTRY_LIMITS = [
    ("work_experience", "company", 200),
    ("work_experience", "position", 200),
    ("work_experience", "location", 255),
    ("work_experience", "description", 5000),
    ("education", "institution", 200),
    ("education", "degree", 200),
    ("education", "field_of_study", 200),
    ("education", "description", 5000),
    ("project", "name", 200),
    ("project", "description", 5000),
]


@pytest.mark.parametrize(("kind", "field", "limit"), ENTRY_LIMITS)
def test_entry_texts_at_their_limits(kind: Any, field: str, limit: int) -> None:
    below, at, above = edges(limit)
    base = ENTRIES[kind]
    assert entry_problems(kind, {**base, field: "x" * below}, TODAY) == {}
    assert entry_problems(kind, {**base, field: "x" * at}, TODAY) == {}
    assert entry_problems(kind, {**base, field: "x" * above}, TODAY) == {
        field: [f"Ensure this field has no more than {limit} characters."]
    }


def test_project_url_at_its_limit() -> None:
    url = "https://p.example/" + "u" * (2048 - 18)
    assert len(url) == 2048
    assert entry_problems("project", {"name": "P", "url": url}, TODAY) == {}
    assert entry_problems("project", {"name": "P", "url": url + "u"}, TODAY) == {
        "url": ["Ensure this field has no more than 2048 characters."]
    }
    assert entry_problems("project", {"name": "P", "url": "http://x.example"}, TODAY) == {}


def test_gpa_between_0_and_4() -> None:
    base = ENTRIES["education"]
    for gpa in (0, 0.0, 0.01, 3.99, 4, 4.0):
        assert entry_problems("education", {**base, "gpa": gpa}, TODAY) == {}, gpa
    for gpa in (-0.01, 4.01):
        assert entry_problems("education", {**base, "gpa": gpa}, TODAY) == {
            "gpa": ["GPA must be between 0 and 4.0."]
        }


def test_entry_dates() -> None:
    work = ENTRIES["work_experience"]
    assert entry_problems("work_experience", {**work, "start_date": TODAY}, TODAY) == {}
    assert entry_problems(
        "work_experience", {**work, "start_date": TODAY + timedelta(days=1)}, TODAY
    ) == {"start_date": ["The start date cannot be in the future."]}
    same_day = {**work, "end_date": work["start_date"]}
    assert entry_problems("work_experience", same_day, TODAY) == {}
    day_before = {**work, "end_date": work["start_date"] - timedelta(days=1)}
    assert entry_problems("work_experience", day_before, TODAY) == {
        "end_date": ["The end date cannot be before the start date."]
    }
    # A project may be planned: its start is not checked against today.
    future = {"name": "P", "start_date": TODAY + timedelta(days=30)}
    assert entry_problems("project", future, TODAY) == {}


def test_entry_required_fields_and_choices() -> None:
    assert entry_problems("work_experience", {}, TODAY) == {
        "company": ["This field is required."],
        "position": ["This field is required."],
        "start_date": ["This field is required."],
    }
    assert entry_problems("education", {"institution": " "}, TODAY) == {
        "institution": ["This field is required."],
        "start_date": ["This field is required."],
    }
    assert entry_problems("project", {}, TODAY) == {"name": ["This field is required."]}
    work = ENTRIES["work_experience"]
    for contract in ("full_time", "part_time", "contract", "internship", "freelance", "temporary"):
        assert entry_problems("work_experience", {**work, "contract_type": contract}, TODAY) == {}
    assert entry_problems("work_experience", {**work, "contract_type": "gig"}, TODAY) == {
        "contract_type": [
            '"gig" is not a valid choice (full_time, part_time, contract, internship, '
            "freelance, temporary)."
        ]
    }


def test_project_technologies_follow_the_skill_limits() -> None:
    ok = {"name": "P", "technologies": ["t"] * 100}
    assert entry_problems("project", ok, TODAY) == {}
    assert entry_problems("project", {"name": "P", "technologies": ["t"] * 101}, TODAY) == {
        "technologies": ["Ensure there are no more than 100 items."]
    }


# --- companies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"),
    [("name", 200), ("industry", 100), ("location", 255), ("description", 10_000)],
)
def test_company_texts_at_their_limits(field: str, limit: int) -> None:
    below, at, above = edges(limit)
    assert company_problems({field: "x" * below}, 2026) == {}
    assert company_problems({field: "x" * at}, 2026) == {}
    assert company_problems({field: "x" * above}, 2026) == {
        field: [f"Ensure this field has no more than {limit} characters."]
    }


@pytest.mark.parametrize("field", ["website", "logo"])
def test_company_links_at_their_limit(field: str) -> None:
    url = "https://c.example/" + "u" * (2048 - 18)
    assert company_problems({field: url}, 2026) == {}
    assert company_problems({field: url + "u"}, 2026) == {
        field: ["Ensure this field has no more than 2048 characters."]
    }
    assert company_problems({field: "www.example.com"}, 2026) == {
        field: ["Enter a valid http(s) URL."]
    }
    assert company_problems({field: ""}, 2026) == {}


def test_company_founded_between_1600_and_this_year() -> None:
    for year in (1600, 1601, 2025, 2026):
        assert company_problems({"founded_year": year}, 2026) == {}, year
    for year in (1599, 2027):
        assert company_problems({"founded_year": year}, 2026) == {
            "founded_year": ["Enter a year between 1600 and 2026."]
        }


def test_company_name_and_size() -> None:
    assert company_problems({"name": " "}, 2026) == {"name": ["This field may not be blank."]}
    assert company_problems({}, 2026) == {}  # a patch that leaves the name alone
    for count in ("1-10", "11-50", "51-100", "100-500", "500-1000", "1000+"):
        assert company_problems({"employee_count": count}, 2026) == {}
    assert company_problems({"employee_count": "12"}, 2026) == {
        "employee_count": ["Choose one of: 1-10, 11-50, 51-100, 100-500, 500-1000, 1000+."]
    }


# --- interviews -----------------------------------------------------------------------------

INTERVIEW: dict[str, Any] = {
    "starts_at": NOW + timedelta(days=1),
    "duration_minutes": 60,
    "video_link": "https://meet.example/x",
    "interviewers": [],
}


def test_interviews_last_10_to_480_minutes() -> None:
    for minutes in (10, 11, 479, 480):
        assert interview_problems({**INTERVIEW, "duration_minutes": minutes}, NOW) == {}
    for minutes in (9, 481):
        assert interview_problems({**INTERVIEW, "duration_minutes": minutes}, NOW) == {
            "duration_minutes": ["Enter a duration between 10 and 480 minutes."]
        }


def test_interviews_start_in_the_future() -> None:
    assert interview_problems({**INTERVIEW, "starts_at": NOW + timedelta(seconds=1)}, NOW) == {}
    assert interview_problems({**INTERVIEW, "starts_at": NOW}, NOW) == {
        "starts_at": ["The interview must start in the future."]
    }
    naive = (NOW + timedelta(days=1)).replace(tzinfo=None)
    assert interview_problems({**INTERVIEW, "starts_at": naive}, NOW) == {
        "starts_at": ["Give a time zone, e.g. 2026-12-01T14:00:00+01:00."]
    }
    assert interview_problems({**INTERVIEW, "starts_at": None}, NOW) == {
        "starts_at": ["This field is required."]
    }


def test_interview_place_and_people() -> None:
    at_office = {**INTERVIEW, "video_link": "", "location": "x" * 255}
    assert interview_problems(at_office, NOW) == {}
    assert interview_problems({**at_office, "location": "x" * 256}, NOW) == {
        "location": ["Ensure this field has no more than 255 characters."]
    }
    assert interview_problems({**INTERVIEW, "video_link": ""}, NOW) == {
        "location": ["Give a location or a video link."]
    }
    assert interview_problems({**INTERVIEW, "video_link": "meet.example/x"}, NOW) == {
        "video_link": ["Enter a valid http(s) URL."]
    }
    for people in (["a"] * 19, ["a"] * 20, ["x" * 100]):
        assert interview_problems({**INTERVIEW, "interviewers": people}, NOW) == {}
    for people in (["a"] * 21, ["x" * 101], [" "], [3]):
        assert interview_problems({**INTERVIEW, "interviewers": people}, NOW) == {
            "interviewers": ["Up to 20 names of at most 100 characters."]
        }


# --- job tests ------------------------------------------------------------------------------


def question(**fields: Any) -> dict[str, Any]:
    return {"text": "Pick B", "question_type": "multiple_choice", "choices": ["A", "B"],
            "correct_answer": "B", **fields}  # fmt: skip


def test_job_test_title_and_question_count() -> None:
    one = [question()]
    assert job_test_problems("x" * 200, one) == {}
    assert job_test_problems("x" * 201, one) == {"title": ["Give a title of 1 to 200 characters."]}
    assert job_test_problems(" ", one) == {"title": ["Give a title of 1 to 200 characters."]}
    assert job_test_problems("T", []) == {"questions": ["A test needs at least one question."]}
    assert job_test_problems("T", [question()] * 99) == {}
    assert job_test_problems("T", [question()] * 100) == {}
    assert job_test_problems("T", [question()] * 101) == {"questions": ["At most 100 questions."]}


def test_job_test_question_rules() -> None:
    assert job_test_problems("T", [question(text="q" * 2000)]) == {}
    assert job_test_problems("T", [question(text="q" * 2001)]) == {
        "questions[0]": ["Each question needs a text (max 2000)."]
    }
    assert job_test_problems("T", [question(), question(text=" ")]) == {
        "questions[1]": ["Each question needs a text (max 2000)."]
    }
    assert job_test_problems("T", [question(question_type="essay")]) == {
        "questions[0]": ["question_type must be one of ('multiple_choice', 'open_ended')."]
    }
    for choices in (["A"], ["A", "A"], ["A", " "]):
        assert (
            "Give at least two distinct choices."
            in job_test_problems("T", [question(choices=choices, correct_answer="A")])[
                "questions[0]"
            ]
        )
    assert job_test_problems("T", [question(correct_answer="C")]) == {
        "questions[0]": ["correct_answer must be one of the choices."]
    }
    open_ended = {"text": "Why?", "question_type": "open_ended"}
    assert job_test_problems("T", [open_ended]) == {}
    assert job_test_problems("T", [{**open_ended, "correct_answer": "yes"}]) == {
        "questions[0]": ["Open-ended questions have no choices or correct answer."]
    }
    assert job_test_problems("T", [{**open_ended, "choices": ["a", "b"]}]) == {
        "questions[0]": ["Open-ended questions have no choices or correct answer."]
    }


def test_a_correct_answer_is_one_of_the_choices_as_typed_around_spaces() -> None:
    """The choices are judged (and stored) trimmed: so is the correct answer, which names one."""
    assert job_test_problems("T", [question(choices=[" A", "B "], correct_answer="B ")]) == {}
    assert job_test_problems("T", [question(correct_answer=" B")]) == {}
    for missing in (None, "", " "):
        assert job_test_problems("T", [question(correct_answer=missing)]) == {
            "questions[0]": ["correct_answer must be one of the choices."]
        }
    assert job_test_problems(
        "T", [{k: v for k, v in question().items() if k != "correct_answer"}]
    ) == {"questions[0]": ["correct_answer must be one of the choices."]}


def test_a_contract_type_is_a_choice_of_at_most_20_characters() -> None:
    base = ENTRIES["work_experience"]
    choice = '"{}" is not a valid choice (full_time, part_time, contract, internship, freelance, temporary).'
    for length in (19, 20):
        value = "x" * length
        assert entry_problems("work_experience", {**base, "contract_type": value}, TODAY) == {
            "contract_type": [choice.format(value)]
        }
    value = "x" * 21
    assert entry_problems("work_experience", {**base, "contract_type": value}, TODAY) == {
        "contract_type": ["Ensure this field has no more than 20 characters.", choice.format(value)]
    }
    assert entry_problems("work_experience", {**base, "contract_type": "internship"}, TODAY) == {}

"""Accounts rules as their callers see them: what each error names and says, who may do
what, the links e-mails carry, the free-text fields."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from core.domain.accounts.errors import InvalidOAuthCode, InvalidOAuthState
from core.domain.accounts.identifiers import email_problem
from core.domain.accounts.passwords import password_problems
from core.domain.accounts.policy import AccountsPolicy
from core.domain.accounts.profile_fields import field_problems
from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
from core.domain.accounts.usernames import username_base, username_candidates
from core.domain.errors import PermissionDenied, ValidationFailed

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("error_type", "field", "default"),
    [
        (InvalidOAuthState, "state", "Invalid, expired or already used OAuth state."),
        (InvalidOAuthCode, "code", "LinkedIn refused the authorization code."),
    ],
)
def test_an_oauth_error_names_its_field_and_says_why(
    error_type: type[ValidationFailed], field: str, default: str
) -> None:
    # Built here, not in the parameters: what a test reaches is what it checks.
    error = error_type()
    assert error.errors == {field: [default]}
    assert str(error) == default
    told = error_type("Stale.")  # type: ignore[call-arg]
    assert told.errors == {field: ["Stale."]}
    assert str(told) == "Stale."


def a_user(user_type: UserType) -> User:
    return User(
        id=1,
        username="john_doe",
        email="john@example.com",
        password_hash=None,
        user_type=user_type,
        created_at=T0,
        updated_at=T0,
    )


def test_only_the_types_named_pass_and_the_refusal_names_them() -> None:
    require_type(a_user(UserType.RECRUITER), UserType.RECRUITER)
    require_type(a_user(UserType.ADMIN), UserType.RECRUITER, UserType.ADMIN)
    with pytest.raises(PermissionDenied) as caught:
        require_type(a_user(UserType.CANDIDATE), UserType.RECRUITER, UserType.ADMIN)
    assert str(caught.value) == "Only recruiters or admins can do this."
    with pytest.raises(PermissionDenied) as caught:
        require_type(a_user(UserType.RECRUITER), UserType.CANDIDATE)
    assert str(caught.value) == "Only candidates can do this."


@pytest.mark.parametrize("public_url", ["https://jobs.example/HRX", "https://jobs.example/HRX/"])
@pytest.mark.parametrize("path", ["activate", "/activate"])
def test_a_link_joins_the_public_address_and_the_path_with_one_slash(
    public_url: str, path: str
) -> None:
    policy = AccountsPolicy(public_url=public_url)
    assert policy.link(path, "a b+c/d") == "https://jobs.example/HRX/activate?token=a+b%2Bc%2Fd"


@pytest.mark.parametrize("text", ["Lyon, France", "two\nlines", "a\ttab", "crlf\r\n", " "])
def test_spaces_tabs_and_line_breaks_are_text(text: str) -> None:
    assert field_problems({"bio": text}) == {}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x1f"])
def test_control_characters_are_refused_in_any_field(char: str) -> None:
    assert field_problems({"bio": f"a{char}b", "location": char}) == {
        "bio": ["Control characters are not allowed."],
        "location": ["Control characters are not allowed."],
    }


def test_a_field_too_long_and_with_a_control_character_says_both() -> None:
    assert field_problems({"first_name": "\x01" * 151}) == {
        "first_name": [
            "Ensure this field has no more than 150 characters.",
            "Control characters are not allowed.",
        ]
    }


@pytest.mark.parametrize("picture", ["https://img.example/a.png", "http://img.example/a.png"])
def test_a_picture_is_an_http_or_https_address(picture: str) -> None:
    assert field_problems({"profile_picture": picture}) == {}
    assert field_problems({"profile_picture": ""}) == {}


def test_a_field_with_no_limit_is_only_checked_for_control_characters() -> None:
    assert field_problems({"headline": "h" * 10_000}) == {}


def test_an_unsaved_user_has_no_id_to_give() -> None:
    user = a_user(UserType.CANDIDATE)
    user.id = None
    with pytest.raises(RuntimeError) as caught:
        user.require_id()
    assert str(caught.value) == "user has not been saved yet"


# --- addresses and usernames ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("john@mail.example.com", None),
        ("john@mail.123.com", None),  # only the last label is a top-level domain
        ("john@mail.example.c", "Enter a valid email address."),
        ("john@mail.example.123", "Enter a valid email address."),
    ],
)
def test_the_last_label_is_the_one_judged_as_a_top_level_domain(
    address: str, problem: str | None
) -> None:
    assert email_problem(address) == problem


@pytest.mark.parametrize(
    ("wanted", "base"),
    [("abc", "abc"), ("ab", "abuser"), ("Xavier", "Xavier"), ("..x.-_y", "x.-_y")],
)
def test_a_username_of_three_characters_is_long_enough_to_start_from(
    wanted: str, base: str
) -> None:
    assert username_base(wanted) == base


def test_the_name_asked_for_is_never_offered_even_when_a_suffix_remakes_it() -> None:
    wanted = "a" * 29 + "1"  # 30 characters: base[:29] + "1" is the name itself
    names = username_candidates(wanted, year=2026, rng=random.Random(1))
    assert wanted not in names and len(names) == 12
    assert names[0] == "a" * 25 + "_2026"


class Drawn(random.Random):
    """Draws the lowest (or highest) number it is allowed, every time."""

    def __init__(self, highest: bool) -> None:
        super().__init__(0)
        self.highest = highest

    def randint(self, a: int, b: int) -> int:
        return b if self.highest else a


@pytest.mark.parametrize(("highest", "two", "more"), [(False, "_10", "100"), (True, "_99", "9999")])
def test_random_suffixes_run_from_10_to_99_then_from_100_to_9999(
    highest: bool, two: str, more: str
) -> None:
    names = username_candidates("john_doe", year=2026, rng=Drawn(highest))
    # The same number drawn twelve times is offered once: no name comes back twice.
    assert names == [
        "john_doe1",
        "john_doe_2026",
        "john_doe_user",
        "john_doe_pro",
        "john_doe_dev",
        "john_doe_hq",
        "john_doe_official",
        "john_doe2",
        f"john_doe{two}",
        f"john_doe{more}",
    ]


def test_twelve_suggestions_unless_asked_for_fewer() -> None:
    assert len(username_candidates("john_doe", year=2026, rng=random.Random(3))) == 12
    assert len(username_candidates("john_doe", year=2026, rng=random.Random(3), count=4)) == 4


# --- passwords --------------------------------------------------------------------------------


def test_a_password_like_one_word_of_a_long_name_is_too_similar_to_it() -> None:
    # The whole name is far from the password (2*11/40 = 0.55): its word "Lanternfish" is not.
    assert password_problems("lanternfish7", last_name="Lanternfish-Montgomery-Smith") == [
        "The password is too similar to the last name."
    ]


def test_a_password_like_the_whole_local_part_of_the_address_is_too_similar_to_it() -> None:
    # Neither the whole address (2*11/35 = 0.63) nor any of its words is close: the local part is.
    assert password_problems("ab.cd.ef.gh1", email="ab.cd.ef.gh@example.com") == [
        "The password is too similar to the email address."
    ]

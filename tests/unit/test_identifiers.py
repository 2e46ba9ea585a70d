"""E-mail addresses and usernames: what is valid, what two of them being "the same" means, and
the usernames offered when one is taken."""

from __future__ import annotations

import random

import pytest

from core.domain.accounts.identifiers import (
    email_key,
    email_problem,
    login_key,
    normalize_email,
    username_key,
    username_problem,
)
from core.domain.accounts.usernames import username_base, username_candidates

INVALID = "Enter a valid email address."


def test_an_address_is_trimmed_and_its_domain_lower_cased_but_not_its_local_part() -> None:
    assert normalize_email("  John.Doe@Example.COM ") == "John.Doe@example.com"
    assert normalize_email("no-at-sign") == "no-at-sign"
    # NFC: "é" typed as e + combining accent is the one character.
    assert normalize_email("rene\u0301@example.com") == "ren\u00e9@example.com"
    assert email_key(" John.Doe@Example.COM") == "john.doe@example.com"
    assert login_key("  John_Doe ") == "john_doe" == username_key(" JOHN_DOE ")


@pytest.mark.parametrize(
    "address",
    [
        "john@example.com",
        "john.doe+jobs@mail.example.co.uk",
        "o'neil@example.ie",
        "x@xn--bcher-kva.example",
        "jean@b\u00fccher.example",  # an internationalised domain, encoded
        "a@b.xn--p1ai",
    ],
)
def test_addresses_people_have_are_accepted(address: str) -> None:
    assert email_problem(address) is None


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("", "This field may not be blank."),
        ("   ", "This field may not be blank."),
        ("john.example.com", INVALID),  # no @
        ("@example.com", INVALID),  # nothing before it
        ("john@", INVALID),  # nothing after it
        ("jo hn@example.com", INVALID),
        ("john..doe@example.com", INVALID),
        (".john@example.com", INVALID),
        ("john@localhost", INVALID),  # one label
        ("john@-example.com", INVALID),
        ("john@example-.com", INVALID),
        ("john@exa_mple.com", INVALID),
        ("john@example.c", INVALID),  # a one-letter TLD
        ("john@example.123", INVALID),  # a numeric TLD
        ("john@example..com", INVALID),
        ("john@" + "a" * 64 + ".com", INVALID),  # a label of 64
        ("john@\udcff.com", INVALID),  # cannot be IDNA-encoded
    ],
)
def test_each_broken_address_is_refused(address: str, problem: str) -> None:
    assert email_problem(address) == problem


def test_a_label_of_63_characters_is_accepted() -> None:
    assert email_problem("john@" + "a" * 63 + ".com") is None


@pytest.mark.parametrize(
    ("username", "problem"),
    [
        ("", "This field may not be blank."),
        (" john", "Usernames may not start or end with spaces."),
        ("john ", "Usernames may not start or end with spaces."),
        (
            "_john",
            "Use only letters, digits and the characters _ . - (starting with a letter or a digit).",
        ),
        (
            "jo hn",
            "Use only letters, digits and the characters _ . - (starting with a letter or a digit).",
        ),
        (
            "jöhn",
            "Use only letters, digits and the characters _ . - (starting with a letter or a digit).",
        ),
    ],
)
def test_each_broken_username_is_refused(username: str, problem: str) -> None:
    assert username_problem(username) == problem


@pytest.mark.parametrize("username", ["john", "j.doe-2", "7of9", "A_B"])
def test_usernames_people_pick_are_accepted(username: str) -> None:
    assert username_problem(username) is None


@pytest.mark.parametrize(
    ("wanted", "base"),
    [
        ("john doe", "johndoe"),
        ("__john", "john"),
        ("Zoë!", "Zouser"),  # what a username may hold, made long enough
        ("jo", "jouser"),
        ("", "user"),
        ("!!", "user"),
        ("ab", "abuser"),
    ],
)
def test_a_suggestion_starts_from_what_a_username_may_hold(wanted: str, base: str) -> None:
    assert username_base(wanted) == base


def test_suggestions_come_most_natural_first_and_fit_the_limit() -> None:
    names = username_candidates("john_doe", year=2026, rng=random.Random(1))
    assert names[:8] == [
        "john_doe1",
        "john_doe_2026",
        "john_doe_user",
        "john_doe_pro",
        "john_doe_dev",
        "john_doe_hq",
        "john_doe_official",
        "john_doe2",
    ]
    assert len(names) == 12 and len({n.casefold() for n in names}) == 12
    long = username_candidates("a" * 30, year=2026, rng=random.Random(1), count=5)
    assert long[:2] == ["a" * 29 + "1", "a" * 25 + "_2026"]
    assert all(len(n) <= 30 for n in long) and len(long) == 5
    # The name asked for is never offered back, whatever its case.
    assert "John1" not in username_candidates("John1", year=2026, rng=random.Random(1))

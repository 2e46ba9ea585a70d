"""Accounts rules as their callers see them: what each error names and says, who may do
what, the links e-mails carry, the free-text fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.domain.accounts.errors import InvalidOAuthCode, InvalidOAuthState
from core.domain.accounts.policy import AccountsPolicy
from core.domain.accounts.profile_fields import field_problems
from core.domain.accounts.roles import require_type
from core.domain.accounts.user import User, UserType
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

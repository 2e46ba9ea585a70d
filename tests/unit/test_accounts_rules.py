"""Accounts rules as their callers see them: what each error names and says."""

from __future__ import annotations

import pytest

from core.domain.accounts.errors import InvalidOAuthCode, InvalidOAuthState
from core.domain.errors import ValidationFailed


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

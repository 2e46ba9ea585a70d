"""What every error says (its sentence is the API's ``detail``), the currency rule, and how
messages and live frames are written: the stored and pushed JSON is read by other processes and
by clients, so its shape is the contract."""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec
import pytest

from core.domain.errors import (
    Conflict,
    DomainError,
    NotAuthenticated,
    NotFound,
    PaymentRequired,
    PermissionDenied,
    ValidationFailed,
)
from core.domain.live import encode_frame
from core.domain.messages import Message, decode_message, encode_message, message_tag
from core.domain.messaging.frames import ReadFrame
from core.domain.money import currency_problem


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (DomainError, "error", "The request could not be completed."),
        (
            NotAuthenticated,
            "not_authenticated",
            "Authentication credentials were not provided or are invalid.",
        ),
        (
            PermissionDenied,
            "permission_denied",
            "You do not have permission to perform this action.",
        ),
        (NotFound, "not_found", "Not found."),
        (Conflict, "conflict", "The request conflicts with the current state."),
        (
            PaymentRequired,
            "payment_required",
            "Your plan does not allow this. Upgrade your subscription.",
        ),
    ],
)
def test_an_error_without_a_message_says_its_default(
    error: type[DomainError], code: str, said: str
) -> None:
    for raised in (error(), error(None), error("")):
        assert (raised.code, str(raised), raised.message) == (code, said, said)
    told = error("Job not found.")
    assert (str(told), told.message) == ("Job not found.", "Job not found.")


def test_a_validation_error_says_each_field_and_what_is_wrong_with_it() -> None:
    refused = ValidationFailed({"title": ["Too long.", "Not blank."], "salary_max": ("Too big.",)})
    assert refused.errors == {"title": ["Too long.", "Not blank."], "salary_max": ["Too big."]}
    assert str(refused) == "title: Too long. Not blank.; salary_max: Too big."
    assert refused.message == str(refused) and refused.code == "validation_error"
    assert str(ValidationFailed({"title": ["Required."]})) == "title: Required."


def test_a_validation_error_keeps_a_message_given_and_has_one_without_fields() -> None:
    given = ValidationFailed({"token": ["Expired."]}, "The link has expired.")
    assert (str(given), given.errors) == ("The link has expired.", {"token": ["Expired."]})
    assert str(ValidationFailed({})) == "Invalid input."
    assert str(ValidationFailed({}, "")) == "Invalid input."
    single = ValidationFailed.single("email", "Enter a valid e-mail address.")
    assert single.errors == {"email": ["Enter a valid e-mail address."]}
    assert str(single) == "email: Enter a valid e-mail address."


@pytest.mark.parametrize("code", ["EUR", "usd", "Chf"])
def test_a_currency_is_three_ascii_letters(code: str) -> None:
    assert currency_problem(code) is None


@pytest.mark.parametrize("code", ["", "EU", "EURO", "ÉUR", "ДОЛ", "E1R", " EUR"])
def test_anything_else_is_refused_with_an_example(code: str) -> None:
    assert currency_problem(code) == "Use a three-letter ISO 4217 code, e.g. EUR."


class _Pinged(Message, frozen=True, kw_only=True, tag="pinged"):
    target: int
    at: datetime


def test_a_message_is_stored_as_tagged_json_and_read_back_as_its_type() -> None:
    at = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
    stored = encode_message(_Pinged(target=3, at=at))
    assert msgspec.json.decode(stored) == {
        "type": "pinged",
        "target": 3,
        "at": "2026-01-15T10:00:00Z",
    }
    for payload in (stored, stored.decode()):
        back = decode_message(payload, _Pinged)
        assert type(back) is _Pinged and back == _Pinged(target=3, at=at)
    assert message_tag(_Pinged) == "pinged"
    with pytest.raises(msgspec.ValidationError):
        decode_message(
            b'{"type": "pinged", "target": "three", "at": "2026-01-15T10:00:00Z"}', _Pinged
        )


def test_a_frame_is_pushed_as_json_named_by_its_type() -> None:
    at = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
    frame = ReadFrame(conversation_id=1, reader_id=2, up_to_id=9, count=3, read_at=at)
    assert msgspec.json.decode(encode_frame(frame)) == {
        "type": "read",
        "conversation_id": 1,
        "reader_id": 2,
        "up_to_id": 9,
        "count": 3,
        "read_at": "2026-01-15T10:00:00Z",
    }

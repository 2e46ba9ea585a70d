"""Query-string values arrive as text; these turn them into typed values or a clear 400."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.errors import ValidationFailed
from core.domain.numbers import INT64_MAX, INT64_MIN, fits_int64


def int_param(name: str, raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed.single(name, "Enter a whole number, e.g. 42.") from None
    if not fits_int64(value):
        raise ValidationFailed.single(
            name, f"Enter a whole number between {INT64_MIN} and {INT64_MAX}."
        )
    return value


def id_or_name(name: str, raw: str | None) -> int | str | None:
    """A reference given by id (digits) or by name."""
    if raw is None or raw.strip() == "":
        return None
    return int_param(name, raw) if raw.strip().isdigit() else raw.strip()


def bool_param(name: str, raw: str | None) -> bool | None:
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "1", "yes"):
        return True
    if raw.lower() in ("false", "0", "no"):
        return False
    raise ValidationFailed.single(name, "Must be true or false.")


def choice_param(name: str, raw: str | None, choices: Sequence[str]) -> str | None:
    if raw is None or raw == "":
        return None
    if raw not in choices:
        raise ValidationFailed.single(name, f"Choose one of: {', '.join(choices)}.")
    return raw

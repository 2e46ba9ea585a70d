"""Query-string values arrive as text; these turn them into typed values or a clear 400."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.errors import ValidationFailed


def int_param(name: str, raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationFailed.single(name, "A valid integer is required.") from None


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

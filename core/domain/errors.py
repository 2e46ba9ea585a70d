"""Errors the core raises. They carry no HTTP codes: adapters/http/errors.py maps them.

Every error has a stable machine-readable ``code`` and a human sentence (``str(error)``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """Base of every error the core raises on purpose."""

    code = "error"
    default_message = "The request could not be completed."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self.args[0])


class ValidationFailed(DomainError):
    """Input breaks a rule. ``errors`` maps each offending field to what is wrong with it."""

    code = "validation_error"

    def __init__(self, errors: Mapping[str, Sequence[str]], message: str | None = None) -> None:
        self.errors: dict[str, list[str]] = {field: list(msgs) for field, msgs in errors.items()}
        if message is None:
            message = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.errors.items())
        super().__init__(message or "Invalid input.")

    @classmethod
    def single(cls, field: str, message: str) -> ValidationFailed:
        return cls({field: [message]})


class NotAuthenticated(DomainError):
    """Nobody (or nobody valid) is asking: credentials are missing, wrong or expired."""

    code = "not_authenticated"
    default_message = "Authentication credentials were not provided or are invalid."


class PermissionDenied(DomainError):
    """The caller is known but may not do this."""

    code = "permission_denied"
    default_message = "You do not have permission to perform this action."


class NotFound(DomainError):
    code = "not_found"
    default_message = "Not found."


class Conflict(DomainError):
    """The request is valid but clashes with the current state."""

    code = "conflict"
    default_message = "The request conflicts with the current state."


class PaymentRequired(DomainError):
    """The action needs a (better) subscription plan."""

    code = "payment_required"
    default_message = "Your plan does not allow this. Upgrade your subscription."

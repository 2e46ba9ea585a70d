"""The one error table: core errors → HTTP status codes, and every error body's shape.

Every error answer is JSON: ``{"detail": str, "code": str, "errors": {field: [message, ...]}}``
(``errors`` only when fields are at fault). Litestar's own errors (malformed JSON, wrong types,
missing fields, oversized body, unknown route or method) are reshaped the same way, and
anything unexpected becomes a logged 500 with a generic body — never a traceback.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from core.domain.accounts.errors import (
    AccountDisabled,
    EmailNotVerified,
    InvalidActionToken,
    InvalidCredentials,
    InvalidToken,
    LinkedInUnavailable,
)
from core.domain.errors import (
    Conflict,
    DomainError,
    NotAuthenticated,
    NotFound,
    PaymentRequired,
    PermissionDenied,
    ValidationFailed,
)

log = logging.getLogger(__name__)

#: Most specific first: the first class an error is an instance of decides its status.
ERROR_TABLE: tuple[tuple[type[DomainError], int], ...] = (
    (ValidationFailed, 400),
    (InvalidCredentials, 401),
    (EmailNotVerified, 401),
    (InvalidToken, 401),
    (NotAuthenticated, 401),
    (AccountDisabled, 403),
    (PermissionDenied, 403),
    (PaymentRequired, 402),
    (NotFound, 404),
    (Conflict, 409),
    (LinkedInUnavailable, 502),
)


class ErrorBody(msgspec.Struct, kw_only=True):
    """The body of every error answer."""

    detail: str
    code: str
    errors: dict[str, list[str]] | None = msgspec.field(default=None)


class TokenErrorBody(msgspec.Struct, kw_only=True):
    """The guide's activation-confirm error: ``{"error": ...}`` (``detail`` kept alongside)."""

    error: str
    detail: str
    code: str
    errors: dict[str, list[str]] | None = None


class TooManyRequests(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("Request was throttled.")
        self.retry_after = max(1, retry_after)


def status_for(error: DomainError) -> int:
    for kind, status in ERROR_TABLE:
        if isinstance(error, kind):
            return status
    return 400


def _json(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response[Any]:
    body = {k: v for k, v in body.items() if v is not None}
    return Response(content=body, status_code=status, media_type=MediaType.JSON, headers=headers)


def _auth_headers(status: int) -> dict[str, str] | None:
    return {"WWW-Authenticate": 'Bearer realm="api"'} if status == 401 else None


def domain_error_handler(_: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, DomainError)
    status = status_for(exc)
    body: dict[str, Any] = {"detail": exc.message, "code": exc.code}
    if isinstance(exc, ValidationFailed):
        body["errors"] = exc.errors
    if isinstance(exc, InvalidActionToken):
        body["error"] = exc.message
    return _json(status, body, _auth_headers(status))


_UNKNOWN_FIELD = re.compile(r"Object contains unknown field `([^`]+)`")
_MISSING_FIELD = re.compile(r"Object missing required field `([^`]+)`")
_AT_PATH = re.compile(r" - at `\$\.?([^`]*)`$")


def _field_errors(extra: Any) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    items = extra if isinstance(extra, list) else [extra] if extra else []
    for item in items:
        if not isinstance(item, dict):
            continue
        message = str(item.get("message", "Invalid value."))
        key = str(item.get("key") or "non_field_errors")
        if match := _UNKNOWN_FIELD.search(message):
            key, message = match.group(1), "Unknown or read-only field: it cannot be set here."
        elif match := _MISSING_FIELD.search(message):
            key, message = match.group(1), "This field is required."
        else:
            if (match := _AT_PATH.search(message)) and key in ("data", "body"):
                key = match.group(1) or key
            message = _AT_PATH.sub("", message)
        if key in ("data", "body"):
            key = "non_field_errors"
        errors.setdefault(key, []).append(message)
    return errors


def http_error_handler(_: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    detail = exc.detail or "Request failed."
    body: dict[str, Any] = {"detail": detail, "code": _code_for(status)}
    if isinstance(exc, ValidationException) or (status == 400 and exc.extra):
        errors = _field_errors(exc.extra)
        if "JSON is malformed" in detail or detail.strip() == "'data'":
            body["detail"] = (
                "The request body is not valid JSON."
                if "JSON" in detail
                else ("The request body is missing.")
            )
        elif errors:
            body["detail"] = "Invalid input: " + "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in errors.items()
            )
            body["errors"] = errors
    headers = dict(exc.headers or {})
    if status == 401:
        headers.update(_auth_headers(401) or {})
    return _json(status, body, headers or None)


def throttled_handler(_: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, TooManyRequests)
    return _json(
        429,
        {
            "detail": f"Request was throttled. Expected available in {exc.retry_after} seconds.",
            "code": "throttled",
        },
        {"Retry-After": str(exc.retry_after)},
    )


def unexpected_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _json(
        HTTP_500_INTERNAL_SERVER_ERROR,
        {"detail": "Something went wrong on our side. Please try again.", "code": "server_error"},
    )


def _code_for(status: int) -> str:
    return {
        400: "bad_request",
        401: "not_authenticated",
        402: "payment_required",
        403: "permission_denied",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "request_too_large",
        415: "unsupported_media_type",
        429: "throttled",
    }.get(status, "error")


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    TooManyRequests: throttled_handler,
    Exception: unexpected_error_handler,
}

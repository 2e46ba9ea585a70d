"""The one error table: core errors → HTTP status codes, and every error body's shape.

Every error answer is JSON: ``{"detail": str, "code": str, "errors": {field: [message, ...]}}``
(``errors`` only when fields are at fault). Litestar's own errors (malformed JSON, wrong types,
missing fields, oversized body, unknown route or method) are reshaped the same way. A
dependency that cannot be reached (the database restarting, Redis or the file store away)
is a 503 with ``Retry-After``; anything else unexpected becomes a logged 500 with a generic
body — never a traceback.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from adapters.http.i18n import locale_of
from core.domain.accounts.errors import (
    AccountDisabled,
    EmailNotVerified,
    InvalidActionToken,
    InvalidCredentials,
    InvalidToken,
    LinkedInNotConfigured,
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
from core.ports.file_storage import FileStorageUnavailable

log = logging.getLogger(__name__)

#: What a 503 asks clients to wait: a database restart or a failover takes seconds.
RETRY_AFTER_SECONDS = 5

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
    # Not on this server (an operator's choice, not a fault): a 4xx, no 5xx alert.
    (LinkedInNotConfigured, 404),
)


class ErrorBody(msgspec.Struct, kw_only=True):
    """The body of every error answer."""

    detail: str
    code: str
    errors: dict[str, list[str]] | None = msgspec.field(default=None)


class TokenErrorBody(msgspec.Struct, kw_only=True):
    """The guide's activation-confirm error: ``{"error": ...}`` (``detail`` kept alongside).

    ``error`` is there when the token is at fault; a body that is not even well-formed (no
    ``token``) answers the common shape, with ``errors`` naming the field (not required)."""

    detail: str
    error: str = ""
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
_EXPECTED = re.compile(r"^Expected `([^`]+)`(?:, got `([^`]+)`)?$")
_BOUND = re.compile(r"^Expected `(int|float|str|array|object)`(?: of length)? ([<>]=?) (-?\d+)$")
_KINDS = {
    "en": {
        "int": "a whole number",
        "float": "a number",
        "str": "text",
        "bool": "true or false",
        "array": "a list",
        "object": "an object",
        "null": "null",
        "datetime": "a date and time with a time zone, e.g. 2026-12-01T14:00:00+01:00",
        "date": "a date, e.g. 2026-12-01",
    },
    "fr": {
        "int": "un nombre entier",
        "float": "un nombre",
        "str": "du texte",
        "bool": "true ou false",
        "array": "une liste",
        "object": "un objet",
        "null": "null",
        "datetime": "une date et une heure avec fuseau, p. ex. 2026-12-01T14:00:00+01:00",
        "date": "une date, p. ex. 2026-12-01",
    },
}
#: What a person is told about a body that could not be read, by cause.
_BODY = {
    "missing": {
        "en": "The request body is missing: send a JSON object.",
        "fr": "Le corps de la requête est vide : envoyez un objet JSON.",
    },
    "not_json": {
        "en": "The request body must be JSON, sent with Content-Type: application/json.",
        "fr": "Le corps de la requête doit être du JSON, envoyé avec "
        "Content-Type: application/json.",
    },
    "invalid": {
        "en": "The request body is not valid JSON ({reason}).",
        "fr": "Le corps de la requête n'est pas du JSON valide ({reason}).",
    },
    "truncated": {
        "en": "The request body is not complete JSON: it ends too early.",
        "fr": "Le corps de la requête n'est pas du JSON complet : il s'arrête trop tôt.",
    },
    "too_deep": {
        "en": "The request body nests arrays or objects too deeply.",
        "fr": "Le corps de la requête imbrique trop profondément des listes ou des objets.",
    },
    "not_object": {
        "en": "The request body must be a JSON object ({{...}}), not {kind}.",
        "fr": "Le corps de la requête doit être un objet JSON ({{...}}), pas {kind}.",
    },
    "fields": {"en": "Invalid input: {fields}", "fr": "Saisie invalide : {fields}"},
}
_FIELD = {
    "unknown": {
        "en": "Unknown or read-only field: it cannot be set here.",
        "fr": "Champ inconnu ou en lecture seule : il ne peut pas être défini ici.",
    },
    "required": {"en": "This field is required.", "fr": "Ce champ est obligatoire."},
    "type": {"en": "Must be {expected}, not {got}.", "fr": "Doit être {expected}, pas {got}."},
    "type_only": {"en": "Must be {expected}.", "fr": "Doit être {expected}."},
    "max": {"en": "Must be at most {n}.", "fr": "Doit valoir au plus {n}."},
    "min": {"en": "Must be at least {n}.", "fr": "Doit valoir au moins {n}."},
    "max_length": {
        "en": "Ensure this field has no more than {n} characters.",
        "fr": "Ce champ doit contenir au plus {n} caractères.",
    },
    "min_length": {
        "en": "Ensure this field has at least {n} characters.",
        "fr": "Ce champ doit contenir au moins {n} caractères.",
    },
}


def _say(table: dict[str, dict[str, str]], key: str, locale: str, **values: object) -> str:
    texts = table[key]
    return (texts.get(locale) or texts["en"]).format(**values)


def _kind(name: str, locale: str) -> str:
    kinds = _KINDS.get(locale, _KINDS["en"])
    return kinds.get(name, kinds.get(name.split(" ")[0], name))


def plain(message: str, locale: str = "en") -> str:
    """A decoder's sentence about one value ("Expected `int`, got `str`") as a person reads
    it ("Must be a whole number, not text.")."""
    if match := _BOUND.match(message):
        kind, op, number = match.groups()
        n = int(number) + (1 if op == ">" else -1 if op == "<" else 0)
        if kind in ("str", "array"):
            return _say(_FIELD, "max_length" if op.startswith("<") else "min_length", locale, n=n)
        return _say(_FIELD, "max" if op.startswith("<") else "min", locale, n=n)
    if match := _EXPECTED.match(message):
        expected, got = match.groups()
        if got:
            return _say(
                _FIELD, "type", locale, expected=_kind(expected, locale), got=_kind(got, locale)
            )
        return _say(_FIELD, "type_only", locale, expected=_kind(expected, locale))
    if message.startswith("Invalid RFC3339 encoded datetime"):
        return _say(_FIELD, "type_only", locale, expected=_kind("datetime", locale))
    if message.startswith(("Invalid ISO8601 date", "Invalid RFC3339 encoded date")):
        return _say(_FIELD, "type_only", locale, expected=_kind("date", locale))
    return message


def _field_errors(extra: Any, locale: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    items = extra if isinstance(extra, list) else [extra] if extra else []
    for item in items:
        if not isinstance(item, dict):
            continue
        message = str(item.get("message", "Invalid value."))
        key = str(item.get("key") or "non_field_errors")
        if match := _UNKNOWN_FIELD.search(message):
            key, message = match.group(1), _say(_FIELD, "unknown", locale)
        elif match := _MISSING_FIELD.search(message):
            key, message = match.group(1), _say(_FIELD, "required", locale)
        else:
            if (match := _AT_PATH.search(message)) and key in ("data", "body"):
                key = match.group(1) or key
            message = _AT_PATH.sub("", message)
            whole = _EXPECTED.match(message) if key in ("data", "body") else None
            if whole and whole.group(2):  # the body itself is not an object
                message = _say(_BODY, "not_object", locale, kind=_kind(whole.group(2), locale))
            else:
                message = plain(message, locale)
        if key in ("data", "body"):
            key = "non_field_errors"
        errors.setdefault(key, []).append(message)
    return errors


def _body_problem(
    detail: str, extra: Any, request: Request[Any, Any, Any], locale: str
) -> str | None:
    """The sentence for a body that could not be read at all, or ``None``."""
    items = extra if isinstance(extra, list) else []
    if detail.strip() == "'data'" or any(
        isinstance(i, dict) and i.get("message") == "'data'" for i in items
    ):
        # Litestar's way of saying the body was empty (no value for the ``data`` parameter).
        return _say(_BODY, "missing", locale)
    if detail.startswith(("JSON is malformed", "Input data was truncated")):
        content_type = request.headers.get("content-type", "")
        if "json" not in content_type.lower():
            return _say(_BODY, "not_json", locale)
        if detail.startswith("Input data was truncated"):
            return _say(_BODY, "truncated", locale)
        reason = detail.partition(": ")[2] or detail
        return _say(_BODY, "invalid", locale, reason=reason)
    return None


def http_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    detail = exc.detail or "Request failed."
    body: dict[str, Any] = {"detail": detail, "code": _code_for(status)}
    if status == 400:
        locale = locale_of(request)
        errors = _field_errors(exc.extra, locale)
        if problem := _body_problem(detail, exc.extra, request, locale):
            body["detail"] = problem
        elif list(errors) == ["non_field_errors"]:
            body["detail"] = " ".join(errors["non_field_errors"])
        elif errors:
            fields = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
            body["detail"] = _say(_BODY, "fields", locale, fields=fields)
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


def is_unavailable(exc: BaseException) -> str | None:
    """Which dependency ``exc`` says cannot be reached right now, or ``None``: the database
    (a lost or refused connection, a server shutting down, an exhausted pool, a lock wait),
    Redis, or the file store. Such failures pass; retrying later is the right answer."""
    if isinstance(exc, OperationalError | InterfaceError | PoolTimeout):
        return "database"
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return "database"
    if any(kind.__name__ in _PEP249_UNAVAILABLE for kind in type(exc).__mro__):
        # A driver's own error, not wrapped by SQLAlchemy (the job search's psycopg pool):
        # every DB-API driver names these two classes the same (PEP 249).
        return "database"
    if isinstance(exc, RedisConnectionError | RedisTimeoutError):
        return "redis"
    if isinstance(exc, FileStorageUnavailable):
        return "file storage"
    return None


_PEP249_UNAVAILABLE = frozenset({"OperationalError", "InterfaceError"})
_UNAVAILABLE = {
    "en": "The service is briefly unavailable ({what} cannot be reached). "
    "Please try again in a few seconds.",
    "fr": "Le service est momentanément indisponible ({what} injoignable). "
    "Veuillez réessayer dans quelques secondes.",
}
_WHAT = {
    "fr": {"database": "base de données", "redis": "Redis", "file storage": "stockage"},
}


def unavailable_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    what = is_unavailable(exc)
    if what is None:
        return unexpected_error_handler(request, exc)
    reason = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    # The driver's first line only: SQL errors never carry their parameters (see
    # ``adapters.persistence.database``), and no statement is needed to know the cause.
    first = (str(reason).splitlines() or [""])[0][:200]
    log.warning(
        "%s unavailable on %s %s: %s: %s",
        what.capitalize(),
        request.method,
        request.url.path,
        type(reason).__name__,
        first,
    )
    locale = locale_of(request)
    text = (_UNAVAILABLE.get(locale) or _UNAVAILABLE["en"]).format(
        what=_WHAT.get(locale, {}).get(what, what)
    )
    return _json(
        503,
        {"detail": text, "code": "service_unavailable"},
        {"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def unexpected_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    if isinstance(exc, RecursionError) and "while deserializing" in str(exc):
        # msgspec gives up on a body nested deeper than the interpreter's recursion limit.
        return _json(
            400, {"detail": _say(_BODY, "too_deep", locale_of(request)), "code": "bad_request"}
        )
    if is_unavailable(exc) is not None:
        return unavailable_handler(request, exc)
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
        503: "service_unavailable",
    }.get(status, "error")


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    TooManyRequests: throttled_handler,
    DBAPIError: unavailable_handler,
    PoolTimeout: unavailable_handler,
    RedisConnectionError: unavailable_handler,
    RedisTimeoutError: unavailable_handler,
    FileStorageUnavailable: unavailable_handler,
    Exception: unexpected_error_handler,
}

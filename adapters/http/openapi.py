"""The OpenAPI document as the guide writes the API.

* ``errors(...)``: the error responses documented on an operation, all with the ``ErrorBody``
  schema and a real example of each status's body (never generated random strings).
* ``GuideOpenAPIConfig``: paths written with their trailing slash, as the guide and every
  route decorator write them (Litestar strips it from route paths; requests work either way).
* ``OpenAPIConventions``: what each operation documents, derived from its handler as routes
  are registered, so a new module gets it right by itself: ``security`` only where the handler
  depends on ``CurrentUser`` (bearer token required) or ``MaybeUser`` (optional); no generated
  examples in any ``ResponseSpec``; and the 400 Litestar adds by itself (``status_code``,
  ``extra``: a shape this API never answers) documented as the ``ErrorBody`` it really is.
"""

from __future__ import annotations

import dataclasses
import typing
from http import HTTPStatus
from typing import Any

from litestar.constants import RESERVED_KWARGS
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    Example,
    OpenAPI,
    OpenAPIType,
    Reference,
    RequestBody,
    Schema,
    SecurityRequirement,
)
from litestar.plugins.base import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute

from adapters.http.current_user import CurrentUser, MaybeUser
from adapters.http.errors import ErrorBody

BEARER = "BearerToken"
#: A handler depending on ``CurrentUser`` needs a token; on ``MaybeUser``, takes one if sent.
TOKEN_REQUIRED: list[SecurityRequirement] = [{BEARER: []}]
TOKEN_OPTIONAL: list[SecurityRequirement] = [{}, {BEARER: []}]

_DESCRIPTIONS = {
    400: "Invalid input: `errors` names each field at fault and why.",
    401: "Missing, invalid or expired credentials.",
    402: "The company's plan does not allow this.",
    403: "Authenticated but not allowed.",
    404: "Not found.",
    409: "Conflicts with the current state.",
    413: "Request body too large.",
    429: "Rate limited; retry after the `Retry-After` header's seconds.",
    502: "An upstream provider failed.",
}

#: What the API answers with each status (the messages and codes of ``errors.py``' table).
_EXAMPLES: dict[int, dict[str, Any]] = {
    400: {
        "detail": "page: A valid integer is required.",
        "code": "validation_error",
        "errors": {"page": ["A valid integer is required."]},
    },
    401: {
        "detail": "Authentication credentials were not provided or are invalid.",
        "code": "not_authenticated",
    },
    402: {
        "detail": "Your plan does not allow this. Upgrade your subscription.",
        "code": "payment_required",
    },
    403: {
        "detail": "You do not have permission to perform this action.",
        "code": "permission_denied",
    },
    404: {"detail": "Not found.", "code": "not_found"},
    409: {"detail": "The request conflicts with the current state.", "code": "conflict"},
    413: {"detail": "Request Entity Too Large", "code": "request_too_large"},
    429: {
        "detail": "Request was throttled. Expected available in 42 seconds.",
        "code": "throttled",
    },
    502: {"detail": "LinkedIn sign-in failed. Please try again.", "code": "linkedin_error"},
}


def errors(*statuses: int) -> dict[int, ResponseSpec]:
    return {status: _error(status) for status in statuses}


def _error(status: int) -> ResponseSpec:
    return ResponseSpec(
        data_container=ErrorBody,
        description=_DESCRIPTIONS[status],
        generate_examples=False,
        examples=[
            Example(summary=f"{status} {HTTPStatus(status).phrase}", value=_EXAMPLES[status])
        ],
    )


def guide_path(path: str) -> str:
    """``/accounts/api/v1/auth/token`` → ``/accounts/api/v1/auth/token/``: every route of this
    API is declared with a trailing slash (``tests/integration/test_api_docs.py`` checks)."""
    return path if path.endswith("/") else f"{path}/"


class _GuideOpenAPI(OpenAPI):
    """The OpenAPI document, whose ``paths`` keys keep the trailing slash however set."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "paths" and value:  # set once every operation is built
            value = {guide_path(path): item for path, item in value.items()}
            for item in value.values():
                for method in ("get", "put", "post", "delete", "patch"):
                    operation = getattr(item, method, None)
                    if operation is not None and _body_may_be_null(operation.request_body):
                        operation.request_body.required = False
        super().__setattr__(name, value)


class GuideOpenAPIConfig(OpenAPIConfig):
    def to_openapi_schema(self) -> OpenAPI:
        schema = super().to_openapi_schema()
        return _GuideOpenAPI(
            **{f.name: getattr(schema, f.name) for f in dataclasses.fields(schema) if f.init}
        )


def _body_may_be_null(body: RequestBody | Reference | None) -> typing.TypeGuard[RequestBody]:
    """A handler's ``data: X | None = None`` may be left out: Litestar still marks it
    ``required`` (one of ``X`` or ``null``), which a client would believe."""
    if not isinstance(body, RequestBody) or not body.content:
        return False
    for media in body.content.values():
        schema = media.schema
        options = schema.one_of if isinstance(schema, Schema) else None
        if options and any(isinstance(o, Schema) and o.type == OpenAPIType.NULL for o in options):
            return True
    return False


class OpenAPIConventions(ReceiveRoutePlugin):
    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if not handler.resolve_include_in_schema():
                continue
            if handler.security is None:
                handler.security = security_for(handler)
            handler.responses = _documented_responses(handler, route)


def security_for(handler: HTTPRouteHandler) -> list[SecurityRequirement] | None:
    """``TOKEN_REQUIRED`` if the handler takes a ``CurrentUser``, ``TOKEN_OPTIONAL`` if a
    ``MaybeUser``, else none (and no global requirement applies: the config sets none).

    Only the handler's own parameters count: a handler that authenticates some other way
    declares ``security=`` in its decorator, which this leaves alone."""
    needs = {_unannotated(hint) for hint in _type_hints(handler).values()}
    if CurrentUser in needs:
        return TOKEN_REQUIRED
    if MaybeUser in needs:
        return TOKEN_OPTIONAL
    return None


def _type_hints(handler: HTTPRouteHandler) -> dict[str, Any]:
    # dishka's ``inject`` hides ``FromDishka[...]`` parameters from Litestar; the function it
    # wraps still declares them.
    fn = getattr(handler.fn, "__dishka_orig_func__", handler.fn)
    return typing.get_type_hints(fn, include_extras=True)


def _unannotated(hint: Any) -> Any:
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def _documented_responses(handler: HTTPRouteHandler, route: HTTPRoute) -> dict[int, ResponseSpec]:
    # Generated examples are random strings ("detail": "DwEkQQHiBrmXZcSFtoJx"): none, ever.
    responses = {
        status: dataclasses.replace(spec, generate_examples=False)
        for status, spec in (handler.responses or {}).items()
    }
    if 400 not in responses and _takes_input(handler, route):
        responses[400] = _error(400)
    return responses


def _takes_input(handler: HTTPRouteHandler, route: HTTPRoute) -> bool:
    """When Litestar documents a 400 of its own: a body, path, query, header or cookie
    parameter (``litestar._openapi.path_item``, ``raises_validation_error``)."""
    names = set(handler.parsed_fn_signature.parameters) - {"self"}
    return bool(route.path_parameters) or any(
        name == "data" or name not in RESERVED_KWARGS for name in names
    )

"""JSON bodies are read strictly: ``0`` is not ``false``, ``"30"`` is not ``30``.

Litestar converts a handler's arguments in msgspec's lax mode (right for query strings and
forms, whose values are all text), so a JSON body with ``"force": 0`` or ``"duration_minutes":
"30"`` was accepted although the OpenAPI document says ``boolean`` / ``integer`` (found by the
schema fuzzing). This ``before_request`` hook decodes the body once more, strictly, against the
handler's ``data`` type, and refuses what the lax conversion would have bent, with the same
400 (``errors`` naming the field) as any other invalid body. A body that is not JSON at all, or
missing, is left to Litestar's own answers.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ValidationException

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def refuse_lax_json(request: Request[Any, Any, Any]) -> None:
    """A ``before_request`` hook for every route."""
    if request.method not in _WRITES:
        return
    if "json" not in request.headers.get("content-type", "").lower():
        return
    field = request.route_handler.parsed_fn_signature.parameters.get("data")
    if field is None:
        return
    body = await request.body()
    if not body.strip():
        return
    try:
        msgspec.json.decode(body, type=field.annotation, strict=True)
    except msgspec.ValidationError as exc:
        raise ValidationException(
            detail="Validation failed", extra=[{"message": str(exc), "key": "data"}]
        ) from None
    except (msgspec.DecodeError, RecursionError, TypeError):
        return  # not JSON, too deep or a type msgspec cannot read alone: Litestar answers

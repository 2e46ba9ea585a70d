"""Numbers at the edge: a path id past 64 bits names nothing (404) and never reaches a driver
(SQLite raises OverflowError on it, PostgreSQL an out-of-range error)."""

from __future__ import annotations

from typing import Any

from litestar import Request

from core.domain.errors import NotFound
from core.domain.numbers import fits_int64


async def refuse_ids_out_of_range(request: Request[Any, Any, Any]) -> None:
    """A ``before_request`` hook for every route."""
    for value in request.path_params.values():
        if isinstance(value, int) and not fits_int64(value):
            raise NotFound("Not found.")

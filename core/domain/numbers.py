"""Bounded integers for what clients send: ids and amounts fit the database's 64-bit integers
(a larger number names nothing and is refused at decoding, with the field named)."""

from __future__ import annotations

from typing import Annotated

import msgspec

from core.domain.schema import documented

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

#: Any whole number a 64-bit column holds.
Int64 = Annotated[int, msgspec.Meta(ge=INT64_MIN, le=INT64_MAX)]
#: The id of something stored (ids start at 1).
Id = Annotated[int, msgspec.Meta(ge=1, le=INT64_MAX)]


#: The largest yearly salary anyone may state (a job's range, a candidate's expectation).
MAX_SALARY = 100_000_000
#: A salary as a request states it: any int64 decodes (the rules refuse what is out of range,
#: naming the field); the schema documents the range.
Salary = Annotated[Int64, documented(minimum=0, maximum=MAX_SALARY)]


def fits_int64(value: int) -> bool:
    return INT64_MIN <= value <= INT64_MAX

"""How a rule the domain enforces is shown in the OpenAPI schema of a request body.

The rules (``job_problems``, ``password_problems``, ...) enforce every limit and name the
broken field in their own words, with every problem of a body at once; decoding does not
enforce them, so that a too-long title gets the domain's sentence rather than a decoder's.
``documented(...)`` puts the same limit in the field's schema, read from the same constant.
"""

from __future__ import annotations

import msgspec


def documented(**schema: object) -> msgspec.Meta:
    """JSON Schema keywords (``minLength=8``, ``maximum=70``) shown for a field without
    being enforced at decoding. (Litestar puts a Meta's ``extra_json_schema["extra"]`` into the
    field's schema; it also leaves out a numeric bound of 0, which this says again.)"""
    return msgspec.Meta(extra_json_schema={"extra": schema})

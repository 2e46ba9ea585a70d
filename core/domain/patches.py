"""Partial changes ("patches"): typed Structs whose fields default to ``msgspec.UNSET`` for
"not sent", so that "set to null" and "leave alone" stay different."""

from __future__ import annotations

from typing import Any

import msgspec


def sent(patch: msgspec.Struct) -> dict[str, Any]:
    """The fields of ``patch`` that were given, by name (``UNSET`` ones left out)."""
    return {
        name: value
        for name in patch.__struct_fields__
        if (value := getattr(patch, name)) is not msgspec.UNSET
    }

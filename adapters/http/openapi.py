"""Error responses documented on each operation, all with the same ``ErrorBody`` schema."""

from __future__ import annotations

from litestar.openapi.datastructures import ResponseSpec

from adapters.http.errors import ErrorBody

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


def errors(*statuses: int) -> dict[int, ResponseSpec]:
    return {
        status: ResponseSpec(data_container=ErrorBody, description=_DESCRIPTIONS[status])
        for status in statuses
    }

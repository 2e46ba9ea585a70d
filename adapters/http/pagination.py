"""``page``/``limit`` as the guide uses them, with absolute ``next``/``previous`` links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request

from core.domain.errors import ValidationFailed
from core.domain.jobs.views import MAX_PAGE_SIZE, Page

DEFAULT_PAGE_SIZE = 20


def _positive(name: str, raw: str | None, default: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationFailed.single(name, "A valid integer is required.") from None
    if value < 1:
        raise ValidationFailed.single(name, "Ensure this value is greater than or equal to 1.")
    return value


def page_of(request: Request[Any, Any, Any]) -> Page:
    number = _positive("page", request.query_params.get("page"), 1)
    size = _positive("limit", request.query_params.get("limit"), DEFAULT_PAGE_SIZE)
    if number > 100_000:
        raise ValidationFailed.single("page", "Page number too large.")
    return Page(number=number, size=min(size, MAX_PAGE_SIZE))


def links(
    request: Request[Any, Any, Any], page: Page, count: int, *, has_more: bool | None = None
) -> tuple[str | None, str | None]:
    """``has_more`` (whether a later page exists) when the lister knows it better than
    ``count`` can say, e.g. when ``count`` is an estimate."""
    base = str(request.base_url).rstrip("/") + request.url.path
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "limit")]

    def url(number: int) -> str:
        query = urlencode([*params, ("page", str(number)), ("limit", str(page.size))])
        return f"{base}?{query}"

    if has_more is None:
        has_more = page.number * page.size < count
    next_url = url(page.number + 1) if has_more else None
    previous = url(page.number - 1) if page.number > 1 and count else None
    return next_url, previous

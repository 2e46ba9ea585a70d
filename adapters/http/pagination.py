"""``page``/``limit`` as the guide uses them, and the one paginated envelope every list
answers with: ``count``, ``next``, ``previous`` (absolute links), ``results``; a list with
more to say subclasses it (``unread_count``, ``count_exact``)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

import msgspec
from litestar import Request

from core.domain.errors import ValidationFailed
from core.domain.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Listing, Page

T = TypeVar("T")
MAX_PAGE_NUMBER = 100_000


class Paginated(msgspec.Struct, Generic[T], kw_only=True):
    count: int
    next: str | None
    previous: str | None
    results: list[T]


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


def page_of(request: Request[Any, Any, Any], default_size: int = DEFAULT_PAGE_SIZE) -> Page:
    number = _positive("page", request.query_params.get("page"), 1)
    size = _positive("limit", request.query_params.get("limit"), default_size)
    if number > MAX_PAGE_NUMBER:
        raise ValidationFailed.single("page", "Page number too large.")
    return Page(number=number, size=min(size, MAX_PAGE_SIZE))


def links(
    request: Request[Any, Any, Any], page: Page, listing: Listing[Any]
) -> tuple[str | None, str | None]:
    """Absolute ``next`` and ``previous`` links, keeping every other query parameter and the
    path as the client wrote it: Litestar hands the handler the path without its trailing
    slash (``/jobs/api/v1/jobs``), the raw path still has it (``/jobs/api/v1/jobs/``)."""
    path = request.url.path
    raw_path = request.scope.get("raw_path")
    sent_slash = raw_path.split(b"?", 1)[0].endswith(b"/") if raw_path else True
    if sent_slash and not path.endswith("/"):
        path += "/"
    base = str(request.base_url).rstrip("/") + path
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "limit")]

    def url(number: int) -> str:
        query = urlencode([*params, ("page", str(number)), ("limit", str(page.size))])
        return f"{base}?{query}"

    next_url = url(page.number + 1) if listing.more_after(page) else None
    previous = url(page.number - 1) if page.number > 1 and listing.count else None
    return next_url, previous


def paginate(request: Request[Any, Any, Any], page: Page, listing: Listing[T]) -> Paginated[T]:
    next_url, previous = links(request, page, listing)
    return Paginated(count=listing.count, next=next_url, previous=previous, results=listing.items)


def paginate_all(request: Request[Any, Any, Any], items: list[T]) -> Paginated[T]:
    """The same envelope over a list its use case answers whole: lists bounded by what owns
    them (an application's history and interviews, a profile's entries, a team's invitations,
    the reference data), which gain nothing from paging in the database."""
    page = page_of(request)
    listing = Listing(count=len(items), items=items[page.offset : page.offset + page.size])
    return paginate(request, page, listing)

"""Pages of lists: what a list use case is asked for (``Page``) and what it answers
(``Listing``). Every list of the API is paginated the same way."""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class Page(msgspec.Struct, frozen=True, kw_only=True):
    number: int = 1
    size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


class Listing(msgspec.Struct, Generic[T], frozen=True, kw_only=True):
    """One page of a list and the size of the whole list.

    ``count`` is exact when ``count_exact`` (an adapter may estimate it where counting every
    match would cost time proportional to the whole table, see the job search); ``has_more``
    says whether a later page exists when the lister knows it better than ``count`` can."""

    count: int
    items: list[T]
    has_more: bool | None = None
    count_exact: bool = True

    def more_after(self, page: Page) -> bool:
        if self.has_more is not None:
            return self.has_more
        return page.number * page.size < self.count

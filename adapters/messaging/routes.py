"""Which handlers react to which message: the routing table the outbox fans messages out by.

Each module registers its reactions (``Route``s) in the composition root. When a message is
enqueued, the outbox writes one row per route of its type, so that every (message, handler)
pair is delivered, retried and completed on its own: a failing handler neither stops nor
repeats the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from core.domain.messages import Message

#: ``default`` carries what users wait for (e-mails, notifications); ``long`` carries work
#: that may take seconds (matching recalculations), so that it never delays the rest.
Lane = Literal["default", "long"]
LANES: tuple[Lane, ...] = ("default", "long")


class Dispatch(NamedTuple):
    """An outbox row to hand to the broker, on the lane its handler runs in."""

    task_id: str
    lane: Lane


@dataclass(frozen=True, slots=True)
class Route:
    #: Stable name stored with each outbox row (renaming it strands rows of the old name).
    key: str
    message: type[Message]
    #: Resolved from the container per delivery: a class whose ``__call__(message, key)``.
    handler: type[Any]
    lane: Lane = "default"


class NoRoute(LookupError):
    """A message type nobody handles, or an outbox row naming an unknown handler."""


class Routes:
    def __init__(self, routes: Iterable[Route]) -> None:
        self._by_key: dict[str, Route] = {}
        self._by_message: dict[type[Message], list[Route]] = {}
        for route in routes:
            if route.key in self._by_key:
                raise ValueError(f"Two handlers are registered as {route.key!r}")
            self._by_key[route.key] = route
            self._by_message.setdefault(route.message, []).append(route)

    def for_message(self, message: Message) -> Sequence[Route]:
        routes = self._by_message.get(type(message))
        if not routes:
            raise NoRoute(f"No handler reacts to {type(message).__name__}")
        return routes

    def by_key(self, key: str) -> Route:
        try:
            return self._by_key[key]
        except KeyError:
            raise NoRoute(f"No handler is registered as {key!r}") from None

    @property
    def message_types(self) -> set[type[Message]]:
        return set(self._by_message)

    def __iter__(self) -> Any:
        return iter(self._by_key.values())

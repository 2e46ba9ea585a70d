from __future__ import annotations

from typing import Protocol

from core.domain.matching.geo import Located


class Gazetteer(Protocol):
    """Resolves a place as people write it ("Lyon", "Paris, France", "Abidjan, Côte d'Ivoire",
    "Sénégal") to coordinates and a canonical country. Must be local and fast: it is called
    for every profile and job when matching features are built."""

    def locate(self, place: str) -> Located: ...

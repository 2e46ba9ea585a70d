"""Places for the location sub-score: what a gazetteer says about a place, and how far apart
two places are, in arithmetic a vectorised scorer reproduces bit for bit.

A place is kept as a unit vector on the sphere (computed once, with trigonometry, when the
features are built). Comparing two places is then only ``dx*dx + dy*dy + dz*dz`` — the squared
chord — against thresholds precomputed from kilometres, so Python and numpy, doing the same
additions and multiplications in the same order, agree on every band.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Located:
    """What a gazetteer knows of a written place: its coordinates when it names a known
    city, its country's canonical name ("" when unknown), and a key of its region (first-level
    administrative division, e.g. "FR-84"; "" when unknown)."""

    point: Point | None
    country: str
    region: str = ""


def unit_vector(latitude: float, longitude: float) -> Point:
    lat = math.radians(latitude)
    lon = math.radians(longitude)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def chord2(a: Point, b: Point) -> float:
    """Squared chord between two unit vectors (monotone in great-circle distance)."""
    dx = a[0] - b[0]
    dy = a[1] - b[1]
    dz = a[2] - b[2]
    return dx * dx + dy * dy + dz * dz


def chord2_for_km(km: float) -> float:
    half_angle = km / EARTH_RADIUS_KM / 2.0
    chord = 2.0 * math.sin(half_angle)
    return chord * chord


def distance_km(a: Point, b: Point) -> float:
    chord = math.sqrt(chord2(a, b))
    return 2.0 * EARTH_RADIUS_KM * math.asin(min(1.0, chord / 2.0))


#: (up to this far, score): a place under another name a few km away is as good as the same
#: city; a commute of an hour still counts; beyond 120 km only the country rule is left.
PROXIMITY_BANDS_KM: tuple[tuple[float, float], ...] = (
    (10.0, 95.0),
    (30.0, 85.0),
    (60.0, 75.0),
    (120.0, 65.0),
)
PROXIMITY_BANDS: tuple[tuple[float, float], ...] = tuple(
    (chord2_for_km(km), score) for km, score in PROXIMITY_BANDS_KM
)


def nearest_chord2(points: tuple[Point, ...], target: Point | None) -> float | None:
    if target is None or not points:
        return None
    return min(chord2(p, target) for p in points)


def proximity_score(c2: float | None) -> float:
    """0 when unknown or farther than every band."""
    if c2 is None:
        return 0.0
    for limit, score in PROXIMITY_BANDS:
        if c2 <= limit:
            return score
    return 0.0

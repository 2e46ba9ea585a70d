"""Matching's domain rules the mutation run found unguarded: places at the edge of the float
arithmetic, and the stop-word list as it is read."""

from __future__ import annotations

import math

import pytest

from core.domain.matching.geo import EARTH_RADIUS_KM, chord2, distance_km, unit_vector


@pytest.mark.parametrize(("lat", "lon"), [(-31.9, 31.9), (-26.3, -111.1), (-31.9, -160.5)])
def test_antipodes_whose_chord_rounds_past_the_diameter_are_half_a_world_apart(
    lat: float, lon: float
) -> None:
    here = unit_vector(lat, lon)
    there = unit_vector(-lat, lon + 180.0 if lon <= 0 else lon - 180.0)
    assert math.sqrt(chord2(here, there)) > 2.0  # rounding: a hair longer than the diameter
    assert distance_km(here, there) == pytest.approx(math.pi * EARTH_RADIUS_KM)

"""Distances and bearings computed from coordinates."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pokrovsk_cli.answers.geo import (
    compass_point,
    distances_from,
    haversine_km,
    initial_bearing,
    located,
)


def test_pokrovsk_to_kramatorsk_is_about_59_km(bundled):
    # The known pair: about 59 km straight-line; our coordinates must agree within 3 km.
    pokrovsk, kramatorsk = bundled.places["pokrovsk"], bundled.places["kramatorsk"]
    km = haversine_km(pokrovsk.lat, pokrovsk.lon, kramatorsk.lat, kramatorsk.lon)
    assert km == pytest.approx(59, abs=3)


def test_one_degree_of_latitude_is_about_111_km():
    assert haversine_km(48.0, 37.0, 49.0, 37.0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(48.0, 37.0, 48.0, 37.0) == 0


def test_distance_is_symmetric():
    there = haversine_km(48.28, 37.18, 48.74, 37.58)
    assert haversine_km(48.74, 37.58, 48.28, 37.18) == pytest.approx(there)


@pytest.mark.parametrize(
    ("to", "bearing"),
    [((49.0, 37.0), 0), ((48.0, 38.0), 90), ((47.0, 37.0), 180), ((48.0, 36.0), 270)],
)
def test_initial_bearing_points(to, bearing):
    # Due east along a parallel starts a touch north of 90 on a sphere: allow a degree.
    assert initial_bearing(48.0, 37.0, *to) == pytest.approx(bearing, abs=1)


@pytest.mark.parametrize(
    ("bearing", "short", "words"),
    [
        (0, "N", "north"),
        (359, "N", "north"),
        (30, "NNE", "north-north-east"),
        (110, "ESE", "east-south-east"),
        (225, "SW", "south-west"),
        (290, "WNW", "west-north-west"),
    ],
)
def test_compass_point(bearing, short, words):
    assert compass_point(bearing) == short
    assert compass_point(bearing, words=True) == words


def test_distances_from_puts_the_home_place_first_then_nearest(bundled):
    rows = distances_from(bundled.places["pokrovsk"], bundled.places.values())
    assert rows[0].place.id == "pokrovsk" and rows[0].km is None and rows[0].compass is None
    located = [row for row in rows[1:] if row.km is not None]
    assert [row.km for row in located] == sorted(row.km for row in located)
    assert len(rows) == len(bundled.places)
    # Then the places with no verified coordinates: no distance, no bearing.
    rest = rows[1 + len(located) :]
    assert rest and all(row.place.lat is None and row.bearing is None for row in rest)
    kramatorsk = next(row for row in rows if row.place.id == "kramatorsk")
    assert kramatorsk.compass == "NNE"


def test_distances_without_a_home_place_are_empty(small):
    rows = distances_from(None, small.places.values())
    assert all(row.km is None and row.bearing is None for row in rows)


# --- hand-computed values and a second, independent formula ---------------------------------
# Expected values below come from geometry, not from geo.py: a quarter of a great circle is
# pi/2 * R; one degree along the equator is R * pi / 180; and the vector formulas below (unit
# vectors, the chord between them, the local north and east at the start) are a different
# derivation from the haversine and atan2 ones geo.py uses.

R = 6371.0088


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def _chord_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a, b = _unit(lat1, lon1), _unit(lat2, lon2)
    chord = math.dist(a, b)
    return 2 * R * math.asin(chord / 2)


def _vector_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi, lam = math.radians(lat1), math.radians(lon1)
    north = (-math.sin(phi) * math.cos(lam), -math.sin(phi) * math.sin(lam), math.cos(phi))
    east = (-math.sin(lam), math.cos(lam), 0.0)
    target = _unit(lat2, lon2)
    return math.degrees(
        math.atan2(sum(t * e for t, e in zip(target, east, strict=True)),
                   sum(t * n for t, n in zip(target, north, strict=True)))
    ) % 360  # fmt: skip


@pytest.mark.parametrize(
    ("ends", "km"),
    [
        ((0, 0, 0, 90), math.pi / 2 * R),  # a quarter of the equator: 10,007.5 km
        ((0, 0, 90, 0), math.pi / 2 * R),  # equator to pole
        ((0, 10, 0, 11), R * math.pi / 180),  # one degree along the equator: 111.195 km
        ((10, 20, -10, -160), math.pi * R),  # antipodes: half the circle, 20,015 km
        ((48.0, 37.0, 48.0, 37.0), 0.0),
    ],
)
def test_distances_known_by_hand(ends, km):
    # rel 1e-8: near the antipode asin's argument is ~1 and loses a few digits (0.2 m here).
    assert haversine_km(*ends) == pytest.approx(km, rel=1e-8, abs=1e-9)


@pytest.mark.parametrize(
    ("ends", "bearing"),
    [
        ((0, 0, 0, 90), 90.0),  # along the equator: due east, exactly
        ((0, 0, 0, -90), 270.0),
        ((0, 0, -10, 0), 180.0),
        ((48.0, 37.0, 90.0, 0.0), 0.0),  # to the pole: due north (0, never 360) from anywhere
        ((0, 0, 45, 90), 45.0),  # a quarter-turn east and half-way up: north-east at the start
    ],
)
def test_bearings_known_by_hand(ends, bearing):
    assert initial_bearing(*ends) == pytest.approx(bearing, abs=1e-9)


_lat = st.floats(-89, 89, allow_nan=False)
_lon = st.floats(-179, 179, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(_lat, _lon, _lat, _lon)
def test_haversine_agrees_with_the_chord_formula(lat1, lon1, lat2, lon2):
    assert haversine_km(lat1, lon1, lat2, lon2) == pytest.approx(
        _chord_km(lat1, lon1, lat2, lon2), rel=1e-9, abs=1e-6
    )


@settings(max_examples=300, deadline=None)
@given(_lat, _lon, _lat, _lon)
def test_bearing_agrees_with_the_vector_formula(lat1, lon1, lat2, lon2):
    assume(_chord_km(lat1, lon1, lat2, lon2) > 1)  # a bearing to (nearly) oneself means nothing
    assume(_chord_km(lat1, lon1, -lat2, lon2 + 180) > 1)  # nor one to the antipode
    ours, theirs = initial_bearing(lat1, lon1, lat2, lon2), _vector_bearing(lat1, lon1, lat2, lon2)
    assert min(abs(ours - theirs), 360 - abs(ours - theirs)) < 1e-6


def test_kramatorsk_from_pokrovsk_by_the_second_formula(bundled):
    # Coordinates from the bundled data, both answers from the vector formulas above.
    p, k = bundled.places["pokrovsk"], bundled.places["kramatorsk"]
    assert haversine_km(p.lat, p.lon, k.lat, k.lon) == pytest.approx(
        _chord_km(p.lat, p.lon, k.lat, k.lon), rel=1e-9
    )
    assert initial_bearing(p.lat, p.lon, k.lat, k.lon) == pytest.approx(
        _vector_bearing(p.lat, p.lon, k.lat, k.lon), abs=1e-6
    )


SIXTEEN = "N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW".split()


@pytest.mark.parametrize(("index", "point"), list(enumerate(SIXTEEN)))
def test_every_compass_point_and_its_sector(index, point):
    centre = index * 22.5
    for bearing in (centre, (centre - 11) % 360, (centre + 11) % 360):
        assert compass_point(bearing) == point, bearing
    assert compass_point((centre + 12) % 360) == SIXTEEN[(index + 1) % 16]


@pytest.mark.parametrize(
    ("bearing", "words"),
    [(67.5, "east-north-east"), (90, "east"), (157.5, "south-south-east"), (180, "south"),
     (270, "west"), (337.5, "north-north-west")],
)  # fmt: skip
def test_compass_point_words(bearing, words):
    assert compass_point(bearing, words=True) == words


def test_antipodes_are_half_a_great_circle_apart():
    # Here the haversine sum rounds to 1.0000000000000002 (at 45° it stays 1.0). Its square
    # root rounds back to 1.0, so asin holds; geo.py's clamp to 1 is a defence besides.
    assert haversine_km(-87.5, 0.0, 87.5, 180.0) == pytest.approx(math.pi * R, rel=1e-9)


def test_a_place_needs_both_coordinates():
    from pokrovsk_cli.data.model import Place

    half = Place("half", "Half", (), "village", "Donetsk", "Ukraine", 48.0, None, ())
    assert not located(half)
    assert not located(replace(half, lat=None, lon=37.0))
    assert located(replace(half, lon=37.0))


def test_a_place_on_the_home_place_comes_right_after_it(small):
    # Same coordinates: 0.0 km away, but located, so before the places with no coordinates,
    # and the home place itself first even though "aaa" sorts before "pokrovsk".
    home = small.places["pokrovsk"]
    twin = replace(home, id="aaa", name="Twin")
    # 0.005 degrees of latitude north: 0.556 km (R * pi / 180 * 0.005), under a kilometre.
    near = replace(home, id="near", name="Near", lat=home.lat + 0.005)
    nowhere = replace(home, id="nowhere", name="Nowhere", lat=None, lon=None)
    rows = distances_from(home, [nowhere, near, twin, home])
    assert [row.place.id for row in rows] == ["pokrovsk", "aaa", "near", "nowhere"]
    assert [row.km for row in rows[:2]] == [None, 0.0]
    assert rows[2].km == pytest.approx(R * math.pi / 180 * 0.005, rel=1e-9)

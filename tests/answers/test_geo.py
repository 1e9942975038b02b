"""Distances and bearings computed from coordinates."""

from __future__ import annotations

import pytest

from pokrovsk_cli.answers.geo import compass_point, distances_from, haversine_km, initial_bearing


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

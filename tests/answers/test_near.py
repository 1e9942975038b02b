"""--near PLACE --within KM: a box that never misses a place in range, then the distance."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pokrovsk_cli.answers.geo import EARTH_RADIUS_KM, haversine_km
from pokrovsk_cli.answers.near import box_around, check_within, places_within
from pokrovsk_cli.data.model import Place
from pokrovsk_cli.errors import UsageError


def place(ident: str, lat: float | None, lon: float | None) -> Place:
    return Place(ident, ident.title(), (), "town", None, "Ukraine", lat, lon, ("src",), None)


def destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point km away from (lat, lon) along a great circle starting at bearing."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180


LATITUDES = st.floats(-89.0, 89.0)
LONGITUDES = st.floats(-179.9, 179.9)


@settings(max_examples=500, deadline=None)
@given(LATITUDES, LONGITUDES, st.floats(0, 3000), st.floats(0, 360), st.floats(0, 1))
def test_the_box_holds_every_point_within_the_distance(lat, lon, km, bearing, share):
    south, north, west, east = box_around(place("o", lat, lon), km)
    point_lat, point_lon = destination(lat, lon, bearing, km * share * 0.999)
    assert south <= point_lat <= north
    assert west <= point_lon <= east


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(LATITUDES, LONGITUDES), min_size=1, max_size=40),
    st.floats(0, 2500),
)
def test_the_places_in_range_are_those_a_full_measure_finds(points, km):
    places = {f"p{i}": place(f"p{i}", lat, lon) for i, (lat, lon) in enumerate(points)}
    places["none"] = place("none", None, None)
    origin = places["p0"]
    found = places_within(origin, km, places)
    assert origin.id in found
    expected = {
        p.id
        for p in places.values()
        if p.lat is not None and haversine_km(origin.lat, origin.lon, p.lat, p.lon) <= km
    }
    assert set(found) == expected
    distances = [haversine_km(origin.lat, origin.lon, places[i].lat, places[i].lon) for i in found]
    assert distances == sorted(distances)  # nearest first


def test_the_boxed_lookup_is_only_a_first_cut():
    places = {"a": place("a", 48.28, 37.18), "b": place("b", 48.30, 37.26), "c": place("c", 49, 38)}
    asked = []

    def boxed(south, north, west, east):
        asked.append((south, north, west, east))
        return list(places)  # more than the box: the distance still decides

    assert places_within(places["a"], 10, places, boxed) == ("a", "b")
    (box,) = asked
    assert box[0] < 48.28 < box[1] and box[2] < 37.18 < box[3]


@pytest.mark.parametrize("km", [-1.0, -0.0001, math.nan, math.inf])
def test_a_distance_that_is_not_one_is_a_usage_error(km):
    with pytest.raises(UsageError, match="--within must be a distance of 0 km or more"):
        check_within(km)


def test_a_place_without_coordinates_cannot_be_measured_from():
    nowhere = place("nowhere", None, None)
    with pytest.raises(UsageError, match="Nowhere has no coordinates"):
        places_within(nowhere, 5, {"nowhere": nowhere})


# --- through the command line ----------------------------------------------------------------


def pokrovsk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "pokrovsk_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--within", "-3"), "'-3' is not a distance: give a number of km, 0 or more (e.g. 15)"),
        (("--within", "ten"), "'ten' is not a distance: give a number of km, 0 or more (e.g. 15)"),
        (("--within", "nan"), "'nan' is not a distance: give a number of km, 0 or more (e.g. 15)"),
    ],
)
def test_a_bad_distance_exits_2_naming_the_option(args, said):
    result = pokrovsk("timeline", "--near", "pokrovsk", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"pokrovsk: error: Invalid value for '--within': {said}"


def test_within_without_near_exits_2():
    result = pokrovsk("timeline", "--within", "5")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "pokrovsk: error: --within needs --near PLACE",
        "hint: e.g. --near pokrovsk --within 15",
    ]


def test_the_store_and_the_in_memory_filter_agree(tmp_path):
    args = ("timeline", "--near", "Krasnoarmeysk", "--within", "12", "-f", "csv")
    cached = {"POKROVSK_CACHE_DIR": str(tmp_path / "cache")}
    cold, warm = pokrovsk(*args, env=cached), pokrovsk(*args, env=cached)
    plain = pokrovsk(*args, env={"POKROVSK_NO_CACHE": "1"})
    assert cold.returncode == warm.returncode == plain.returncode == 0
    assert cold.stdout == warm.stdout == plain.stdout
    assert list((tmp_path / "cache").glob("*.sqlite"))
    import csv

    # `places` measures from Pokrovsk: the places within 12 km of it, by its own figures.
    measured = csv.DictReader(pokrovsk("places", "-f", "csv").stdout.splitlines())
    close = {
        p["id"]
        for p in measured
        if p["id"] == "pokrovsk" or (p["distance_km"] and float(p["distance_km"]) <= 12)
    }
    assert {"pokrovsk", "myrnohrad"} <= close and "kramatorsk" not in close
    every = csv.DictReader(pokrovsk("timeline", "-f", "csv").stdout.splitlines())
    expected = [row["id"] for row in every if set(row["places"].split(";")) & close]
    assert [row["id"] for row in csv.DictReader(warm.stdout.splitlines())] == expected


def test_zero_km_keeps_the_events_at_the_place_itself():
    result = pokrovsk("timeline", "--near", "avdiivka", "--within", "0", "-f", "csv")
    import csv

    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert rows and all("avdiivka" in row["places"].split(";") for row in rows)

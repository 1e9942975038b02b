"""Straight-line distances and compass bearings between places, computed from coordinates."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from pokrovsk_cli.answers.asked import HOME_PLACE as HOME_PLACE  # where `places` measures from
from pokrovsk_cli.data.model import Place

# IUGG mean Earth radius. The haversine formula on a sphere is within about 0.5% of the
# ellipsoidal (geodesic) distance, far finer than city-centre coordinates are.
EARTH_RADIUS_KM = 6371.0088

COMPASS_POINTS = (
    "N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW".split(),
    (
        "north, north-north-east, north-east, east-north-east, east, east-south-east, south-east,"
        " south-south-east, south, south-south-west, south-west, west-south-west, west,"
        " west-north-west, north-west, north-north-west"
    ).split(", "),
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in decimal degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlambda = math.radians(lon2 - lon1)
    x = math.sin(dlambda) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlambda)
    bearing = math.degrees(math.atan2(x, y)) % 360
    return 0.0 if bearing == 360 else bearing  # a hair west of north: -1e-15 % 360 is 360.0


def compass_point(bearing: float, *, words: bool = False) -> str:
    """The nearest of the 16 compass points: 'NNE', or 'north-north-east' with words=True."""
    index = round(bearing / 22.5) % 16
    return COMPASS_POINTS[1 if words else 0][index]


@dataclass(frozen=True, slots=True)
class PlaceDistance:
    """Where a place lies from the home place; None for the home place itself."""

    place: Place
    km: float | None
    bearing: float | None

    @property
    def compass(self) -> str | None:
        return None if self.bearing is None else compass_point(self.bearing)


def distances_from(origin: Place | None, places: Iterable[Place]) -> list[PlaceDistance]:
    """Every place with its distance and bearing from `origin`: the origin first, then nearest
    first, then the places whose coordinates are not known."""
    rows = [measure(origin, place) for place in places]

    def order(row: PlaceDistance) -> tuple[int, float, str]:
        located_row = row.km is not None  # a place 0.0 km away is still located
        rank = 0 if origin is not None and row.place.id == origin.id else 1 if located_row else 2
        return (rank, row.km or 0.0, row.place.id)

    return sorted(rows, key=order)


def measure(origin: Place | None, place: Place) -> PlaceDistance:
    """How far and which way `place` lies from `origin`; None for both when either has no
    coordinates or they are the same place."""
    if origin is None or place.id == origin.id or not located(origin) or not located(place):
        return PlaceDistance(place, None, None)
    ends = (origin.lat, origin.lon, place.lat, place.lon)
    return PlaceDistance(place, haversine_km(*ends), initial_bearing(*ends))  # type: ignore[arg-type]


def located(place: Place) -> bool:
    """Whether a place has coordinates (some are named without verifiable ones)."""
    return place.lat is not None and place.lon is not None

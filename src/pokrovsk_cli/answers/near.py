"""`--near PLACE --within KM`: the places within a distance of one place, found through a box.

A box of latitude and longitude that holds the circle is looked up first (in the store's
R*Tree when there is one, else by comparing each place's coordinates with it), then the
haversine distance decides. Events are then kept when any of their places is in range, through
the store's index of events by place: no event is looked at to decide.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

from pokrovsk_cli.answers.geo import EARTH_RADIUS_KM, haversine_km
from pokrovsk_cli.data.model import Dataset, Place
from pokrovsk_cli.errors import UsageError

DEFAULT_WITHIN_KM = 10.0
# Half the Earth's circumference: every place is within it.
LARGEST_KM = math.pi * EARTH_RADIUS_KM
_SLACK = 1e-7  # degrees (about a centimetre) for rounding: the distance decides in the end
Boxed = Callable[[float, float, float, float], Iterable[str]]  # south, north, west, east -> ids


def check_within(km: float) -> float:
    """A --within value: a finite distance of zero or more kilometres."""
    if not math.isfinite(km) or km < 0:
        raise UsageError(
            f"--within must be a distance of 0 km or more, not {km}", "e.g. --within 15"
        )
    return km


def box_around(place: Place, km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) in degrees: a box that holds every point within km."""
    assert place.lat is not None and place.lon is not None
    degrees = math.degrees(km / EARTH_RADIUS_KM) + _SLACK
    south, north = place.lat - degrees, place.lat + degrees
    if south <= -90 or north >= 90 or km >= LARGEST_KM / 2:
        return -90.0, 90.0, -180.0, 180.0  # a pole or half the globe: every longitude
    # The widest longitude span of the circle lies at the latitude nearest a pole.
    widest = max(abs(south), abs(north))
    spread = min(180.0, degrees / math.cos(math.radians(widest)) + _SLACK)
    west, east = place.lon - spread, place.lon + spread
    if west < -180 or east > 180:
        return south, north, -180.0, 180.0  # across the antimeridian: every longitude
    return south, north, west, east


def places_within(
    origin: Place, km: float, places: Mapping[str, Place], boxed: Boxed | None = None
) -> tuple[str, ...]:
    """Ids of the places (origin included) no more than km from origin, nearest first."""
    if origin.lat is None or origin.lon is None:
        raise UsageError(
            f"--near: {origin.name} has no coordinates, so nothing can be measured from it",
            "run 'pokrovsk places' to see the places with coordinates",
        )
    south, north, west, east = box_around(origin, check_within(km))
    if boxed is not None:
        candidates = [places[ident] for ident in boxed(south, north, west, east)]
    else:
        candidates = [
            p
            for p in places.values()
            if p.lat is not None
            and p.lon is not None
            and south <= p.lat <= north
            and west <= p.lon <= east
        ]
    measured = []
    for place in candidates:
        assert place.lat is not None and place.lon is not None
        distance = haversine_km(origin.lat, origin.lon, place.lat, place.lon)
        if distance <= km:
            measured.append((distance, place.id))
    return tuple(ident for _, ident in sorted(measured))


def near_filter(dataset: Dataset, near: str | None, within: float | None) -> tuple[str, ...] | None:
    """The ids of the places within `within` km (default 10) of the place `near` names, for
    EventFilter.near_places; None when neither is asked. The store's R*Tree finds the
    candidates when the dataset has a store."""
    if near is None:
        if within is not None:
            raise UsageError("--within needs --near PLACE", "e.g. --near pokrovsk --within 15")
        return None
    from pokrovsk_cli.answers.query import resolve_places
    from pokrovsk_cli.data.store import store_of

    (origin,) = resolve_places([near], dataset.places, "--near")
    stored = store_of(dataset)
    boxed = stored.places_in_box if stored is not None else None
    km = DEFAULT_WITHIN_KM if within is None else within
    return places_within(dataset.places[origin], km, dataset.places, boxed)

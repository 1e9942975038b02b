"""GeoJSON (RFC 7946): a FeatureCollection of points, in longitude-latitude order.

Events become Point features at their first place (all places are listed in the properties;
an event with no place has a null geometry, which RFC 7946 allows). Places become Point
features too, so a map shows where every event happened and every named place.
"""

from __future__ import annotations

from typing import Any, TextIO

from pokrovsk_cli.answers.geo import HOME_PLACE, distances_from, located
from pokrovsk_cli.data.model import Place
from pokrovsk_cli.output.files.text_formats import dump_json
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import (
    EVENTS,
    Listing,
    data_as_of,
    event_record,
    place_record,
    with_event_corrections,
)


def _point(place: Place) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [place.lon, place.lat]}  # RFC 7946: lon, lat


def _first_point(places: list[Place]) -> dict[str, Any] | None:
    """The point of the first place with coordinates (None: a feature without geometry)."""
    return next((_point(place) for place in places if located(place)), None)


def features(listing: Listing[Any]) -> list[dict[str, Any]]:
    """The features of a listing of events (then the places they name) or of places."""
    dataset = listing.dataset
    found: list[dict[str, Any]] = []
    if listing.kind == EVENTS:
        named: dict[str, None] = {}
        records = with_event_corrections(map(event_record, listing.items), dataset)
        for event, record in zip(listing.items, records, strict=True):
            places = [dataset.places[p] for p in event.places]
            named.update(dict.fromkeys(event.places))
            found.append(
                {
                    "type": "Feature",
                    "id": event.id,
                    "geometry": _first_point(places),
                    "properties": {"feature": "event", **record},
                }
            )
        home = dataset.places.get(HOME_PLACE)
        rows = distances_from(home, [dataset.places[p] for p in named])
    else:
        rows = listing.items
    for row in rows:
        found.append(
            {
                "type": "Feature",
                "id": f"place:{row.place.id}",
                "geometry": _point(row.place) if located(row.place) else None,
                "properties": {"feature": "place", **place_record(row)},
            }
        )
    return found


def write_geojson(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """One FeatureCollection."""
    # data_as_of and data_version are foreign members, which RFC 7946 section 6.1 allows.
    document = {"type": "FeatureCollection", **data_as_of(listing.dataset)}
    document["features"] = features(listing)
    dump_json(document, stream)

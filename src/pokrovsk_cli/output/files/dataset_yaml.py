"""A dataset file again: the chosen events with the sources, places and actors they cite.

`pokrovsk timeline --since 2025 --format yaml -o subset.yaml` gives a file that loads on its own
(`--no-bundled --data subset.yaml`) and passes `pokrovsk validate`, so a subset can be shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from pokrovsk_cli.answers.actors import asserted_by
from pokrovsk_cli.data.files import SCHEMA_VERSION
from pokrovsk_cli.data.model import Actor, DateSpan, Event, Place, Source
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing, curation_record, event_record
from pokrovsk_cli.text import first_unsafe


def _drop_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if value not in (None, [], "")}


def _date(span: DateSpan | None) -> str | None:
    return span.text if span else None


def source_entry(source: Source) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": source.id,
            "publisher": source.publisher,
            "title": source.title,
            "url": source.url,
            "copy_url": source.copy_url,
            "published": _date(source.published),
            "note": source.note,
            **curation_record(source),
        }
    )


def place_entry(place: Place) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": place.id,
            "name": place.name,
            "other_names": list(place.other_names),
            "kind": place.kind,
            "oblast": place.oblast,
            "country": place.country,
            "lat": place.lat,
            "lon": place.lon,
            "sources": list(place.sources),
            "note": place.note,
            **curation_record(place),
        }
    )


def actor_entry(actor: Actor) -> dict[str, Any]:
    return _drop_empty(
        {
            "id": actor.id,
            "name": actor.name,
            "other_names": list(actor.other_names),
            "side": actor.side.value,
            "kind": actor.kind.value,
            "note": actor.note,
        }
    )


# Columns of the event record that are derived from the data, not written in it.
_DERIVED = ("date_start", "date_end", "precision", "approximate", "uncertain", "dataset")


def event_entry(event: Event) -> dict[str, Any]:
    """An event as the data file writes it: its record without the derived columns."""
    entry = event_record(event)
    for key in (*_DERIVED, "quote", "quote_by"):
        del entry[key]
    if event.quote:
        entry["quote"] = {"text": event.quote.text, "by": event.quote.by}
    entry["aliases"] = list(event.aliases)  # in the file, not in CSV or JSON output
    return _drop_empty(entry)


def dataset_document(listing: Listing[Sequence[Event]]) -> dict[str, Any]:
    """The events and, before them, every place and source they need to stand alone."""
    dataset, events = listing.dataset, listing.items
    places = dict.fromkeys(p for event in events for p in event.places)
    cited = [s for event in events for s in event.sources]
    cited += [s for p in places for s in dataset.places[p].sources]
    named = dict.fromkeys(
        a for event in events for a in (*event.actors, *asserted_by(event), *event.denied_by)
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "sources": [source_entry(dataset.sources[s]) for s in dict.fromkeys(cited)],
        "places": [place_entry(dataset.places[p]) for p in places],
        "actors": [actor_entry(dataset.actors[a]) for a in named],
        "events": [event_entry(event) for event in events],
        "facts": [],
    }


def write_yaml(listing: Listing[Sequence[Event]], stream: TextIO, options: OutputOptions) -> None:
    """The dataset document as block YAML, Unicode kept, no aliases."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the loader refuses aliases

    document = dataset_document(listing)
    text = yaml.dump(document, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
    if first_unsafe(text, multiline=True):
        # PyYAML writes bidi characters (and DEL) as they are; escaped, the data stays the same.
        text = yaml.dump(document, Dumper=Dumper, allow_unicode=False, sort_keys=False, width=100)
    stream.write(text)

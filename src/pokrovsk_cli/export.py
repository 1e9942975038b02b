"""Writers for machine formats: stable columns, ISO dates, no colour, no decoration."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from pokrovsk_cli.dataset import SCHEMA_VERSION
from pokrovsk_cli.formats import OutputOptions
from pokrovsk_cli.model import Dataset, Event, Source
from pokrovsk_cli.text import inert

# The CSV contract: this order never changes; new columns are only ever appended.
EVENT_COLUMNS = (
    "id",
    "date",
    "date_start",
    "date_end",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "category",
    "tags",
    "places",
    "actors",
    "status",
    "claimed_by",
    "denied_by",
    "sources",
    "quote",
    "quote_by",
    "note",
)
LIST_SEPARATOR = ";"


def event_record(event: Event) -> dict[str, Any]:
    """One event as plain data, lists kept as lists: the shape both CSV and JSON share."""
    return {
        "id": event.id,
        "date": event.date.text,
        "date_start": event.date.first.isoformat(),
        "date_end": event.date.last.isoformat(),
        "precision": event.date.precision.value,
        "approximate": event.date.approximate,
        "uncertain": event.date.uncertain,
        "title": event.title,
        "summary": event.summary,
        "category": event.category.value,
        "tags": list(event.tags),
        "places": list(event.places),
        "actors": list(event.actors),
        "status": event.status.value,
        "claimed_by": list(event.claimed_by),
        "denied_by": list(event.denied_by),
        "sources": list(event.sources),
        "quote": event.quote.text if event.quote else None,
        "quote_by": event.quote.by if event.quote else None,
        "note": event.note,
    }


def source_record(source: Source) -> dict[str, Any]:
    """One source as plain data."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": source.published.text if source.published else None,
    }


def csv_cell(value: Any) -> str:
    """A CSV cell: lists joined with ';', booleans as true/false, None as empty."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def write_csv_records(
    records: Iterable[dict[str, Any]],
    columns: Sequence[str],
    stream: TextIO,
    options: OutputOptions,
) -> None:
    """RFC 4180 CSV (CRLF line ends, quoted where needed) with a header row."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        row = [csv_cell(record[column]) for column in columns]
        if options.terminal:  # bytes stay exact in files and pipes; a screen never obeys them
            row = [inert(cell) for cell in row]
        writer.writerow(row)


def write_events_csv(
    events: Sequence[Event], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """The events in the EVENT_COLUMNS contract."""
    write_csv_records((event_record(e) for e in events), EVENT_COLUMNS, stream, options)


def _cited_sources(events: Sequence[Event], dataset: Dataset) -> list[dict[str, Any]]:
    ids = dict.fromkeys(source_id for event in events for source_id in event.sources)
    return [source_record(dataset.sources[source_id]) for source_id in ids]


def dump_json(document: dict[str, Any], stream: TextIO) -> None:
    """One indented JSON document; text stays UTF-8."""
    # json escapes every C0 control (ESC included) as \u001b, so no escape sequence gets through.
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_events_json(
    events: Sequence[Event], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """One JSON document: the events, then the sources they cite."""
    dump_json(
        {
            "schema_version": SCHEMA_VERSION,
            "events": [event_record(event) for event in events],
            "sources": _cited_sources(events, dataset),
        },
        stream,
    )


def write_event_detail_json(
    event: Event, dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """One event with its sources and places written out in full."""
    record = event_record(event)
    record["sources"] = [source_record(dataset.sources[s]) for s in event.sources]
    record["places"] = [
        {
            "id": place.id,
            "name": place.name,
            "other_names": list(place.other_names),
            "lat": place.lat,
            "lon": place.lon,
        }
        for place in (dataset.places[p] for p in event.places)
    ]
    dump_json({"schema_version": SCHEMA_VERSION, "event": record}, stream)

"""Machine formats for answers, facts, places and sources: stable fields, no decoration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pokrovsk_cli.citations import SourceUse
from pokrovsk_cli.dataset import SCHEMA_VERSION
from pokrovsk_cli.export import dump_json, source_record, write_csv_records
from pokrovsk_cli.formats import OutputOptions
from pokrovsk_cli.geo import HOME_PLACE, PlaceDistance
from pokrovsk_cli.model import Dataset, Fact

if TYPE_CHECKING:  # facts.py loads RapidFuzz; the places and sources paths never need it
    from pokrovsk_cli.facts import Answer, Lookup

# CSV contracts: these orders never change; new columns are only ever appended.
ANSWER_COLUMNS = (
    "rank",
    "kind",
    "id",
    "score",
    "title",
    "text",
    "value",
    "unit",
    "date",
    "status",
    "attributed_to",
    "sources",
    "note",
)
FACT_COLUMNS = (
    "id",
    "question",
    "aliases",
    "answer",
    "value",
    "unit",
    "as_of",
    "status",
    "attributed_to",
    "sources",
    "note",
)
PLACE_COLUMNS = (
    "id",
    "name",
    "other_names",
    "kind",
    "oblast",
    "country",
    "lat",
    "lon",
    "distance_km",
    "bearing_deg",
    "compass",
    "sources",
)
SOURCE_COLUMNS = ("id", "publisher", "title", "url", "published", "events", "facts", "places")


def answer_record(answer: Answer, dataset: Dataset) -> dict[str, Any]:
    """One answer in the JSON contract of `pokrovsk fact --format json` (README)."""
    return {
        "kind": answer.kind,
        "id": answer.id,
        "title": answer.title,
        "text": answer.text,
        "value": answer.value,
        "unit": answer.unit,
        "date": answer.date.text if answer.date else None,
        "status": answer.status,
        "attributed_to": answer.attributed_to,
        "score": answer.score,
        "sources": [source_record(dataset.sources[s]) for s in answer.sources],
        "note": answer.note,
    }


def fact_record(fact: Fact) -> dict[str, Any]:
    """One curated fact as plain data, lists kept as lists."""
    return {
        "id": fact.id,
        "question": fact.question,
        "aliases": list(fact.aliases),
        "answer": fact.answer,
        "value": fact.value,
        "unit": fact.unit,
        "as_of": fact.as_of.text if fact.as_of else None,
        "status": fact.status.value,
        "attributed_to": fact.attributed_to,
        "sources": list(fact.sources),
        "note": fact.note,
    }


def place_record(row: PlaceDistance) -> dict[str, Any]:
    """One place with its computed distance (km, 0.1) and bearing (degrees) from Pokrovsk."""
    place = row.place
    return {
        "id": place.id,
        "name": place.name,
        "other_names": list(place.other_names),
        "kind": place.kind,
        "oblast": place.oblast,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "distance_km": None if row.km is None else round(row.km, 1),
        "bearing_deg": None if row.bearing is None else round(row.bearing),
        "compass": row.compass,
        "sources": list(place.sources),
    }


def source_use_record(use: SourceUse) -> dict[str, Any]:
    """One source with how many events, facts and places cite it."""
    return {
        **source_record(use.source),
        "events": use.events,
        "facts": use.facts,
        "places": use.places,
    }


def write_lookup_json(
    lookup: Lookup, dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """The best answer (or null) and the other matches, with their sources written out."""
    answer = lookup.answer
    dump_json(
        {
            "schema_version": SCHEMA_VERSION,
            "query": lookup.query,
            "answer": answer_record(answer, dataset) if answer else None,
            "alternatives": [answer_record(a, dataset) for a in lookup.matches[1:]],
        },
        stream,
    )


def write_lookup_csv(
    lookup: Lookup, dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """Every match as a row, best first: rank 1 is the answer."""
    records = []
    for rank, answer in enumerate(lookup.matches, start=1):
        record = answer_record(answer, dataset)
        record["sources"] = list(answer.sources)
        records.append({"rank": rank, **record})
    write_csv_records(records, ANSWER_COLUMNS, stream, options)


def write_facts_json(
    facts: Sequence[Fact], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """Every fact, then the sources they cite."""
    cited = dict.fromkeys(s for fact in facts for s in fact.sources)
    dump_json(
        {
            "schema_version": SCHEMA_VERSION,
            "facts": [fact_record(fact) for fact in facts],
            "sources": [source_record(dataset.sources[s]) for s in cited],
        },
        stream,
    )


def write_facts_csv(
    facts: Sequence[Fact], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    write_csv_records((fact_record(f) for f in facts), FACT_COLUMNS, stream, options)


def write_places_json(
    rows: Sequence[PlaceDistance], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """Every place with its distance and bearing from Pokrovsk, nearest first."""
    home = HOME_PLACE if HOME_PLACE in dataset.places else None
    dump_json(
        {
            "schema_version": SCHEMA_VERSION,
            "distances_from": home,
            "places": [place_record(row) for row in rows],
        },
        stream,
    )


def write_places_csv(
    rows: Sequence[PlaceDistance], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    write_csv_records((place_record(row) for row in rows), PLACE_COLUMNS, stream, options)


def write_sources_json(
    uses: Sequence[SourceUse], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """Every source with its citation counts, most cited first."""
    dump_json(
        {"schema_version": SCHEMA_VERSION, "sources": [source_use_record(u) for u in uses]},
        stream,
    )


def write_sources_csv(
    uses: Sequence[SourceUse], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    write_csv_records((source_use_record(u) for u in uses), SOURCE_COLUMNS, stream, options)

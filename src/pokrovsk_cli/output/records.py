"""Every kind of output as plain records, in the column orders of columns.py: what CSV, TSV,
JSON Lines, Markdown and the JSON documents are all written from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeAlias, TypeVar

from pokrovsk_cli.answers.corrections import corrections_of
from pokrovsk_cli.data.files import OUTPUT_SCHEMA_VERSION
from pokrovsk_cli.data.model import Correction, Dataset, Event, Fact, FactValue, Place, Source
from pokrovsk_cli.output.columns import (
    ACTOR_COLUMNS,
    ANSWER_COLUMNS,
    CHANGE_COLUMNS,
    EVENT_COLUMNS,
    FACT_COLUMNS,
    LATEST_COLUMNS,
    PLACE_COLUMNS,
    SOURCE_COLUMNS,
)

if TYPE_CHECKING:  # facts.py loads RapidFuzz; the other paths never need it
    from pokrovsk_cli.answers.about import About
    from pokrovsk_cli.answers.actors import ActorUse
    from pokrovsk_cli.answers.answer import Answer, Lookup
    from pokrovsk_cli.answers.changes import ChangeRow, Changes
    from pokrovsk_cli.answers.citations import SourceUse
    from pokrovsk_cli.answers.cite import Citations
    from pokrovsk_cli.answers.geo import PlaceDistance
    from pokrovsk_cli.answers.latest import Latest

    # What each kind of listing holds: events (a sequence of Event), event (one Event), facts
    # (Fact), answers (a Lookup), places (PlaceDistance rows, nearest first), sources
    # (SourceUse rows), actors (ActorUse rows), about (one About).
    Items: TypeAlias = (
        Sequence[Event] | Event | Sequence[Fact] | Lookup | Sequence[PlaceDistance]
        | Sequence[SourceUse] | Sequence[ActorUse] | About | Latest | Citations | Changes
    )  # fmt: skip

# What a command hands to a writer: the kind of items, the items, and their dataset.
EVENTS, EVENT, FACTS, ANSWERS, PLACES, SOURCES, ACTORS, ABOUT, LATEST, CHANGES = (
    "events",
    "event",
    "facts",
    "answers",
    "places",
    "sources",
    "actors",
    "about",
    "latest",  # a Latest: the newest events with their days ago
    "changes",  # a Changes: what was added, updated, corrected or retracted, newest first
)


T = TypeVar("T")


class Listing(NamedTuple, Generic[T]):
    """Items of one kind on their way to a writer, with the dataset they came from.

    A writer for one kind says what it takes: `Listing[Sequence[Event]]`, `Listing[Lookup]`.
    """

    kind: str
    items: T
    dataset: Dataset


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
        "dataset": event.dataset,
        "assessed_by": list(event.assessed_by),
        **curation_record(event),
        "aliases": list(event.aliases),  # schema 4; with_event_corrections puts it last
        "fatalities": event.fatalities,  # schema 5; last too
    }


def curation_record(entry: Event | Fact | Source | Place) -> dict[str, Any]:
    """When the entry entered the data and last changed (ISO days, or None)."""
    added, updated = entry.added, entry.updated
    return {
        "added": added.isoformat() if added else None,
        "updated": updated.isoformat() if updated else None,
    }


def with_corrections(
    records: Iterable[dict[str, Any]], dataset: Dataset
) -> Iterator[dict[str, Any]]:
    """Each event or fact record with the ids of the corrections naming it (oldest first) added
    last."""
    named: dict[str, list[str]] = {}
    for correction in dataset.corrections:
        named.setdefault(correction.entry, []).append(correction.id)
    for record in records:
        record["corrections"] = named.get(record["id"], [])
        yield record


def with_event_corrections(
    records: Iterable[dict[str, Any]], dataset: Dataset
) -> Iterator[dict[str, Any]]:
    """Event records with their corrections (with_corrections), in EVENT_COLUMNS order: `aliases`
    (schema 4) and `fatalities` (schema 5) after `corrections`."""
    for record in with_corrections(records, dataset):
        record["aliases"] = record.pop("aliases")
        record["fatalities"] = record.pop("fatalities")
        yield record


def source_record(source: Source) -> dict[str, Any]:
    """One source as plain data."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": source.published.text if source.published else None,
        "copy_url": source.copy_url,
        **curation_record(source),
    }


def value_record(value: FactValue, sources: Any = None) -> dict[str, Any]:
    """One dated value of a changing figure; `sources` turns its source ids into records."""
    return {
        "value": value.value,
        "low": value.low,
        "high": value.high,
        "unit": value.unit,
        "as_of": value.as_of.text,
        "status": value.status.value,
        "attributed_to": value.attributed_to,
        "sources": [sources(s) for s in value.sources] if sources else list(value.sources),
        "note": value.note,
    }


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
        "dataset": answer.dataset,
        "low": answer.low,
        "high": answer.high,
        "history": [
            value_record(v, lambda s: source_record(dataset.sources[s])) for v in answer.history
        ],
        "confidence": answer.confidence,
        "match": answer.match,
        "how": answer.how,
        "events": [event_record(e) for e in answer.events],
        "corrections": [
            correction_record(c)
            for c in (
                corrections_of(dataset, answer.id) if answer.kind in ("event", "fact") else ()
            )
        ],
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
        "dataset": fact.dataset,
        "low": fact.low,
        "high": fact.high,
        **curation_record(fact),
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
        "dataset": place.dataset,
        **curation_record(place),
    }


def source_use_record(use: SourceUse) -> dict[str, Any]:
    """One source with how many events, facts and places cite it, in SOURCE_COLUMNS order
    (copy_url was added last, so it comes after the counts)."""
    record = source_record(use.source)
    later = {key: record.pop(key) for key in ("copy_url", "added", "updated")}
    counts = {"events": use.events, "facts": use.facts, "places": use.places}
    return {**record, **counts, "dataset": use.source.dataset, **later}


def actor_use_record(use: ActorUse) -> dict[str, Any]:
    """One actor with how many events name it, and how many it claims, denies or assesses."""
    actor = use.actor
    return {
        "id": actor.id,
        "name": actor.name,
        "other_names": list(actor.other_names),
        "side": actor.side.value,
        "kind": actor.kind.value,
        "events": use.events,
        "claims": use.claims,
        "denials": use.denials,
        "assessments": use.assessments,
        "note": actor.note,
        "dataset": actor.dataset,
    }


def latest_records(latest: Latest) -> Iterable[dict[str, Any]]:
    """The newest events, each with how many days ago its span ended and began."""
    for row in latest.rows:
        days = {"days_since_end": row.days_since_end, "days_since_start": row.days_since_start}
        yield {**event_record(row.event), **days}


def change_record(row: ChangeRow) -> dict[str, Any]:
    """One change, in CHANGE_COLUMNS order (README "pokrovsk changes")."""
    return {
        "date": row.day.isoformat(),
        "change": row.change,
        "kind": row.kind,
        "id": row.id,
        "title": row.title,
        "detail": row.detail,
        "correction": row.correction,
        "sources": list(row.sources),
        "dataset": row.dataset,
    }


def _answer_rows(lookup: Lookup, dataset: Dataset) -> list[dict[str, Any]]:
    rows = []
    for rank, answer in enumerate(lookup.matches, start=1):
        record = answer_record(answer, dataset)
        record["sources"] = list(answer.sources)
        record["events"] = [e.id for e in answer.events]
        record["corrections"] = [c["id"] for c in record["corrections"]]
        rows.append({"rank": rank, **record})
    return rows


# kind -> (column order, items -> records)
_TABLES: dict[str, tuple[tuple[str, ...], Callable[[Any, Dataset], Iterable[dict[str, Any]]]]] = {
    EVENTS: (EVENT_COLUMNS, lambda items, d: with_event_corrections(map(event_record, items), d)),
    LATEST: (LATEST_COLUMNS, lambda items, d: with_event_corrections(latest_records(items), d)),
    CHANGES: (CHANGE_COLUMNS, lambda items, _: map(change_record, items.rows)),
    FACTS: (FACT_COLUMNS, lambda items, d: with_corrections(map(fact_record, items), d)),
    ANSWERS: (ANSWER_COLUMNS, _answer_rows),
    PLACES: (PLACE_COLUMNS, lambda items, _: (place_record(r) for r in items)),
    SOURCES: (SOURCE_COLUMNS, lambda items, _: (source_use_record(u) for u in items)),
    ACTORS: (ACTOR_COLUMNS, lambda items, _: (actor_use_record(u) for u in items)),
}


def tabulate(listing: Listing[Any]) -> tuple[tuple[str, ...], Iterable[dict[str, Any]]]:
    """A listing as (columns, records), ready for any tabular format."""
    columns, to_records = _TABLES[listing.kind]
    return columns, to_records(listing.items, listing.dataset)


def _cited(source_lists: Iterable[Sequence[str]], dataset: Dataset) -> list[dict[str, Any]]:
    ids = dict.fromkeys(source_id for sources in source_lists for source_id in sources)
    return [source_record(dataset.sources[source_id]) for source_id in ids]


def correction_record(correction: Correction) -> dict[str, Any]:
    """One entry of the corrections log as plain data."""
    return {
        "id": correction.id,
        "date": correction.date.isoformat(),
        "entry": correction.entry,
        "change": correction.change.value,
        "was": correction.was,
        "now": correction.now,
        "why": correction.why,
        "sources": list(correction.sources),
        "dataset": correction.dataset,
    }


def data_as_of(dataset: Dataset) -> dict[str, Any]:
    """How current the data is, for every document: the curated-through day and the version."""
    curated = dataset.curated_through
    return {"data_as_of": curated.text if curated else None, "data_version": dataset.version}


def about_record(about: About) -> dict[str, Any]:
    """The `pokrovsk about` document's body."""
    return {
        "days_since_curated": about.stale_days,
        "counts": dict(about.counts),
        "events_per_month": [{"month": m, "events": n} for m, n in about.per_month],
        "layers": [
            {
                "dataset": layer.label,
                "version": layer.version,
                "curated_through": layer.curated_through.text if layer.curated_through else None,
            }
            for layer in about.layers
        ],
    }


def json_document(listing: Listing[Any]) -> dict[str, Any]:
    """The one JSON document of each kind (README "Machine output")."""
    items, dataset = listing.items, listing.dataset
    document: dict[str, Any] = {"schema_version": OUTPUT_SCHEMA_VERSION, **data_as_of(dataset)}
    if listing.kind == EVENTS:
        document["events"] = list(with_event_corrections(map(event_record, items), dataset))
        document["sources"] = _cited((e.sources for e in items), dataset)
    elif listing.kind == LATEST:
        document["today"] = items.today.isoformat()
        document["events"] = list(with_event_corrections(latest_records(items), dataset))
        document["sources"] = _cited((row.event.sources for row in items.rows), dataset)
    elif listing.kind == CHANGES:
        since = items.since
        document["since"] = {
            "given": since.text if since else None,
            "from": since.first.isoformat() if since else None,
            "version": since.version if since else None,
        }
        document["changes"] = [change_record(row) for row in items.rows]
    elif listing.kind == EVENT:
        (record,) = with_event_corrections([event_record(items)], dataset)
        record["corrections"] = [correction_record(c) for c in corrections_of(dataset, items.id)]
        record["sources"] = [source_record(dataset.sources[s]) for s in items.sources]
        record["places"] = [
            {
                "id": place.id,
                "name": place.name,
                "other_names": list(place.other_names),
                "lat": place.lat,
                "lon": place.lon,
            }
            for place in (dataset.places[p] for p in items.places)
        ]
        document["event"] = record
    elif listing.kind == FACTS:
        facts = with_corrections(map(fact_record, items), dataset)
        document["facts"] = [
            {**record, "history": [value_record(v) for v in f.history()]}
            for record, f in zip(facts, items, strict=True)
        ]
        document["sources"] = _cited((f.sources for f in items), dataset)
    elif listing.kind == ANSWERS:
        answer = items.answer
        document["query"] = items.query
        document["answer"] = answer_record(answer, dataset) if answer else None
        document["alternatives"] = [answer_record(a, dataset) for a in items.matches[1:]]
        document["closest"] = [answer_record(a, dataset) for a in items.closest]
        document["refusal"] = items.refusal
        document["explanation"] = [{"step": k, "detail": v} for k, v in items.explanation]
    elif listing.kind == PLACES:
        from pokrovsk_cli.answers.geo import HOME_PLACE

        document["distances_from"] = HOME_PLACE if HOME_PLACE in dataset.places else None
        document["places"] = [place_record(row) for row in items]
    elif listing.kind == SOURCES:
        document["sources"] = [source_use_record(u) for u in items]
    elif listing.kind == ACTORS:
        document["actors"] = [actor_use_record(u) for u in items]
    elif listing.kind == ABOUT:
        document.update(about_record(items))
    else:  # pragma: no cover - the registry only routes known kinds here
        raise ValueError(f"no JSON document for {listing.kind!r}")
    return document

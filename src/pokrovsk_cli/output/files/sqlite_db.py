"""A SQLite database of a timeline, for Datasette and sqlite-utils (`-f sqlite -o events.db`).

`events` holds the events that passed the filters, with the CSV's columns (lists as JSON
arrays, booleans as 0/1); `places`, `sources`, `actors`, `facts` and `corrections` hold the whole
dataset's entries, so every reference resolves. Junction tables link them with FOREIGN KEYs:
`event_places`, `event_sources`, `event_actors` (with a `role`: actor, claimed_by, denied_by,
assessed_by), `event_tags`, `event_aliases`, `fact_sources`, `place_sources`,
`correction_sources`; `position` keeps each list's order. `metadata` says how current the data
is. The views:

- `event_details`: each event with its place names and source URLs (JSON arrays, in order);
- `event_citations`: one row per event and source it cites, with publisher, title and URL;
- `claims`: one row per event and actor that claims, denies or assesses it, with its status;
- `place_event_counts`: each place with how many of these events name it, first and last day.

Text from the data only ever travels as SQL parameters; table and column names are this
module's own constants.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pokrovsk_cli import __version__
from pokrovsk_cli.answers.geo import HOME_PLACE, distances_from
from pokrovsk_cli.data.files import OUTPUT_SCHEMA_VERSION
from pokrovsk_cli.data.model import Dataset, Event
from pokrovsk_cli.output.columns import FACT_COLUMNS, PLACE_COLUMNS
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import (
    LATEST,
    Listing,
    correction_record,
    data_as_of,
    fact_record,
    place_record,
    source_record,
    tabulate,
    with_corrections,
)
from pokrovsk_cli.text import json_safe

if TYPE_CHECKING:
    from pathlib import Path

# Declared types of the columns that are not TEXT. A fact's `value` is a number or a text, as the
# data has it: no declared type, so SQLite keeps each as given.
_TYPES = {
    "approximate": "INTEGER",
    "uncertain": "INTEGER",
    "fatalities": "INTEGER",
    "days_since_end": "INTEGER",
    "days_since_start": "INTEGER",
    "lat": "REAL",
    "lon": "REAL",
    "distance_km": "REAL",
    "bearing_deg": "INTEGER",
    "low": "REAL",
    "high": "REAL",
    "value": "",
}
SOURCE_TABLE_COLUMNS = (
    "id",
    "publisher",
    "title",
    "url",
    "published",
    "dataset",
    "copy_url",
    "added",
    "updated",
    "note",
)
ACTOR_TABLE_COLUMNS = ("id", "name", "other_names", "side", "kind", "note", "dataset")
CORRECTION_COLUMNS = ("id", "date", "entry", "change", "was", "now", "why", "sources", "dataset")
# event_actors.role, and the Event field each role's actor ids come from.
ROLES = (
    ("actor", "actors"),
    ("claimed_by", "claimed_by"),
    ("denied_by", "denied_by"),
    ("assessed_by", "assessed_by"),
)

_JUNCTIONS = """
CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES events(id),
    place_id TEXT NOT NULL REFERENCES places(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, place_id)
);
CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events(id),
    source_id TEXT NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, source_id)
);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id),
    actor_id TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL CHECK (role IN ('actor', 'claimed_by', 'denied_by', 'assessed_by')),
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, actor_id, role)
);
CREATE TABLE event_tags (
    event_id TEXT NOT NULL REFERENCES events(id),
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, tag)
);
CREATE TABLE event_aliases (
    event_id TEXT NOT NULL REFERENCES events(id),
    alias TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, alias)
);
CREATE TABLE fact_sources (
    fact_id TEXT NOT NULL REFERENCES facts(id),
    source_id TEXT NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (fact_id, source_id)
);
CREATE TABLE place_sources (
    place_id TEXT NOT NULL REFERENCES places(id),
    source_id TEXT NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (place_id, source_id)
);
CREATE TABLE correction_sources (
    correction_id TEXT NOT NULL REFERENCES corrections(id),
    source_id TEXT NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (correction_id, source_id)
);
"""
# The primary keys index each junction by its first column; these, the way back.
_INDEXES = """
CREATE INDEX idx_events_date_start ON events(date_start);
CREATE INDEX idx_event_places_place_id ON event_places(place_id);
CREATE INDEX idx_event_sources_source_id ON event_sources(source_id);
CREATE INDEX idx_event_actors_actor_id ON event_actors(actor_id, role);
CREATE INDEX idx_event_tags_tag ON event_tags(tag);
CREATE INDEX idx_event_aliases_alias ON event_aliases(alias);
CREATE INDEX idx_fact_sources_source_id ON fact_sources(source_id);
CREATE INDEX idx_place_sources_source_id ON place_sources(source_id);
CREATE INDEX idx_correction_sources_source_id ON correction_sources(source_id);
CREATE INDEX idx_corrections_entry ON corrections(entry);
"""
# Lists come out in their order through ordered subqueries (aggregate ORDER BY needs SQLite 3.44).
_VIEWS = """
CREATE VIEW event_details AS
SELECT e.id, e.date, e.date_start, e.date_end, e.status, e.category, e.title,
    (SELECT json_group_array(name) FROM (
        SELECT p.name FROM event_places ep JOIN places p ON p.id = ep.place_id
        WHERE ep.event_id = e.id ORDER BY ep.position)) AS place_names,
    (SELECT json_group_array(url) FROM (
        SELECT coalesce(s.url, s.copy_url) AS url
        FROM event_sources es JOIN sources s ON s.id = es.source_id
        WHERE es.event_id = e.id ORDER BY es.position)) AS source_urls
FROM events e
ORDER BY e.rowid;
CREATE VIEW event_citations AS
SELECT e.id AS event_id, e.date, e.title AS event_title, es.position, s.id AS source_id,
    s.publisher, s.title AS source_title, s.url, s.copy_url, s.published
FROM events e
JOIN event_sources es ON es.event_id = e.id
JOIN sources s ON s.id = es.source_id
ORDER BY e.rowid, es.position;
CREATE VIEW claims AS
SELECT e.id AS event_id, e.date, e.title, e.status, ea.role, a.id AS actor_id,
    a.name AS actor_name, a.side
FROM events e
JOIN event_actors ea ON ea.event_id = e.id AND ea.role != 'actor'
JOIN actors a ON a.id = ea.actor_id
ORDER BY e.rowid, ea.role, ea.position;
CREATE VIEW place_event_counts AS
SELECT p.id AS place_id, p.name, p.kind, p.distance_km, count(e.id) AS events,
    min(e.date_start) AS first_day, max(e.date_end) AS last_day
FROM places p
LEFT JOIN event_places ep ON ep.place_id = p.id
LEFT JOIN events e ON e.id = ep.event_id
GROUP BY p.id
ORDER BY events DESC, p.id;
"""
VIEWS = ("event_details", "event_citations", "claims", "place_event_counts")


def _name(identifier: str) -> str:
    """A table or column name of ours, quoted; anything else is a bug, never SQL."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", identifier):
        raise ValueError(f"not a plain identifier: {identifier!r}")
    return f'"{identifier}"'


def _cell(value: Any) -> Any:
    """A record's value as SQLite stores it: a list as JSON text, as the JSON formats write it."""
    if isinstance(value, list | tuple):
        return json_safe(json.dumps(list(value), ensure_ascii=False))
    return value


def _add_table(
    db: sqlite3.Connection, table: str, columns: Sequence[str], records: Iterable[dict[str, Any]]
) -> None:
    """A table of records with `id` its primary key, in the given column order."""
    declared = [
        f"{_name(c)} {_TYPES.get(c, 'TEXT')}".rstrip()
        + (" PRIMARY KEY NOT NULL" if c == "id" else "")
        for c in columns
    ]
    db.execute(f"CREATE TABLE {_name(table)} ({', '.join(declared)})")
    marks = ", ".join("?" * len(columns))
    db.executemany(
        f"INSERT INTO {_name(table)} VALUES ({marks})",
        ([_cell(record[c]) for c in columns] for record in records),
    )


def _run(db: sqlite3.Connection, script: str) -> None:
    """Each statement of one of our scripts, inside the open transaction (executescript would
    commit it first)."""
    for statement in filter(str.strip, script.split(";\n")):
        db.execute(statement)


def _links(db: sqlite3.Connection, table: str, pairs: Iterable[tuple[str, Sequence[str]]]) -> None:
    """A junction table's rows: each owner with each id of its list, in order, once each."""
    rows = (
        (owner, target, position)
        for owner, targets in pairs
        for position, target in enumerate(dict.fromkeys(targets))
    )
    db.executemany(f"INSERT INTO {_name(table)} VALUES (?, ?, ?)", rows)


def _events_of(listing: Listing[Any]) -> Sequence[Event]:
    return [row.event for row in listing.items.rows] if listing.kind == LATEST else listing.items


def _metadata(listing: Listing[Any], count: int) -> list[tuple[str, Any]]:
    dataset = listing.dataset
    layers = [
        {
            "dataset": layer.label,
            "version": layer.version,
            "curated_through": layer.curated_through.text if layer.curated_through else None,
        }
        for layer in dataset.layers
    ]
    rows: list[tuple[str, Any]] = [
        ("schema_version", OUTPUT_SCHEMA_VERSION),
        *data_as_of(dataset).items(),
        ("layers", _cell(layers)),
        ("listing", "latest" if listing.kind == LATEST else "timeline"),
        ("events", count),
        ("written_by", f"pokrovsk {__version__}"),
    ]
    if listing.kind == LATEST:
        rows.append(("today", listing.items.today.isoformat()))
    return rows


def _add_reference_tables(db: sqlite3.Connection, dataset: Dataset) -> None:
    """The whole dataset's places, sources, actors, facts and corrections."""
    sources = [
        {**source_record(s), "dataset": s.dataset, "note": s.note} for s in dataset.sources.values()
    ]
    _add_table(db, "sources", SOURCE_TABLE_COLUMNS, sources)
    rows = distances_from(dataset.places.get(HOME_PLACE), dataset.places.values())
    places = ({**place_record(row), "note": row.place.note} for row in rows)
    _add_table(db, "places", (*PLACE_COLUMNS, "note"), places)
    actors = (
        {
            "id": a.id,
            "name": a.name,
            "other_names": a.other_names,
            "side": a.side.value,
            "kind": a.kind.value,
            "note": a.note,
            "dataset": a.dataset,
        }
        for a in dataset.actors.values()
    )
    _add_table(db, "actors", ACTOR_TABLE_COLUMNS, actors)
    facts = with_corrections(map(fact_record, dataset.facts), dataset)
    _add_table(db, "facts", FACT_COLUMNS, facts)
    corrections = map(correction_record, dataset.corrections)
    _add_table(db, "corrections", CORRECTION_COLUMNS, corrections)


def _fill(db: sqlite3.Connection, listing: Listing[Any]) -> None:
    dataset = listing.dataset
    events = _events_of(listing)
    db.execute("CREATE TABLE metadata (key TEXT PRIMARY KEY NOT NULL, value)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", _metadata(listing, len(events)))
    _add_reference_tables(db, dataset)
    columns, records = tabulate(listing)
    _add_table(db, "events", columns, records)
    _run(db, _JUNCTIONS)
    _links(db, "event_places", ((e.id, e.places) for e in events))
    _links(db, "event_sources", ((e.id, e.sources) for e in events))
    _links(db, "event_tags", ((e.id, e.tags) for e in events))
    _links(db, "event_aliases", ((e.id, e.aliases) for e in events))
    _links(db, "fact_sources", ((f.id, f.sources) for f in dataset.facts))
    _links(db, "place_sources", ((p.id, p.sources) for p in dataset.places.values()))
    _links(db, "correction_sources", ((c.id, c.sources) for c in dataset.corrections))
    db.executemany(
        "INSERT INTO event_actors VALUES (?, ?, ?, ?)",
        (
            (event.id, actor, role, position)
            for event in events
            for role, field in ROLES
            for position, actor in enumerate(dict.fromkeys(getattr(event, field)))
        ),
    )
    _run(db, _INDEXES)
    _run(db, _VIEWS)


def write_sqlite(listing: Listing[Any], path: Path, options: OutputOptions) -> None:
    """The database, written into `path` (an empty file write.atomic_path made for it)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        # The file is a temporary one, discarded if writing fails: no journal file beside it.
        db.execute("PRAGMA journal_mode = MEMORY")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("BEGIN")
        _fill(db, listing)
        db.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        # A full disk or an I/O error: an OSError, which the output file reports as it does for
        # every format (a constraint broken is a bug and stays one).
        raise OSError(str(exc)) from exc
    finally:
        db.close()

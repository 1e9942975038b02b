"""References for `pokrovsk cite`: entries and sources as CSL-JSON items, the Citation Style
Language's data schema, which citeproc, Zotero and pandoc read; the BibTeX, RIS and text writers
start from the same items.

An event or fact is cited as a record of this dataset first, then by the sources it rests on. A
source read only as a copy is cited at the copy, and its note says so: a copy is never passed
off as the publisher's page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from pokrovsk_cli.data.model import Dataset, DateSpan, Event, Fact, Layer, Precision, Source
from pokrovsk_cli.data.provenance import copy_label
from pokrovsk_cli.errors import NotFoundError
from pokrovsk_cli.text import clip, one_line

# How the dataset names itself (data/events.yaml's first line, the `about` panel's title).
DATASET_NAME = "pokrovsk dataset"
DATASET_TITLE = (
    "pokrovsk dataset: sources, places, events and facts on the battle for Pokrovsk, Ukraine"
)
DATASET_ID = "pokrovsk:dataset"
# Entry items are "pokrovsk:event:ID" and "pokrovsk:fact:ID": an event and a fact may share
# an id, and a source id (kebab-case) never holds a colon, so no two items collide.
ENTRY_PREFIX = "pokrovsk"
BUNDLED = "bundled"

CLOSEST_CUTOFF = 0.5
CLOSEST_PER_KIND = 2
LIST_HINT = "list the ids with 'pokrovsk timeline', 'pokrovsk fact' and 'pokrovsk sources'"

_PARTS = {Precision.DAY: 3, Precision.MONTH: 2, Precision.YEAR: 1}


class Citations(NamedTuple):
    """What `pokrovsk cite` hands its writers: CSL-JSON items, and the style text is set in."""

    items: tuple[dict[str, Any], ...]
    style: str


def references(dataset: Dataset, ids: Sequence[str], *, accessed: date) -> list[dict[str, Any]]:
    """CSL-JSON items for these ids, in request order, each item once.

    An id names an event, a fact or a source (all of them, when it names several); an
    unknown id fails naming the closest ids of every kind.
    """
    events = {event.id: event for event in dataset.events}
    facts = {fact.id: fact for fact in dataset.facts}
    cited: dict[str, dict[str, Any]] = {}
    for ident in dict.fromkeys(ids):
        entries = [entry for entry in (events.get(ident), facts.get(ident)) if entry is not None]
        source = dataset.sources.get(ident)
        if not entries and source is None:
            raise _unknown(dataset, ident)
        items = [item for entry in entries for item in _entry_items(dataset, entry, accessed)]
        if source is not None:
            items.append(_source_item(source, accessed))
        for item in items:
            cited.setdefault(item["id"], item)
    return list(cited.values())


def dataset_reference(dataset: Dataset, *, accessed: date) -> dict[str, Any]:
    """The dataset itself as one CSL-JSON item: its version and curated-through date."""
    curated = dataset.curated_through
    note = f"curated through {curated.text}" if curated else "curated-through date not stated"
    files = [layer.label for layer in dataset.layers]
    if files and files != [BUNDLED]:  # a --data file is part of what is cited
        note += f"; files: {', '.join(files)}"
    return _dataset_item(DATASET_ID, DATASET_TITLE, dataset.version, curated, note, accessed)


def csl_date(span: DateSpan) -> dict[str, Any]:
    """A CSL date with only the parts the span really has: "2025" stays [[2025]]."""
    count = _PARTS[span.precision]
    ends = (span.first, span.last) if span.interval else (span.first,)
    value: dict[str, Any] = {"date-parts": [[day.year, day.month, day.day][:count] for day in ends]}
    if span.approximate:
        value["circa"] = True
    return value


def _day(day: date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def cited_sources(entry: Event | Fact) -> tuple[str, ...]:
    """The source ids an entry cites, each once: a fact's current value first, then its
    earlier values oldest first."""
    if isinstance(entry, Event):
        return tuple(dict.fromkeys(entry.sources))
    earlier = (source for value in entry.earlier for source in value.sources)
    return tuple(dict.fromkeys((*entry.sources, *earlier)))


def _entry_items(dataset: Dataset, entry: Event | Fact, accessed: date) -> list[dict[str, Any]]:
    sources = [_source_item(dataset.sources[sid], accessed) for sid in cited_sources(entry)]
    return [_entry_item(dataset, entry, accessed), *sources]


def _entry_item(dataset: Dataset, entry: Event | Fact, accessed: date) -> dict[str, Any]:
    """The entry as a record of the dataset file it came from, with that file's version."""
    kind, title = ("event", entry.title) if isinstance(entry, Event) else ("fact", entry.question)
    note = f"{ENTRY_PREFIX} {kind} {entry.id}"
    if entry.dataset != BUNDLED:
        note += f", from {entry.dataset}"
    layer = _layer(dataset, entry.dataset)
    version, curated = (
        (layer.version, layer.curated_through)
        if layer
        else (dataset.version, dataset.curated_through)
    )
    ident = f"{ENTRY_PREFIX}:{kind}:{entry.id}"
    return _dataset_item(ident, title, version, curated, note, accessed)


def _layer(dataset: Dataset, label: str) -> Layer | None:
    return next((layer for layer in dataset.layers if layer.label == label), None)


def _dataset_item(
    ident: str,
    title: str,
    version: str | None,
    curated: DateSpan | None,
    note: str,
    accessed: date,
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": ident,
        "type": "dataset",
        "title": title,
        "publisher": DATASET_NAME,
    }
    if version:
        item["version"] = version
    if curated:
        item["issued"] = csl_date(curated)
    return {**item, "accessed": _day(accessed), "note": note}


def _source_item(source: Source, accessed: date) -> dict[str, Any]:
    """A source as a web page (an encyclopedia entry for Wikipedia), the outlet as the site it
    appeared in; no author, since the dataset records none."""
    kind = "entry-encyclopedia" if source.publisher.endswith("Wikipedia") else "webpage"
    item: dict[str, Any] = {
        "id": source.id,
        "type": kind,
        "title": source.title,
        "container-title": source.publisher,
    }
    if source.published:
        item["issued"] = csl_date(source.published)
    url, note = _where(source)
    if url:
        item["URL"] = url
    item["accessed"] = _day(accessed)
    if note:
        item["note"] = note
    return item


def _where(source: Source) -> tuple[str | None, str | None]:
    """The URL to cite and what the note must say about it."""
    if source.url and source.copy_url:
        return source.url, f"read as a {copy_label(source.copy_url)}: {source.copy_url}"
    if source.url:
        return source.url, None
    if source.copy_url:
        return source.copy_url, f"{copy_label(source.copy_url)}, not the publisher's page"
    return None, "no URL known"


def _unknown(dataset: Dataset, ident: str) -> NotFoundError:
    """No entry or source has this id: name the closest ids of each kind."""
    import difflib  # only a miss needs suggestions

    wanted = ident[:200]  # a pasted paragraph must not make matching slow
    kinds = (
        ("event", [event.id for event in dataset.events]),
        ("fact", [fact.id for fact in dataset.facts]),
        ("source", list(dataset.sources)),
    )
    close = [
        f"{kind} {one_line(match)}"
        for kind, known in kinds
        for match in difflib.get_close_matches(
            wanted, known, n=CLOSEST_PER_KIND, cutoff=CLOSEST_CUTOFF
        )
    ]
    hint = f"closest: {', '.join(close)}" if close else LIST_HINT
    return NotFoundError(f"no event, fact or source with id '{one_line(clip(ident))}'", hint)

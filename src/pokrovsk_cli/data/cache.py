"""The cache folder and the plain rows the store (store.py) keeps entries as.

Where the folder is, whether it may be trusted, and each entry as a JSON-ready list and back:
JSON, never pickle, so a cache file is only ever data. The cache is best effort: an unwritable
folder just means no cache.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from os import PathLike

    Where = str | PathLike[str]  # paths are strings here: pathlib would cost a lookup 3 ms

try:  # the built-in module: hashlib would also load OpenSSL (~3 ms) for a hash it need not use
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

from pokrovsk_cli import __version__
from pokrovsk_cli.data.model import (
    Actor,
    ActorKind,
    Category,
    Change,
    Correction,
    Dataset,
    DateSpan,
    Event,
    Fact,
    FactValue,
    Place,
    Precision,
    Quote,
    Side,
    Source,
    Status,
)

CACHE_FORMAT = 8  # bump when the layout changes (6: the SQLite store; 7: fatalities; 8: precision)
CACHE_ENV, NO_CACHE_ENV = "POKROVSK_CACHE_DIR", "POKROVSK_NO_CACHE"
_MAGIC = "pokrovsk-cache"


def trusted(entry: os.stat_result, folder: str) -> bool:
    """Whether an entry may be used instead of checking the YAML again: a regular file that the
    user owns and nobody else can write, in a folder of which the same holds. Anyone who could
    write the cache could otherwise have outputs show what validation would have refused."""
    if not stat.S_ISREG(entry.st_mode):
        return False
    if not hasattr(os, "getuid"):  # pragma: no cover - no owners to check on this system
        return True
    uid = os.getuid()
    around = os.stat(folder)
    return all(
        info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        for info in (entry, around)
    )


def web(url: str | None) -> bool:
    return url is None or url.startswith(("https://", "http://"))


def cache_dir() -> str:
    """POKROVSK_CACHE_DIR, else $XDG_CACHE_HOME/pokrovsk, else ~/.cache/pokrovsk."""
    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pokrovsk")


def enabled() -> bool:
    return not os.environ.get(NO_CACHE_ENV)


def names_key(layers: Sequence[tuple[Where, str]]) -> str:
    """A short name for this list of files: an entry for newer contents replaces the older."""
    names = blake2b(digest_size=8)
    for path, _ in layers:
        names.update(os.path.realpath(path).encode() + b"\0")
    return names.hexdigest()


def content_key(
    layers: Sequence[tuple[Where, str]], contents: Sequence[bytes], schema_version: int
) -> str:
    """A hash of every layer's label and full contents, the cache format, the dataset schema
    version and the package version: an edited file, a new release or a new format can never
    be served stale data."""
    content = blake2b(digest_size=20)
    content.update(f"{_MAGIC}:{CACHE_FORMAT}:{schema_version}:{__version__}".encode())
    for (_, label), data in zip(layers, contents, strict=True):
        for part in (label.encode(), str(len(data)).encode(), data):
            content.update(part)
            content.update(b"\0")
    return content.hexdigest()


# --- to and from plain data ------------------------------------------------------------------


def span_row(span: DateSpan | None) -> list[Any] | None:
    if span is None:
        return None
    flags = span.approximate | span.uncertain << 1 | span.interval << 2
    return [span.text, span.first.toordinal(), span.last.toordinal(), span.precision.value, flags]


def unspan(data: list[Any] | None, seen: dict[tuple[Any, ...], DateSpan]) -> DateSpan | None:
    """The DateSpan a row holds; many entries share a date, and then share one frozen object."""
    if data is None:
        return None
    key = tuple(data)
    span = seen.get(key)
    if span is None:
        text, first, last, precision, flags = data
        span = seen[key] = DateSpan(
            text,
            date.fromordinal(first),
            date.fromordinal(last),
            _PRECISIONS[precision],
            bool(flags & 1),
            bool(flags & 2),
            bool(flags & 4),
        )
    return span


# Enum(value) runs Enum.__call__ and __new__: a dict is several times quicker for 100,000 rows.
_PRECISIONS = {precision.value: precision for precision in Precision}
_CATEGORIES = {category.value: category for category in Category}
_STATUSES = {status.value: status for status in Status}
_SIDES = {side.value: side for side in Side}
_KINDS = {kind.value: kind for kind in ActorKind}
_CHANGES = {change.value: change for change in Change}


def day_row(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def unday(number: int | None) -> date | None:
    return None if number is None else date.fromordinal(number)


def event_row(e: Event) -> list[Any]:
    """An event as a plain row (first element "e"), its curation dates last."""
    return ["e", e.id, span_row(e.date), e.title, e.summary, e.category.value, e.tags] + [
        e.places,
        e.actors,
        e.status.value,
        e.claimed_by,
        e.denied_by,
        e.sources,
        [e.quote.text, e.quote.by] if e.quote else None,
        e.note,
        e.dataset,
        e.assessed_by,
        e.aliases,
        day_row(e.added),
        day_row(e.updated),
        e.fatalities,
    ]


def entry_rows(dataset: Dataset) -> Iterator[list[Any]]:
    """One plain row per entry but events, first element the kind: s(ource), p(lace), a(ctor),
    f(act), c(orrection); an entry's curation dates come last."""
    for s in dataset.sources.values():
        yield ["s", s.id, s.publisher, s.title, s.url, span_row(s.published), s.note, s.dataset] + [
            s.copy_url,
            day_row(s.added),
            day_row(s.updated),
        ]
    for p in dataset.places.values():
        yield ["p", p.id, p.name, p.other_names, p.kind, p.oblast, p.country, p.lat, p.lon] + [
            p.sources,
            p.note,
            p.dataset,
            day_row(p.added),
            day_row(p.updated),
        ]
    for a in dataset.actors.values():
        yield ["a", a.id, a.name, a.other_names, a.side.value, a.kind.value, a.note, a.dataset]
    for f in dataset.facts:
        yield ["f", f.id, f.question, f.aliases, f.answer, f.value, f.unit, span_row(f.as_of)] + [
            f.attributed_to,
            f.sources,
            f.note,
            f.status.value,
            f.dataset,
            f.low,
            f.high,
            [value_row(v) for v in f.earlier],
            day_row(f.added),
            day_row(f.updated),
        ]
    for c in dataset.corrections:
        yield ["c", c.id, day_row(c.date), c.entry, c.change.value, c.was, c.now, c.why] + [
            c.sources,
            c.dataset,
        ]


def value_row(v: FactValue) -> list[Any]:
    return [v.value, v.low, v.high, v.unit, span_row(v.as_of), v.status.value, v.attributed_to] + [
        v.sources,
        v.note,
    ]


def value_from(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> FactValue:
    value, low, high, unit, as_of, status, attributed_to, cited, note = row
    span = unspan(as_of, spans)
    assert span is not None
    return FactValue(
        value, low, high, unit, span, _STATUSES[status], attributed_to, tuple(cited), note
    )


def source_from(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> Source:
    _, sid, publisher, title, url, published, note, origin, copy_url, added, updated = row
    return Source(
        sid,
        publisher,
        title,
        url,
        unspan(published, spans),
        note,
        origin,
        copy_url,
        unday(added),
        unday(updated),
    )


def actor_from(row: list[Any]) -> Actor:
    _, aid, name, others, side, kind, note, origin = row
    return Actor(aid, name, tuple(others), _SIDES[side], _KINDS[kind], note, origin)


def place_from(row: list[Any]) -> Place:
    _, pid, name, others, kind, oblast, country, lat, lon, cited, note, origin = row[:12]
    added, updated = row[12:]
    return Place(
        pid,
        name,
        tuple(others),
        kind,
        oblast,
        country,
        lat,
        lon,
        tuple(cited),
        note,
        origin,
        unday(added),
        unday(updated),
    )


def correction_from(row: list[Any]) -> Correction:
    _, cid, day, entry, change, was, now, why, cited, origin = row
    return Correction(
        cid, date.fromordinal(day), entry, _CHANGES[change], was, now, why, tuple(cited), origin
    )


def event_from(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> Event:
    _, eid, span, title, summary, category, tags, where, actors, status = row[:10]
    claimed, denied, cited, quote, note, origin, assessed, aliases, added, updated = row[10:20]
    (fatalities,) = row[20:]
    return Event(
        eid,
        unspan(span, spans),  # type: ignore[arg-type]
        title,
        summary,
        _CATEGORIES[category],
        tuple(tags),
        tuple(where),
        tuple(actors),
        _STATUSES[status],
        tuple(claimed),
        tuple(denied),
        tuple(cited),
        Quote(*quote) if quote else None,
        note,
        origin,
        tuple(assessed),
        tuple(aliases),
        unday(added),
        unday(updated),
        fatalities,
    )


def fact_from(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> Fact:
    _, fid, question, aliases, answer, value, unit, as_of, attributed, cited = row[:10]
    note, status, origin, low, high, earlier, added, updated = row[10:]
    return Fact(
        fid,
        question,
        tuple(aliases),
        answer,
        value,
        unit,
        unspan(as_of, spans),
        attributed,
        tuple(cited),
        note,
        _STATUSES[status],
        origin,
        low,
        high,
        tuple(value_from(v, spans) for v in earlier),
        unday(added),
        unday(updated),
    )

"""A cache of checked datasets, so a repeat query skips parsing YAML (seconds at 10,000 events).

The key is a hash of every layer's label and full contents, the cache format, the dataset
schema version and the package version: an edited file, a new release or a new format can never
be served stale data. The file holds a header with a checksum of its payload, so a truncated or
corrupted entry is noticed and ignored. JSON, never pickle: a cache file is only ever data.
The cache is best effort: an unwritable folder just means no cache.
"""

from __future__ import annotations

import contextlib
import json
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
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
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
    Layer,
    Place,
    Precision,
    Quote,
    Side,
    Source,
    Status,
)

CACHE_FORMAT = 5  # bump when the row layout changes (4: events' aliases; 5: curation dates)
CACHE_ENV, NO_CACHE_ENV = "POKROVSK_CACHE_DIR", "POKROVSK_NO_CACHE"
_MAGIC = "pokrovsk-cache"
# Rows are read a block at a time: one checksum update and one decode per block, not per row.
_CHUNK = 1 << 20


# An entry's header is one short line; a file whose first line is longer is not an entry.
_HEADER_LIMIT = 64 * 1024


def _trusted(entry: os.stat_result, folder: str) -> bool:
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


def _web(url: str | None) -> bool:
    return url is None or url.startswith(("https://", "http://"))


def cache_dir() -> str:
    """POKROVSK_CACHE_DIR, else $XDG_CACHE_HOME/pokrovsk, else ~/.cache/pokrovsk."""
    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pokrovsk")


def enabled() -> bool:
    return not os.environ.get(NO_CACHE_ENV)


def cache_path(
    layers: Sequence[tuple[Where, str]], contents: Sequence[bytes], schema_version: int
) -> str:
    """Where the cache entry for exactly these files, with these contents (as read), lives."""
    content = blake2b(digest_size=20)
    content.update(f"{_MAGIC}:{CACHE_FORMAT}:{schema_version}:{__version__}".encode())
    names = blake2b(digest_size=8)
    for (path, label), data in zip(layers, contents, strict=True):
        for part in (label.encode(), str(len(data)).encode(), data):
            content.update(part)
            content.update(b"\0")
        names.update(os.path.realpath(path).encode() + b"\0")
    # The first part names the set of files, so a newer entry can replace an older one.
    return os.path.join(cache_dir(), f"{names.hexdigest()}-{content.hexdigest()}.json")


# --- to and from plain data ------------------------------------------------------------------


def _span(span: DateSpan | None) -> list[Any] | None:
    if span is None:
        return None
    flags = span.approximate | span.uncertain << 1 | span.interval << 2
    return [span.text, span.first.toordinal(), span.last.toordinal(), span.precision.value, flags]


def _unspan(data: list[Any] | None, seen: dict[tuple[Any, ...], DateSpan]) -> DateSpan | None:
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


def _day(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def _unday(number: int | None) -> date | None:
    return None if number is None else date.fromordinal(number)


def _rows(dataset: Dataset) -> Iterator[list[Any]]:
    """One plain row per entry, first element the kind: s(ource), p(lace), a(ctor), e(vent),
    f(act), c(orrection); an entry's curation dates come last."""
    for s in dataset.sources.values():
        yield ["s", s.id, s.publisher, s.title, s.url, _span(s.published), s.note, s.dataset] + [
            s.copy_url,
            _day(s.added),
            _day(s.updated),
        ]
    for p in dataset.places.values():
        yield ["p", p.id, p.name, p.other_names, p.kind, p.oblast, p.country, p.lat, p.lon] + [
            p.sources,
            p.note,
            p.dataset,
            _day(p.added),
            _day(p.updated),
        ]
    for a in dataset.actors.values():
        yield ["a", a.id, a.name, a.other_names, a.side.value, a.kind.value, a.note, a.dataset]
    for e in dataset.events:
        yield ["e", e.id, _span(e.date), e.title, e.summary, e.category.value, e.tags] + [
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
            _day(e.added),
            _day(e.updated),
        ]
    for f in dataset.facts:
        yield ["f", f.id, f.question, f.aliases, f.answer, f.value, f.unit, _span(f.as_of)] + [
            f.attributed_to,
            f.sources,
            f.note,
            f.status.value,
            f.dataset,
            f.low,
            f.high,
            [_value(v) for v in f.earlier],
            _day(f.added),
            _day(f.updated),
        ]
    for c in dataset.corrections:
        yield ["c", c.id, _day(c.date), c.entry, c.change.value, c.was, c.now, c.why] + [
            c.sources,
            c.dataset,
        ]


def _value(v: FactValue) -> list[Any]:
    return [v.value, v.low, v.high, v.unit, _span(v.as_of), v.status.value, v.attributed_to] + [
        v.sources,
        v.note,
    ]


def _unvalue(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> FactValue:
    value, low, high, unit, as_of, status, attributed_to, cited, note = row
    span = _unspan(as_of, spans)
    assert span is not None
    return FactValue(
        value, low, high, unit, span, _STATUSES[status], attributed_to, tuple(cited), note
    )


def _source(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> Source:
    _, sid, publisher, title, url, published, note, origin, copy_url, added, updated = row
    return Source(
        sid,
        publisher,
        title,
        url,
        _unspan(published, spans),
        note,
        origin,
        copy_url,
        _unday(added),
        _unday(updated),
    )


def _actor(row: list[Any]) -> Actor:
    _, aid, name, others, side, kind, note, origin = row
    return Actor(aid, name, tuple(others), _SIDES[side], _KINDS[kind], note, origin)


def _place(row: list[Any]) -> Place:
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
        _unday(added),
        _unday(updated),
    )


def _correction(row: list[Any]) -> Correction:
    _, cid, day, entry, change, was, now, why, cited, origin = row
    return Correction(
        cid, date.fromordinal(day), entry, _CHANGES[change], was, now, why, tuple(cited), origin
    )


def _event(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> Event:
    _, eid, span, title, summary, category, tags, where, actors, status = row[:10]
    claimed, denied, cited, quote, note, origin, assessed, aliases, added, updated = row[10:]
    return Event(
        eid,
        _unspan(span, spans),  # type: ignore[arg-type]
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
        _unday(added),
        _unday(updated),
    )


def _fact(row: list[Any], spans: dict[tuple[Any, ...], DateSpan]) -> Fact:
    _, fid, question, aliases, answer, value, unit, as_of, attributed, cited = row[:10]
    note, status, origin, low, high, earlier, added, updated = row[10:]
    return Fact(
        fid,
        question,
        tuple(aliases),
        answer,
        value,
        unit,
        _unspan(as_of, spans),
        attributed,
        tuple(cited),
        note,
        _STATUSES[status],
        origin,
        low,
        high,
        tuple(_unvalue(v, spans) for v in earlier),
        _unday(added),
        _unday(updated),
    )


# --- reading and writing -------------------------------------------------------------------


def read(path: Where) -> Dataset | None:
    """The cached dataset, or None when there is none or it does not check out.

    Rows are read a block of lines at a time, so the file's text and the dataset are never both
    in memory in full; nothing is returned until the checksum of every line has matched.
    """
    sources: dict[str, Source] = {}
    places: dict[str, Place] = {}
    actors: dict[str, Actor] = {}
    events: list[Event] = []
    facts: list[Fact] = []
    corrections: list[Correction] = []
    spans: dict[tuple[Any, ...], DateSpan] = {}
    # The decoder's scanner itself: json.loads would also sniff each line's encoding and
    # check its type, which was a fifth of reading 100,000 rows.
    scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__
    try:
        # No symlinks (a link to /dev/zero), and no waiting on a FIFO someone put there.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle, no_cyclic_gc():
            if not _trusted(os.fstat(descriptor), os.path.dirname(os.fspath(path))):
                return None
            header = json.loads(handle.readline(_HEADER_LIMIT))
            if header.get("magic") != _MAGIC or header.get("format") != CACHE_FORMAT:
                return None
            checksum = blake2b(digest_size=20)
            rest = b""
            while chunk := handle.read(_CHUNK):
                checksum.update(chunk)
                block = rest + chunk
                cut = block.rfind(b"\n") + 1
                rest = block[cut:]
                # Split on "\n" only: a row may hold U+2028, which str.splitlines splits on.
                for line in block[:cut].decode().split("\n")[:-1]:
                    row, end = scan(line, 0)
                    if end != len(line):
                        return None  # not one JSON value on the line
                    kind = row[0]
                    if kind == "e":
                        events.append(_event(row, spans))
                    elif kind == "s":
                        sources[row[1]] = _source(row, spans)
                    elif kind == "p":
                        places[row[1]] = _place(row)
                    elif kind == "a":
                        actors[row[1]] = _actor(row)
                    elif kind == "f":
                        facts.append(_fact(row, spans))
                    elif kind == "c":
                        corrections.append(_correction(row))
                    else:
                        return None
            if rest:
                return None  # the last row has no end of line: cut short
        if checksum.hexdigest() != header.get("checksum") or len(events) != header["events"]:
            return None  # truncated or altered: parse the YAML again
        if not all(_web(s.url) and _web(s.copy_url) for s in sources.values()):
            return None  # not what the loader lets through: links in outputs must be http(s)
        layers = tuple(
            Layer(
                label,
                version,
                _unspan(curated, spans),
                tuple((name, date.fromordinal(day)) for name, day in releases),
            )
            for label, version, curated, releases in header["layers"]
        )
        return Dataset(
            header["path"],
            sources,
            places,
            tuple(events),
            tuple(facts),
            actors,
            layers,
            tuple(corrections),
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, StopIteration):
        return None  # StopIteration: the scanner found no JSON value where a row should be


def write(path: Where, dataset: Dataset) -> None:
    """Store a checked dataset atomically; on any failure, store nothing and carry on."""
    checksum = blake2b(digest_size=20)
    lines = []
    for row in _rows(dataset):
        line = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        checksum.update(line)
        lines.append(line)
    header = {
        "magic": _MAGIC,
        "format": CACHE_FORMAT,
        "checksum": checksum.hexdigest(),
        "events": len(dataset.events),
        "path": dataset.path,
        "layers": [
            [
                x.label,
                x.version,
                _span(x.curated_through),
                [[n, d.toordinal()] for n, d in x.versions],
            ]
            for x in dataset.layers
        ],
    }
    temporary = None
    try:
        folder, name = os.path.split(os.fspath(path))
        os.makedirs(folder, mode=0o700, exist_ok=True)  # private: see _trusted
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(json.dumps(header).encode() + b"\n")
            stream.writelines(lines)
        os.replace(temporary, path)
        temporary = None
        prefix = name.split("-")[0] + "-"
        for old in os.listdir(folder):  # older contents of the same files
            if old.startswith(prefix) and old.endswith(".json") and old != name:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, old))
    except OSError:
        pass
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

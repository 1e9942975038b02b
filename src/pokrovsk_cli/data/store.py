"""The cache as an SQLite database: a checked dataset, stored so a query reads only its rows.

One file per set of layer files, named by their content key (cache.content_key), so an edited
file, a new release or a new format is never served stale data. Events are stored in timeline
order (`n`, so a query's rows lie side by side) with the dataset's order (`pos`), day span,
category and status as indexed columns; their rows and CSV lines in a table of their own; their
folded tags, places and asserting actors in tables keyed by value; their searchable text in an
FTS5 trigram index (folded text, then instr(): substrings, as `--search` always matched); and
every place with coordinates in an R*Tree, so `--near` looks up a box, not every place.
The filters of `timeline` become one SQL query; only the matching rows are read.

Trust, as for any cache: a file nobody but the user can write (cache.trusted), with this
program's application id and format in its header, checked before sqlite3 is even imported;
its size must be what the header says. A damaged file found while reading is removed and
reported (DamagedStore), never half used. Other entries (sources, places, actors, facts,
corrections) are small and read whole, as plain JSON rows; links are checked to be http(s).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar, overload

from pokrovsk_cli.data import cache
from pokrovsk_cli.data.event_filter import check_filter, sort_key
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.data.model import Category, Dataset, DateSpan, Event, Layer, Precision, Status
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.text import fold

if TYPE_CHECKING:
    import sqlite3

    from pokrovsk_cli.data.event_filter import EventFilter

APPLICATION_ID = 0x504B5653  # "PKVS" in the header's application id field: this program's file
SUFFIX = ".sqlite"
# Lines of CSV the output layer makes for each event, stored beside it (see build).
LineMaker = Callable[[Sequence[Event], Dataset], Iterable[str]]

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (kind TEXT NOT NULL, row TEXT NOT NULL, sum INTEGER NOT NULL);
CREATE INDEX entries_kind ON entries (kind);
CREATE TABLE events (
    n INTEGER PRIMARY KEY,
    pos INTEGER NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    id TEXT NOT NULL,
    precision TEXT NOT NULL
);
CREATE TABLE event_data (
    n INTEGER PRIMARY KEY,
    row TEXT NOT NULL,
    line TEXT,
    row_sum INTEGER NOT NULL,
    line_sum INTEGER
);
CREATE TABLE event_tags (tag TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (tag, n))
    WITHOUT ROWID;
CREATE TABLE event_places (place TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (place, n))
    WITHOUT ROWID;
CREATE TABLE event_asserters (actor TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (actor, n))
    WITHOUT ROWID;
CREATE TABLE place_keys (k INTEGER PRIMARY KEY, id TEXT NOT NULL);
CREATE VIRTUAL TABLE place_box USING rtree(k, min_lat, max_lat, min_lon, max_lon);
"""
# Built after the rows are in: one sort per index instead of a b-tree insert per row.
_INDEXES = """
CREATE UNIQUE INDEX events_pos ON events (pos);
CREATE UNIQUE INDEX events_id ON events (id);
CREATE INDEX events_last ON events (last);
CREATE INDEX events_first ON events (first);
CREATE INDEX events_category ON events (category, n);
CREATE INDEX events_status ON events (status, n);
"""
_TEXT_INDEX = (
    "CREATE VIRTUAL TABLE event_text USING fts5"
    "(hay, tokenize='trigram case_sensitive 1', detail='none')"
)
_HEADER = 100  # bytes of an SQLite file's header
_LINKS = ("$[4]", "$[8]")  # a source row's url and copy_url (cache.entry_rows)
_NOT_WEB = "SELECT EXISTS (SELECT 1 FROM entries WHERE kind = 's' AND ({}))".format(
    " OR ".join(
        f"(json_extract(row, '{at}') IS NOT NULL AND substr(json_extract(row, '{at}'), 1, 8)"
        f" != 'https://' AND substr(json_extract(row, '{at}'), 1, 7) != 'http://')"
        for at in _LINKS
    )
)
T = TypeVar("T")


class DamagedStore(DataError):
    """A cache file that failed while being read: it is removed, and the run says so."""


def path_for(names: str, key: str) -> str:
    return os.path.join(cache.cache_dir(), f"{names}-{key}{SUFFIX}")


def _header_fits(path: str) -> bool:
    """Whether the file is an SQLite database of ours, of this format, and whole: read from its
    first 100 bytes (page size at 16, pages at 28, user_version at 60, application id at 68)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not cache.trusted(info, os.path.dirname(path)):
            return False
        head = handle.read(_HEADER)
    if len(head) < _HEADER or not head.startswith(b"SQLite format 3\0"):
        return False
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    return (
        int.from_bytes(head[68:72], "big") == APPLICATION_ID
        and int.from_bytes(head[60:64], "big") == cache.CACHE_FORMAT
        and page * pages == info.st_size
    )


def _connect(path: str) -> sqlite3.Connection:
    import sqlite3

    # A URI: read only, and never a journal or WAL file beside it. Quoted: a path may hold ? or #.
    quoted = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return sqlite3.connect(f"file:{quoted}?mode=ro&immutable=1", uri=True)


def store_of(dataset: Dataset) -> Store | None:
    """The store a dataset was read from, if it is still that dataset (a copy made with other
    events or places, as tests make, is not: it is filtered in memory)."""
    events = dataset.events
    if not isinstance(events, StoredEvents):
        return None
    served = events.store.served
    if (
        served is None
        or dataset.places is not served.places
        or dataset.sources is not served.sources
    ):
        return None
    return events.store


def open_dataset(path: str) -> Dataset | None:
    """The dataset stored at path, its events read on demand; None when there is none or it is
    not one this program may trust."""
    if not _header_fits(path):
        return None
    import sqlite3

    try:
        store = Store(path, _connect(path))
        return store.dataset()
    except (DamagedStore, sqlite3.DatabaseError, ValueError, KeyError, TypeError, IndexError):
        return None  # DamagedStore: already removed, so it is built again


# --- building -----------------------------------------------------------------------------


def _asserters(event: Event) -> set[str]:
    return {*event.claimed_by, *event.assessed_by}


def _haystack(event: Event, names: dict[str, str]) -> str:
    """What --search looks in, folded: title, summary, tags, place ids and every place name
    (as answers/query.py's; folding part by part gives the same text, with the names folded
    once per place rather than once per event)."""
    own = fold(" ".join((event.title, event.summary, *event.tags, *event.places)))
    return " ".join((own, *(names[p] for p in event.places if p in names)))


def _sum(text: str) -> int:
    """A checksum of a stored text: damage to one row shows when it is read."""
    import zlib

    return zlib.crc32(text.encode())


def _dumps(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def _layer_rows(dataset: Dataset) -> list[Any]:
    return [
        [x.label, x.version, cache.span_row(x.curated_through)]
        + [[[n, d.toordinal()] for n, d in x.versions]]
        for x in dataset.layers
    ]


def build(path: str, dataset: Dataset, lines: LineMaker | None = None) -> None:
    """Store a checked dataset atomically; on any failure store nothing and carry on.

    `lines` makes each event's CSV line (the output layer knows the format): stored, a CSV of
    23,000 events is copied out, not formatted again.
    """
    import sqlite3

    temporary = None
    try:
        folder, name = os.path.split(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)  # private: see cache.trusted
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(handle)
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            _fill(connection, dataset, lines)
        finally:
            connection.close()
        os.replace(temporary, path)
        temporary = None
        _tidy(folder, name)
    except (OSError, sqlite3.Error):
        pass
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


_ABANDONED_SECONDS = 3600


def _tidy(folder: str, kept: str) -> None:
    """In one pass over the folder, once `kept` is in place, remove the entries for older
    contents of the same files (.json: before format 6) and the half-built stores of builders
    that were killed: a temporary file nobody has written to for an hour (a builder writes all
    the time; 1,000,000 events take minutes)."""
    import time

    prefix, now = kept.split("-")[0] + "-", time.time()
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        with contextlib.suppress(OSError):
            if name.startswith(prefix) and name.endswith((SUFFIX, ".json")) and name != kept:
                os.unlink(path)
            elif name.startswith("tmp") and name.endswith(".tmp"):
                if now - os.lstat(path).st_mtime > _ABANDONED_SECONDS:
                    os.unlink(path)


# From this many events on, the store is built by a child process after the answer is out:
# 100,000 events take about 12 s to store, as long again as reading them, and a first run should
# not wait for what only later runs gain (at 1,000 events storing doubled a first run). Smaller
# datasets, the bundled data's 86 events among them, are stored at once, in a few milliseconds.
BACKGROUND_EVENTS = 500
_LOCK = ".lock"


def build_later(path: str, dataset: Dataset, lines: LineMaker | None = None) -> None:
    """build() in a child process that outlives this one, holding a lock file a run that wants
    the same store waits on (wait_for_build); at once, where there is no fork()."""
    if not hasattr(os, "fork") or len(dataset.events) < BACKGROUND_EVENTS:
        build(path, dataset, lines)
        return
    import fcntl
    import sqlite3  # noqa: F401 - imported before fork(), never under another thread's lock
    import sys
    import tempfile  # noqa: F401
    import zlib  # noqa: F401

    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        lock = os.open(path + _LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError:
        return  # no folder to store in: no store, as with build()
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # taken here, so no run misses it
    except OSError:
        os.close(lock)  # another run is building it already
        return
    sys.stdout.flush()
    sys.stderr.flush()
    if os.fork():
        os.close(lock)  # the child's descriptor keeps the lock
        return
    try:  # the child: silent, in a session of its own, gone when the store is in place
        os.setsid()
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        build(path, dataset, lines)
        with contextlib.suppress(OSError):
            os.unlink(path + _LOCK)
    finally:
        os._exit(0)


def wait_for_build(path: str) -> None:
    """Wait until a store being built for path (by build_later) is in place or given up."""
    try:
        lock = os.open(path + _LOCK, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return  # none being built
    import fcntl

    try:
        fcntl.flock(lock, fcntl.LOCK_SH)  # released when the builder finishes, or dies
    except OSError:
        pass
    finally:
        os.close(lock)


def _fill(connection: sqlite3.Connection, dataset: Dataset, lines: LineMaker | None) -> None:

    connection.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place when whole
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA page_size = 8192")
    connection.execute("BEGIN")
    for statement in _SCHEMA.split(";"):  # not executescript: it would commit first
        if statement.strip():
            connection.execute(statement)
    connection.execute(_TEXT_INDEX)  # an SQLite without FTS5 raises here: then no store
    # In timeline order, so `n` is the order a query returns and its rows lie side by side;
    # `pos` keeps the dataset's own order for reading every event back.
    given = dataset.events
    order = sorted(range(len(given)), key=lambda i: sort_key(given[i]))
    events = [given[i] for i in order]
    made = list(lines(events, dataset)) if lines else [None] * len(events)
    names = {p.id: fold(" ".join((p.name, *p.other_names))) for p in dataset.places.values()}
    with no_cyclic_gc():
        connection.executemany(
            "INSERT INTO entries VALUES (?, ?, ?)",
            ((r[0], text, _sum(text)) for r in cache.entry_rows(dataset) for text in (_dumps(r),)),
        )
        connection.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    n,
                    order[n],
                    e.date.first.toordinal(),
                    e.date.last.toordinal(),
                    e.category.value,
                    e.status.value,
                    e.id,
                    e.date.precision.value,
                )
                for n, e in enumerate(events)
            ),
        )
        connection.executemany(
            "INSERT INTO event_data VALUES (?, ?, ?, ?, ?)",
            (
                (n, row, line, _sum(row), None if line is None else _sum(line))
                for n, (e, line) in enumerate(zip(events, made, strict=True))
                for row in (_dumps(cache.event_row(e)),)
            ),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO event_tags VALUES (?, ?)",
            ((fold(tag), n) for n, e in enumerate(events) for tag in e.tags),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO event_places VALUES (?, ?)",
            ((place, n) for n, e in enumerate(events) for place in e.places),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO event_asserters VALUES (?, ?)",
            ((actor, n) for n, e in enumerate(events) for actor in _asserters(e)),
        )
        connection.executemany(
            "INSERT INTO event_text (rowid, hay) VALUES (?, ?)",
            ((n, _haystack(e, names)) for n, e in enumerate(events)),
        )
    located = [p for p in dataset.places.values() if p.lat is not None and p.lon is not None]
    connection.executemany(
        "INSERT INTO place_keys VALUES (?, ?)", ((k, p.id) for k, p in enumerate(located))
    )
    connection.executemany(
        "INSERT INTO place_box VALUES (?, ?, ?, ?, ?)",
        ((k, p.lat, p.lat, p.lon, p.lon) for k, p in enumerate(located)),
    )
    for statement in _INDEXES.split(";"):
        if statement.strip():
            connection.execute(statement)
    meta = {
        "path": dataset.path,
        "layers": _layer_rows(dataset),
        "events": len(events),
        "lines": lines is not None,
    }
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v)) for k, v in meta.items())
    )
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {cache.CACHE_FORMAT}")
    connection.execute("COMMIT")


def _trigrams(words: Sequence[str]) -> list[str]:
    """The three-character pieces of the words long enough to have them, each a one-token
    phrase for FTS5's MATCH (a trigram index with detail=none takes no longer phrases)."""
    grams = sorted({word[i : i + 3] for word in words for i in range(len(word) - 2)})
    return [f'"{gram.replace(chr(34), chr(34) * 2)}"' for gram in grams]


def _searching(words: Sequence[str]) -> str:
    """The WHERE of a search: the index finds the rows holding every trigram, instr() keeps
    those holding each word. Not GLOB: SQLite 3.40's FTS5 crashes on a GLOB too short for the
    index ANDed with one that is not (seen here with '*a*' and '*pokrovsk*')."""
    found = ["instr(hay, ?) > 0" for _ in words]
    return " AND ".join((["event_text MATCH ?"] if _trigrams(words) else []) + found)


def _search_params(words: Sequence[str]) -> list[str]:
    grams = _trigrams(words)
    return ([" AND ".join(grams)] if grams else []) + list(words)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


class Store:
    """An open store: the small entries whole, events by query."""

    def __init__(self, path: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection
        self.spans: dict[tuple[Any, ...], DateSpan] = {}
        self.lines = False
        self.served: Dataset | None = None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        import sqlite3

        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as problem:
            raise self._damaged(problem) from None

    def _damaged(self, problem: Exception) -> DamagedStore:
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        return DamagedStore(
            self.path,
            f"the cache file could not be read ({problem}); it has been removed",
            hint="run the command again: the data files are read afresh",
        )

    def dataset(self) -> Dataset:
        """The stored dataset, its events a lazy sequence; ValueError etc. if it does not
        check out (the caller then treats the store as missing)."""
        meta = {key: json.loads(value) for key, value in self._rows("SELECT key, value FROM meta")}
        self.lines = bool(meta["lines"])
        spans = self.spans
        facts, corrections = [], []
        for row in self.entries("f", "c"):
            if row[0] == "f":
                facts.append(cache.fact_from(row, spans))
            else:
                corrections.append(cache.correction_from(row))
        # Links in outputs must be http(s), as the loader lets through; checked here, in SQL,
        # so the sources themselves are read only when a command needs them.
        if self._rows(_NOT_WEB)[0][0]:
            raise ValueError("a link that is not http(s)")
        layers = tuple(
            Layer(
                label,
                version,
                cache.unspan(curated, spans),
                tuple((name, date.fromordinal(day)) for name, day in releases),
            )
            for label, version, curated, releases in meta["layers"]
        )
        self.served = Dataset(
            meta["path"],
            StoredEntries(self, "s", lambda row: cache.source_from(row, spans)),
            StoredEntries(self, "p", cache.place_from),
            StoredEvents(self, int(meta["events"])),
            tuple(facts),
            StoredEntries(self, "a", cache.actor_from),
            layers,
            tuple(corrections),
        )
        return self.served

    def _checked(
        self, sql: str, params: Sequence[Any], make: Callable[[Any], T], what: str
    ) -> list[T]:
        """make() of each JSON row the query gives (its text, its sum), each sum checked: any
        damage removes the store (DamagedStore)."""
        rows = self._rows(sql, params)
        if not all(_sum(text) == checksum for text, checksum in rows):
            raise self._damaged(ValueError(f"a stored {what} does not match its checksum"))
        try:
            with no_cyclic_gc():
                return [make(json.loads(text)) for text, _ in rows]
        except (ValueError, KeyError, TypeError, IndexError) as problem:
            raise self._damaged(problem) from None

    def entries(self, *kinds: str) -> list[Any]:
        """The plain rows of these kinds of entry, in the dataset's order, each checked."""
        sql = f"SELECT row, sum FROM entries WHERE kind IN ({_marks(kinds)}) ORDER BY rowid"
        return self._checked(sql, kinds, lambda row: row, "entry")

    def events(
        self, where: str = "", params: Sequence[Any] = (), order: str = "pos"
    ) -> list[Event]:
        """The events a query picks, read from their rows (each checked against its sum)."""
        spans = self.spans
        sql = f"SELECT row, row_sum FROM events JOIN event_data USING (n) {where} ORDER BY {order}"
        return self._checked(sql, params, lambda row: cache.event_from(row, spans), "event")

    def event(self, ident: str) -> Event | None:
        """The event with this id, or None (read through the index on ids)."""
        found = self.events("WHERE id = ?", (ident,))
        return found[0] if found else None

    def select(self, wanted: EventFilter) -> Selection:
        """The events that pass the filter, in timeline (or reverse) order, not yet read."""
        check_filter(wanted)
        clauses: list[str] = []
        params: list[Any] = []
        if wanted.since:
            clauses.append("last >= ?")
            params.append(wanted.since.first.toordinal())
        if wanted.until:
            clauses.append("first <= ?")
            params.append(wanted.until.last.toordinal())
        if wanted.on:
            clauses.append("first <= ? AND last >= ?")
            params += [wanted.on.last.toordinal(), wanted.on.first.toordinal()]
        for column, values in (
            ("category", [c.value for c in wanted.categories]),
            ("status", [s.value for s in wanted.statuses]),
        ):
            if values:
                clauses.append(f"{column} IN ({_marks(values)})")
                params += values
        # Each: events with one of these values. Tags, places and claimants given empty ask
        # nothing; a side or a distance that names no one or nothing matches no event.
        for table, column, given in (
            ("event_tags", "tag", tuple(sorted({fold(tag) for tag in wanted.tags})) or None),
            ("event_places", "place", wanted.places or None),
            ("event_asserters", "actor", wanted.claimants or None),
            ("event_asserters", "actor", wanted.side_actors),
            ("event_places", "place", wanted.near_places),
        ):
            if given is not None:
                clauses.append(f"n IN (SELECT n FROM {table} WHERE {column} IN ({_marks(given)}))")
                params += given
        words = fold(wanted.search).split() if wanted.search else []
        if words:
            clauses.append(f"n IN (SELECT rowid FROM event_text WHERE {_searching(words)})")
            params += _search_params(words)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        order = "n DESC" if wanted.reverse else "n"
        if wanted.limit is not None:
            order += " LIMIT ?"
            params.append(wanted.limit)
        return Selection(self, where, tuple(params), order)

    def places_in_box(self, south: float, north: float, west: float, east: float) -> list[str]:
        """Ids of the places with coordinates inside the box (from the R*Tree)."""
        rows = self._rows(
            # Overlap, not inside: the R*Tree keeps 32-bit boxes rounded outwards, so a place
            # on the edge must still be found (the caller measures each distance anyway).
            "SELECT id FROM place_keys WHERE k IN (SELECT k FROM place_box"
            " WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?)",
            (south, north, west, east),
        )
        return [ident for (ident,) in rows]


class StoredEntries(Mapping[str, T]):
    """Sources, places or actors by id, read from the store the first time they are needed:
    10,000 sources take longer to read than a whole CSV query."""

    def __init__(self, store: Store, kind: str, make: Callable[[Any], T]) -> None:
        self._store, self._kind, self._make = store, kind, make
        self._entries: dict[str, T] | None = None

    def _all(self) -> dict[str, T]:
        if self._entries is None:
            rows = self._store.entries(self._kind)
            try:
                self._entries = {row[1]: self._make(row) for row in rows}
            except (ValueError, KeyError, TypeError, IndexError) as problem:
                raise self._store._damaged(problem) from None
        return self._entries

    def __getitem__(self, key: str) -> T:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]


class _LazyEvents(Sequence[Event]):
    """Events read from the store the first time they are looked at (`_all`)."""

    def _all(self) -> Sequence[Event]:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Event]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]


class StoredEvents(_LazyEvents):
    """A dataset's events, in its own order."""

    def __init__(self, store: Store, count: int) -> None:
        self.store, self._count = store, count
        self._events: tuple[Event, ...] | None = None

    def _all(self) -> tuple[Event, ...]:
        if self._events is None:
            self._events = tuple(self.store.events())
            if len(self._events) != self._count:
                raise self.store._damaged(ValueError("events are missing"))
        return self._events

    def __len__(self) -> int:
        return self._count


class Selection(_LazyEvents):
    """The events a filter picks; a CSV can copy their stored lines without reading them."""

    def __init__(self, store: Store, where: str, params: tuple[Any, ...], order: str) -> None:
        self._store, self._where, self._params, self._order = store, where, params, order
        self._events: list[Event] | None = None

    def _all(self) -> list[Event]:
        if self._events is None:
            self._events = self._store.events(self._where, self._params, self._order)
        return self._events

    def groups(self) -> list[tuple[date, Precision, Category, Status, int]]:
        """How many of the events start on each day, by precision, category and status: what
        a chart counts, without reading one event."""
        rows = self._store._rows(
            "SELECT first, precision, category, status, COUNT(*) FROM events"
            f" {self._where} GROUP BY first, precision, category, status",
            self._params,
        )
        try:
            return [
                (date.fromordinal(first), Precision(p), Category(c), Status(s), count)
                for first, p, c, s, count in rows
            ]
        except ValueError as problem:
            raise self._store._damaged(problem) from None

    @property
    def limited(self) -> bool:
        return " LIMIT " in self._order

    def known_as(self, precisions: Sequence[Precision]) -> list[Event]:
        """The events whose dates have these precisions, in this selection's order (of a
        selection without a limit: with one, it would pick among other events)."""
        if self.limited:
            raise ValueError("known_as() of a limited selection")
        marks = f"precision IN ({_marks(precisions)})"
        where = f"{self._where} AND {marks}" if self._where else f"WHERE {marks}"
        params = (*self._params, *(p.value for p in precisions))
        return self._store.events(where, params, self._order)

    def csv_lines(self) -> Iterator[str] | None:
        """Each event's stored CSV line (all columns, CRLF), or None when none were stored."""
        if not self._store.lines:
            return None
        sql = (
            "SELECT line, line_sum FROM events JOIN event_data USING (n)"
            f" {self._where} ORDER BY {self._order}"
        )
        import sqlite3

        try:
            cursor = self._store.connection.execute(sql, self._params)
        except sqlite3.DatabaseError as problem:
            raise self._store._damaged(problem) from None
        return self._lines(cursor)

    def _lines(self, cursor: sqlite3.Cursor) -> Iterator[str]:
        import sqlite3

        try:
            while rows := cursor.fetchmany(4096):
                for line, checksum in rows:
                    if line is None or _sum(line) != checksum:
                        raise self._store._damaged(ValueError("a stored line is damaged"))
                    yield line
        except sqlite3.DatabaseError as problem:
            raise self._store._damaged(problem) from None

    def __len__(self) -> int:
        return len(self._all())

    def __bool__(self) -> bool:
        if self._events is not None:
            return bool(self._events)
        sql = f"SELECT 1 FROM events {self._where} ORDER BY {self._order}"
        return bool(self._store._rows(f"SELECT EXISTS ({sql})", self._params)[0][0])

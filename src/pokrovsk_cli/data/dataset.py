"""Find the bundled data, load YAML safely, and validate it into frozen objects.

Every problem is reported as `file:line:column: message`, with positions taken from the YAML
nodes; nothing untyped gets past this module.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pokrovsk_cli.data.dates import DATA_DATE_FORMS, DateParseError, parse_data_date
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.data.model import (
    Actor,
    ActorKind,
    Category,
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
from pokrovsk_cli.errors import DataError, UsageError
from pokrovsk_cli.text import brief, first_unsafe, inert

if TYPE_CHECKING:
    from pathlib import Path

    from pokrovsk_cli.data.yaml_located import LocatedDict

    # A file is a str or a Path: the bundled data's is a str, so that a lookup on it never
    # imports pathlib (3 ms); the files users give arrive as Paths.
    Where = str | os.PathLike[str]

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUMMARY_LIMIT = 600
# Every text field is bounded, so no entry can make a table or a page unreasonably slow
# (a 10 MB title took 15 s on a terminal). The schema states the same limits.
TEXT_LIMITS = {"summary": SUMMARY_LIMIT, "note": 2000, "answer": 2000, "url": 2048}
TEXT_LIMITS["copy_url"] = TEXT_LIMITS["url"]
TEXT_LIMIT = 300  # every other text: titles, names, questions, tags, ids...
# A dataset file larger than this is refused before it is read: 100,000 events take about
# 50 MB, so this leaves room for real data and none for a memory attack.
MAX_FILE_BYTES = 128 * 1024 * 1024
BUNDLED = "bundled"  # the `dataset` label of the bundled data
DATA_ENV = "POKROVSK_DATA"


def bundled_file() -> str:
    """Where the dataset shipped with the package lives (inside the wheel, or the source tree)."""
    here = os.path.dirname(__file__)  # the wheel puts the file beside this package's modules
    packaged = os.path.join(here, "events.yaml")
    if os.path.isfile(packaged):
        return packaged
    # Editable installs and source checkouts: the file stays at the top level of the project.
    project = os.path.realpath(__file__)  # src/pokrovsk_cli/data/<this file>: four levels up
    for _ in range(4):
        project = os.path.dirname(project)
    return os.path.join(project, "data", "events.yaml")


def bundled_data_path() -> Path:
    """bundled_file() as a Path."""
    from pathlib import Path

    return Path(bundled_file())


def _too_big(name: str, size: int) -> DataError:
    return DataError(
        name,
        f"is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit",
        hint="split it into several files and pass each with --data",
    )


def read_bytes(path: Where) -> bytes:
    """A dataset file's bytes, read once and never more than the size limit.

    Once: a pipe (`--data <(cat f)`, /dev/stdin) can be read only once, and a file that changes
    between two reads must not be parsed as one version and cached as another. Bounded: a
    device such as /dev/zero reports no size, so the limit holds on what is read.
    """
    name = os.fspath(path)
    try:
        size = os.stat(path).st_size
        if os.path.isfile(path) and size > MAX_FILE_BYTES:
            raise _too_big(name, size)  # refused before reading a byte
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DataError(
            name, "no such file", hint="check the path given to --data or POKROVSK_DATA"
        ) from None
    except IsADirectoryError:
        raise DataError(name, "is a directory, not a dataset file") from None
    except PermissionError:
        raise DataError(name, "permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        raise DataError(name, f"cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(name, len(raw))
    return raw


def read_yaml(path: Where, raw: bytes | None = None) -> Any:
    """Read one YAML document safely (from `raw` when its bytes are already read); every
    failure becomes a DataError naming the file."""
    import yaml

    name = os.fspath(path)
    if raw is None:
        raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(name, "is not UTF-8 text", line=line, hint="save it as UTF-8") from None
    _refuse_control_characters(name, text)
    from pokrovsk_cli.data.yaml_located import YamlProblem, load_located

    try:
        with no_cyclic_gc():
            return load_located(text)
    except YamlProblem as exc:
        raise DataError(name, str(exc), exc.line, exc.column) from None
    except RecursionError:  # PyYAML's constructors recurse (the walker does not)
        raise DataError(name, "not valid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise DataError(name, f"not valid YAML: {problem}") from None
        raise DataError(
            name, f"not valid YAML: {problem}", mark.line + 1, mark.column + 1
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(name, f"not valid YAML: {exc}") from None


# Characters YAML does not allow in a stream: C0 controls but tab, LF and CR; DEL; C1 but NEL.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _refuse_control_characters(name: str, text: str) -> None:
    """Name the line and column of a character YAML refuses (libyaml gives only an offset)."""
    found = _NOT_YAML.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    raise DataError(
        name,
        f"holds a control character ({inert(found.group())}), which YAML does not allow",
        line,
        column,
        hint="remove it; a dataset file is plain UTF-8 text",
    )


# --- validation ---------------------------------------------------------------------------


@dataclass
class _Checker:
    """Collects every problem in a file, so a curator sees them all at once."""

    path: str
    label: str = BUNDLED  # the `dataset` value of everything read from this file
    problems: list[DataError] = field(default_factory=list)

    def report(self, where: tuple[int, int] | None, message: str, hint: str | None = None) -> None:
        line, column = where if where else (None, None)
        self.problems.append(DataError(self.path, message, line, column, hint))


_MISSING = object()
# The fields that may span lines (and hold tabs); every other text is one line.
MULTILINE_FIELDS = frozenset({"summary", "note", "answer"})


class _Entry:
    """Typed access to one mapping's fields, reporting problems with their positions."""

    def __init__(self, checker: _Checker, raw: LocatedDict, what: str, fields: set[str]) -> None:
        self.checker = checker
        self.raw = raw
        self.what = what
        for key in raw:
            if key not in fields:
                import difflib  # only a misspelt field needs it

                close = difflib.get_close_matches(str(key), sorted(fields), n=1)
                hint = f"did you mean {close[0]!r}?" if close else None
                self.report(key, f"unknown field {brief(key)} in {what}", hint)

    def where(self, key: str) -> tuple[int, int]:
        return self.raw.positions.get(key, (self.raw.line, self.raw.column))

    def report(self, key: str, message: str, hint: str | None = None) -> None:
        self.checker.report(self.where(key), message, hint)

    def get(self, key: str, required: bool) -> Any:
        value = self.raw.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.report(key, f"{self.what} is missing required field {key!r}")
            return _MISSING
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.get(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.report(key, f"{key!r} must be text, not {_type_name(value)}")
            return None
        if required and not value.strip():
            self.report(key, f"{key!r} must not be empty")
            return None
        if not self.plain(key, value):
            return None
        return value.strip()

    def plain(self, key: str, value: str) -> bool:
        """Refuse control and bidi characters: text from data must never act on a terminal.
        Refuse text past its field's length limit too."""
        limit = TEXT_LIMITS.get(key, TEXT_LIMIT)
        if len(value) > limit:
            self.report(key, f"{key!r} is {len(value):,} characters, over the {limit:,} allowed")
            return False
        bad = first_unsafe(value, multiline=key in MULTILINE_FIELDS)
        if bad is None:
            return True
        self.report(
            key,
            f"{key!r} holds a control or bidi-override character ({inert(bad)})",
            "remove it: data text must be plain, and only summary, note and answer may span lines",
        )
        return False

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self.get(key, required)
        if value is _MISSING:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key, f"{key!r} must be a list of text, not {_type_name(value)}")
            return ()
        items = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.report(key, f"{key!r} must hold only non-empty text, found {brief(item)}")
                continue
            if self.plain(key, item):
                items.append(item.strip())
        if required and not items:
            self.report(key, f"{key!r} must list at least one item")
        return tuple(items)

    def date(self, key: str, required: bool = True) -> DateSpan | None:
        value = self.get(key, required)
        if value is _MISSING:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # an unquoted year reads as a number
        if not isinstance(value, str):
            self.report(key, f"{key!r} must be a date string, not {_type_name(value)}")
            return None
        try:
            return parse_data_date(value)
        except DateParseError as exc:
            self.report(key, f"bad date in {key!r}: {exc}", hint=f"use {DATA_DATE_FORMS}")
            return None

    def number(self, key: str, low: float, high: float, required: bool = True) -> float | None:
        value = self.get(key, required)
        if value is _MISSING:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.report(key, f"{key!r} must be a number, not {_type_name(value)}")
            return None
        if not low <= value <= high:
            self.report(key, f"{key!r} is {value}, outside {low}..{high}")
            return None
        return float(value)

    def choice(self, key: str, enum: Any) -> Any:
        value = self.text(key)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.report(key, f"{key!r} is {brief(value)}, not one of: {allowed}")
            return None


def _type_name(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if value is None:
        return "empty"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _items(checker: _Checker, doc: LocatedDict, key: str) -> Iterator[LocatedDict]:
    """Yield the mappings of a top-level collection, reporting anything that is not one."""
    value = doc.get(key)
    where = doc.positions.get(key, (doc.line, doc.column))
    if value is None:
        return
    if not isinstance(value, list):
        checker.report(where, f"{key!r} must be a list of entries, not {_type_name(value)}")
        return
    for item, position in zip(value, value.positions, strict=True):
        if not isinstance(item, dict):
            checker.report(position, f"each entry in {key!r} must be a mapping")
            continue
        yield item


_SOURCE_FIELDS = {"id", "publisher", "title", "url", "copy_url", "published", "note", "replaces"}
_ACTOR_FIELDS = {"id", "name", "other_names", "side", "kind", "note", "replaces"}
_INFO_FIELDS = {"version", "curated_through"}
_PLACE_FIELDS = {
    "id",
    "name",
    "other_names",
    "kind",
    "oblast",
    "country",
    "lat",
    "lon",
    "sources",
    "note",
    "replaces",
}
_EVENT_FIELDS = {
    "id",
    "date",
    "title",
    "summary",
    "category",
    "tags",
    "places",
    "actors",
    "status",
    "claimed_by",
    "denied_by",
    "assessed_by",
    "sources",
    "quote",
    "note",
    "replaces",
}
_FACT_FIELDS = {
    "id",
    "question",
    "aliases",
    "answer",
    "value",
    "unit",
    "as_of",
    "attributed_to",
    "status",
    "sources",
    "note",
    "low",
    "high",
    "history",
    "replaces",
}
_VALUE_FIELDS = {
    "value",
    "low",
    "high",
    "unit",
    "as_of",
    "status",
    "attributed_to",
    "sources",
    "note",
}
_TOP_FIELDS = {"schema_version", "dataset", "sources", "places", "actors", "events", "facts"}
# Figures are bounded so that no value can overflow a writer (5,000-digit integers, 1e308).
_FIGURE_LIMIT = 1e15


def _check_id(entry: _Entry, seen: dict[str, tuple[int, int]]) -> str | None:
    ident = entry.text("id")
    if ident is None:
        return None
    if not ID_PATTERN.fullmatch(ident):
        entry.report("id", f"id {brief(ident)} is not kebab-case", hint="use e.g. 'avdiivka-falls'")
    if ident in seen:
        line, _ = seen[ident]
        entry.report(
            "id", f"duplicate {entry.what} id {brief(ident)} (first defined on line {line})"
        )
    else:
        seen[ident] = entry.where("id")
    return ident


def _check_refs(
    entry: _Entry,
    key: str,
    refs: tuple[str, ...],
    known: dict[str, Any],
    collection: str | None = None,
) -> None:
    """Every id in `refs` names an entry of `known` (the collection `collection`, default key)."""
    collection = collection or key
    for ref in refs:
        if ref not in known:
            import difflib  # only an unknown reference needs it

            close = difflib.get_close_matches(ref, list(known), n=1)
            hint = (
                f"did you mean {close[0]!r}?" if close else f"define it under '{collection}' first"
            )
            noun = collection[:-1]
            entry.report(key, f"{entry.what} cites unknown {noun} {brief(ref)} in {key!r}", hint)


def _check_url(entry: _Entry, key: str) -> str | None:
    url = entry.text(key, required=False)
    if not url:
        return None
    from urllib.parse import urlsplit  # only a YAML load checks URLs, never a cached one

    try:
        parts = urlsplit(url)
        well_formed = parts.scheme in ("http", "https") and bool(parts.netloc)
        well_formed = well_formed and parts.hostname is not None  # hostname parses the netloc
    except ValueError:  # urlsplit refuses some hosts, such as an unbalanced "[" or "]"
        well_formed = False
    if not well_formed:
        entry.report(key, f"{key} {brief(url)} is not a well-formed http(s) address")
        return None
    return url


def _read_source(checker: _Checker, raw: LocatedDict, seen: dict) -> Source | None:
    from pokrovsk_cli.data.provenance import host_of, is_mirror

    entry = _Entry(checker, raw, "source", _SOURCE_FIELDS)
    ident = _check_id(entry, seen)
    publisher, title = entry.text("publisher"), entry.text("title")
    url, copy_url = _check_url(entry, "url"), _check_url(entry, "copy_url")
    if url and is_mirror(url):
        entry.report(
            "url",
            f"url is a copy at {brief(host_of(url))}, not the publisher's own page",
            "move it to 'copy_url'; give 'url' only where the publisher's page is known",
        )
    if publisher and "(via " in publisher:
        entry.report(
            "publisher",
            f"publisher {brief(publisher)} names where a copy was read",
            "name the original publisher; put the copy's address in 'copy_url'",
        )
    published = entry.date("published", required=False)
    note = entry.text("note", required=False)
    if ident is None or publisher is None or title is None:
        return None
    return Source(ident, publisher, title, url, published, note, checker.label, copy_url)


def _read_actor(checker: _Checker, raw: LocatedDict, seen: dict) -> Actor | None:
    entry = _Entry(checker, raw, "actor", _ACTOR_FIELDS)
    ident = _check_id(entry, seen)
    name = entry.text("name")
    other_names = entry.texts("other_names")
    side = kind = None
    for key, enum in (("side", Side), ("kind", ActorKind)):
        if raw.get(key) is None:
            choices = ", ".join(member.value for member in enum)
            entry.report(key, f"actor is missing required field {key!r}", f"one of: {choices}")
        elif key == "side":
            side = entry.choice(key, enum)
        else:
            kind = entry.choice(key, enum)
    note = entry.text("note", required=False)
    if ident is None or name is None or side is None or kind is None:
        return None
    return Actor(ident, name, other_names, side, kind, note, checker.label)


def _read_place(checker: _Checker, raw: LocatedDict, seen: dict, sources: dict) -> Place | None:
    entry = _Entry(checker, raw, "place", _PLACE_FIELDS)
    ident = _check_id(entry, seen)
    name, kind, oblast = entry.text("name"), entry.text("kind"), entry.text("oblast")
    country = entry.text("country")
    other_names = entry.texts("other_names")
    located = "lat" in raw or "lon" in raw
    lat = entry.number("lat", -90, 90, required=located)
    lon = entry.number("lon", -180, 180, required=located)
    cited = entry.texts("sources", required=True)
    _check_refs(entry, "sources", cited, sources)
    note = entry.text("note", required=False)
    if not located and not note:
        entry.report(
            "id",
            "a place without 'lat' and 'lon' needs a 'note' saying why",
            "give coordinates from a verifiable source, or say they could not be verified",
        )
    values = (ident, name, kind, oblast, country)
    if any(value is None for value in values) or (located and (lat is None or lon is None)):
        return None
    return Place(
        ident,  # type: ignore[arg-type]
        name,  # type: ignore[arg-type]
        other_names,
        kind,  # type: ignore[arg-type]
        oblast,  # type: ignore[arg-type]
        country,  # type: ignore[arg-type]
        lat,  # type: ignore[arg-type]
        lon,  # type: ignore[arg-type]
        cited,
        note,
        checker.label,
    )


def _read_quote(entry: _Entry) -> Quote | None:
    value = entry.get("quote", False)
    if value is _MISSING:
        return None
    if not isinstance(value, dict) or set(value) != {"text", "by"}:
        entry.report("quote", "'quote' must be a mapping with exactly 'text' and 'by'")
        return None
    text, by = value["text"], value["by"]
    if not isinstance(text, str) or not isinstance(by, str) or not text.strip() or not by.strip():
        entry.report("quote", "'quote' needs non-empty 'text' and 'by'")
        return None
    if not (entry.plain("quote", text) and entry.plain("quote", by)):
        return None
    return Quote(text.strip(), by.strip())


def _read_event(
    checker: _Checker, raw: LocatedDict, seen: dict, sources: dict, places: dict, actors: dict
) -> Event | None:
    entry = _Entry(checker, raw, "event", _EVENT_FIELDS)
    ident = _check_id(entry, seen)
    span = entry.date("date")
    title, summary = entry.text("title"), entry.text("summary")
    category = entry.choice("category", Category)
    status = entry.choice("status", Status)
    tags = entry.texts("tags")
    cited_places = entry.texts("places")
    _check_refs(entry, "places", cited_places, places)
    cited = entry.texts("sources", required=True)
    _check_refs(entry, "sources", cited, sources)
    named = entry.texts("actors")
    claimed_by, denied_by = entry.texts("claimed_by"), entry.texts("denied_by")
    assessed_by = entry.texts("assessed_by")
    for key, refs in (
        ("actors", named),
        ("claimed_by", claimed_by),
        ("denied_by", denied_by),
        ("assessed_by", assessed_by),
    ):
        _check_refs(entry, key, refs, actors, "actors")
    if status in (Status.CLAIMED, Status.DISPUTED) and not claimed_by:
        entry.report("status", f"a {status.value} event must name who claims it in 'claimed_by'")
    if status is Status.DISPUTED and not denied_by:
        entry.report("status", "a disputed event must name who denies it in 'denied_by'")
    if status is Status.ASSESSED and not assessed_by:
        entry.report(
            "status", "an assessed event must name whose assessment it is in 'assessed_by'"
        )
    _check_sides(entry, claimed_by, assessed_by, actors)
    quote = _read_quote(entry)
    note = entry.text("note", required=False)
    values = (ident, span, title, summary, category, status)
    if any(value is None for value in values):
        return None
    return Event(
        ident,  # type: ignore[arg-type]
        span,  # type: ignore[arg-type]
        title,  # type: ignore[arg-type]
        summary,  # type: ignore[arg-type]
        category,
        tags,
        cited_places,
        named,
        status,
        claimed_by,
        denied_by,
        cited,
        quote,
        note,
        checker.label,
        assessed_by,
    )


def _check_sides(
    entry: _Entry, claimed_by: tuple[str, ...], assessed_by: tuple[str, ...], actors: dict
) -> None:
    """A claim is a party's; an assessment is an independent analyst's or monitor's."""
    for ref in claimed_by:
        actor = actors.get(ref)
        if actor is not None and actor.side is Side.INDEPENDENT:
            entry.report(
                "claimed_by",
                f"{brief(ref)} is independent: its judgement is an assessment, not a claim",
                "use status 'assessed' and list it in 'assessed_by'",
            )
    for ref in assessed_by:
        actor = actors.get(ref)
        if actor is not None and actor.side is not Side.INDEPENDENT:
            entry.report(
                "assessed_by",
                f"{brief(ref)} speaks for {actor.side.value}: its statement is a claim",
                "list it in 'claimed_by' with status 'claimed' or 'disputed'",
            )


def _figure(entry: _Entry) -> tuple[float | int | str | None, float | None, float | None]:
    """A fact's (or a history entry's) value and its low/high range, checked."""
    value = entry.get("value", False)
    if value is _MISSING:
        value = None
    elif isinstance(value, bool) or not isinstance(value, int | float | str):
        entry.report("value", f"'value' must be a number or text, not {_type_name(value)}")
        value = None
    elif isinstance(value, str) and not entry.plain("value", value):
        value = None
    elif not isinstance(value, str) and not (math.isfinite(value) and abs(value) <= _FIGURE_LIMIT):
        entry.report("value", f"'value' {brief(value)} is not a finite number up to 1e15")
        value = None
    low = _as_written(entry, "low", entry.number("low", -_FIGURE_LIMIT, _FIGURE_LIMIT, False))
    high = _as_written(entry, "high", entry.number("high", -_FIGURE_LIMIT, _FIGURE_LIMIT, False))
    given = [key for key in ("low", "high") if entry.raw.get(key) is not None]
    if len(given) == 1:
        entry.report(given[0], "a range needs both 'low' and 'high'")
    elif low is not None and high is not None and low > high:
        entry.report("low", f"'low' ({low:g}) is above 'high' ({high:g})")
    return value, low, high


def _as_written(entry: _Entry, key: str, number: float | None) -> float | None:
    """An integer stays an integer (15, not 15.0), as the curator wrote it."""
    if number is not None and isinstance(entry.raw.get(key), int):
        return int(number)
    return number


def _fact_status(entry: _Entry, attributed_to: str | None) -> Status | None:
    status = entry.choice("status", Status) if "status" in entry.raw else Status.REPORTED
    if status is Status.DISPUTED:
        entry.report("status", "a fact cannot be disputed", "make it an event with 'denied_by'")
    elif status is Status.CLAIMED and not attributed_to:
        entry.report("status", f"a claimed {entry.what} must name who claims it in 'attributed_to'")
    return status


def _read_history(entry: _Entry, sources: dict, as_of: DateSpan | None) -> tuple[FactValue, ...]:
    """A fact's earlier values: dated, sourced, oldest first, all before the fact's own date."""
    raw = entry.get("history", False)
    if raw is _MISSING:
        return ()
    if not isinstance(raw, list) or not raw:
        entry.report("history", "'history' must be a list of dated values, oldest first")
        return ()
    if as_of is None:
        entry.report("history", "a fact with a 'history' needs its own 'as_of' (the latest value)")
    values: list[FactValue] = []
    previous: DateSpan | None = None
    for item, position in zip(raw, raw.positions, strict=True):
        if not isinstance(item, dict):
            entry.checker.report(position, "each 'history' entry must be a mapping")
            continue
        value_entry = _Entry(entry.checker, item, "history entry", _VALUE_FIELDS)
        value, low, high = _figure(value_entry)
        when = value_entry.date("as_of")
        unit = value_entry.text("unit", required=False)
        attributed_to = value_entry.text("attributed_to", required=False)
        status = _fact_status(value_entry, attributed_to)
        if not item.get("sources"):
            value_entry.report(
                "sources",
                "history entry is missing required field 'sources'",
                "each dated value cites the sources that give it",
            )
        cited = value_entry.texts("sources")
        _check_refs(value_entry, "sources", cited, sources)
        note = value_entry.text("note", required=False)
        if when is None or status is None:
            continue
        if previous is not None and when.first <= previous.first:
            value_entry.report(
                "as_of",
                f"history is out of date order: {when.text} does not come after {previous.text}",
                "list the values oldest first",
            )
        elif as_of is not None and when.first >= as_of.first:
            value_entry.report(
                "as_of",
                f"history value of {when.text} is not before the fact's as_of {as_of.text}",
                "the fact's own value is the latest; earlier values go in 'history'",
            )
        previous = when
        values.append(FactValue(value, low, high, unit, when, status, attributed_to, cited, note))
    return tuple(values)


def _read_fact(checker: _Checker, raw: LocatedDict, seen: dict, sources: dict) -> Fact | None:
    entry = _Entry(checker, raw, "fact", _FACT_FIELDS)
    ident = _check_id(entry, seen)
    question, answer = entry.text("question"), entry.text("answer")
    aliases = entry.texts("aliases")
    value, low, high = _figure(entry)
    unit = entry.text("unit", required=False)
    as_of = entry.date("as_of", required=False)
    attributed_to = entry.text("attributed_to", required=False)
    status = _fact_status(entry, attributed_to)
    cited = entry.texts("sources", required=True)
    _check_refs(entry, "sources", cited, sources)
    note = entry.text("note", required=False)
    earlier = _read_history(entry, sources, as_of)
    if ident is None or question is None or answer is None or status is None:
        return None
    return Fact(
        ident,
        question,
        aliases,
        answer,
        value,
        unit,
        as_of,
        attributed_to,
        cited,
        note,
        status,
        checker.label,
        low,
        high,
        earlier,
    )


def _read_info(checker: _Checker, doc: LocatedDict, today: date) -> Layer:
    """The file's `dataset:` mapping: its version and the day its curators last checked."""
    raw = doc.get("dataset")
    if raw is None:
        return Layer(checker.label, None, None)
    if not isinstance(raw, dict):
        where = doc.positions.get("dataset", (doc.line, doc.column))
        checker.report(where, "'dataset' must be a mapping with version and curated_through")
        return Layer(checker.label, None, None)
    entry = _Entry(checker, raw, "dataset", _INFO_FIELDS)
    version = entry.get("version", False)
    if version is _MISSING:
        version = None
    elif isinstance(version, bool) or not isinstance(version, str | int | float):
        entry.report("version", f"'version' must be text, not {_type_name(version)}")
        version = None
    else:
        version = str(version)
    curated = entry.date("curated_through", required=False)
    if curated is not None and (curated.precision is not Precision.DAY or curated.interval):
        entry.report("curated_through", "'curated_through' must be one day, like 2026-03-19")
    elif curated is not None and curated.first > today:
        entry.report(
            "curated_through",
            f"curated_through {curated.text} is in the future (today is {today.isoformat()})",
            "give the last day the curators checked the news",
        )
    return Layer(checker.label, version, curated)


def _check_vouched(checker: _Checker, doc: LocatedDict, layer: Layer, events: list[Event]) -> None:
    """No event of a file starts after the day its curators say they checked the news."""
    if layer.curated_through is None or not events:
        return
    newest = max(events, key=lambda event: event.date.first)
    if newest.date.first > layer.curated_through.last:
        info = doc["dataset"]
        checker.report(
            info.positions.get("curated_through", (info.line, info.column)),
            f"curated_through {layer.curated_through.text} is before the newest event it"
            f" vouches for ({newest.id}, {newest.date.text})",
            "move curated_through to the day the data was last checked",
        )


@dataclass
class Checked:
    """The result of checking layered files: the dataset when clean, problems and warnings."""

    dataset: Dataset | None
    problems: list[DataError]
    warnings: list[DataError]


_COLLECTIONS = ("sources", "places", "actors", "events", "facts")
_SINGULAR = {
    "sources": "source",
    "places": "place",
    "actors": "actor",
    "events": "event",
    "facts": "fact",
}


def _replaces(checker: _Checker, raw: LocatedDict) -> bool:
    value = raw.get("replaces", False)
    if not isinstance(value, bool):
        where = raw.positions.get("replaces", (raw.line, raw.column))
        checker.report(where, f"'replaces' must be true or false, not {_type_name(value)}")
        return False
    return value


def check_layers(layers: Sequence[tuple[str, str, Any]], *, today: date | None = None) -> Checked:
    """Validate parsed files (path, dataset label, document) as one dataset, later on top.

    Each collection is read across all files before the next, so a user's file can cite the
    bundled sources and places. An id already defined in an earlier file is an error naming
    both places, unless the later entry says `replaces: true`.
    """
    today = today or date.today()
    checkers = [_Checker(path, label) for path, label, _ in layers]
    docs = []
    infos: list[Layer] = []
    for checker, (_, _, doc) in zip(checkers, layers, strict=True):
        if not isinstance(doc, dict):
            checker.report(
                None,
                "the top level must be a mapping with sources, places, events and facts,"
                f" not {_type_name(doc)}",
            )
            continue
        _Entry(checker, doc, "the top level", _TOP_FIELDS)
        version = doc.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            where = doc.positions.get("schema_version")
            checker.report(where, f"schema_version {brief(version)} is not supported (expected 1)")
        docs.append((checker, doc))
        infos.append(_read_info(checker, doc, today))
    merged: dict[str, dict[str, Any]] = {key: {} for key in _COLLECTIONS}
    origin: dict[str, dict[str, tuple[str, int]]] = {key: {} for key in _COLLECTIONS}
    readers: dict[str, Callable[..., Any]] = {
        "sources": _read_source,
        "places": _read_place,
        "actors": _read_actor,
        "events": _read_event,
        "facts": _read_fact,
    }
    context = {
        "sources": (),
        "places": (merged["sources"],),
        "actors": (),
        "events": (merged["sources"], merged["places"], merged["actors"]),
        "facts": (merged["sources"],),
    }
    own_events: dict[str, list[Event]] = {checker.path: [] for checker, _ in docs}
    for key in _COLLECTIONS:
        what = _SINGULAR[key]
        for checker, doc in docs:
            seen: dict[str, tuple[int, int]] = {}
            for raw in _items(checker, doc, key):
                item = readers[key](checker, raw, seen, *context[key])
                replaces = _replaces(checker, raw)
                if item is None:
                    continue
                if key == "events":
                    own_events[checker.path].append(item)
                line, column = raw.positions.get("id", (raw.line, raw.column))
                earlier = origin[key].get(item.id)
                if earlier and earlier[0] != checker.path:  # same file: _check_id reported it
                    if not replaces:
                        checker.report(
                            (line, column),
                            f"duplicate {what} id {brief(item.id)}: already defined at"
                            f" {earlier[0]}:{earlier[1]}",
                            "give it another id, or add 'replaces: true' to replace that one",
                        )
                        continue
                elif replaces and item.id not in merged[key]:
                    checker.report(
                        (line, column),
                        f"{what} {brief(item.id)} says 'replaces: true' but no earlier"
                        f" file defines it",
                        "remove 'replaces', or check the id",
                    )
                merged[key][item.id] = item
                origin[key][item.id] = (checker.path, line)
    for (checker, doc), layer in zip(docs, infos, strict=True):
        _check_vouched(checker, doc, layer, own_events[checker.path])
    # In checking order: per entry, unknown fields (with their suggestion) come first.
    problems = [problem for checker in checkers for problem in checker.problems]
    warnings = _unused_sources(merged, origin)
    if problems:
        return Checked(None, problems, warnings)
    dataset = Dataset(
        ", ".join(path for path, _, _ in layers),
        merged["sources"],
        merged["places"],
        tuple(merged["events"].values()),
        tuple(merged["facts"].values()),
        merged["actors"],
        tuple(infos),
    )
    return Checked(dataset, [], warnings)


def _unused_sources(
    merged: dict[str, dict[str, Any]], origin: dict[str, dict[str, tuple[str, int]]]
) -> list[DataError]:
    cited = {
        source_id
        for key in ("places", "events", "facts")
        for item in merged[key].values()
        for source_id in item.sources
    }
    cited.update(
        source_id
        for fact in merged["facts"].values()
        for value in fact.earlier
        for source_id in value.sources
    )
    warnings = []
    for source_id in merged["sources"]:
        if source_id not in cited:
            path, line = origin["sources"][source_id]
            warnings.append(
                DataError(
                    path,
                    f"warning: source {source_id!r} is cited by no event, fact or place",
                    line,
                    hint="cite it, or remove it",
                )
            )
    return warnings


def check_document(path: str, doc: Any) -> tuple[Dataset | None, list[DataError]]:
    """Validate one parsed document on its own; return the dataset (when clean) and problems."""
    checked = check_layers([(path, path, doc)])
    return checked.dataset, checked.problems


def data_paths_from_env() -> list[Path]:
    """The files listed in POKROVSK_DATA (separated like PATH), in order."""
    value = os.environ.get(DATA_ENV, "")
    if not value.strip():
        return []
    from pathlib import Path

    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def _layer_files(paths: Sequence[Where], bundled: bool) -> list[tuple[Where, str]]:
    """(path, dataset label) for the bundled file (unless not wanted) and each given file."""
    layers: list[tuple[Where, str]] = [(bundled_file(), BUNDLED)] if bundled else []
    seen = {os.path.realpath(path) for path, _ in layers}
    for given in paths:
        from pathlib import Path  # given files only: the bundled data alone never needs it

        path = Path(given)
        if os.path.realpath(path) not in seen:  # the same file twice would clash with itself
            seen.add(os.path.realpath(path))
            layers.append((path, str(path)))
    return layers


def _cache_entry(layers: Sequence[tuple[Where, str]], contents: Sequence[bytes]) -> str | None:
    """Where these files' cached dataset lives, or None when the cache cannot be used."""
    from pokrovsk_cli.data import cache

    if not cache.enabled():
        return None
    return cache.cache_path(layers, contents, SCHEMA_VERSION)


def validate_files(paths: Sequence[Where], *, bundled: bool = True) -> Checked:
    """Check files as `load_dataset` would layer them, collecting every problem in every file.

    A file that cannot be read or parsed is one problem; the others are still checked.
    """
    layers = _layer_files(paths, bundled)
    parsed, unreadable = [], []
    for path, label in layers:
        try:
            parsed.append((str(path), label, read_yaml(path)))
        except DataError as problem:
            unreadable.append(problem)
    checked = check_layers(parsed)
    if not unreadable:
        return checked
    order = {str(path): index for index, (path, _) in enumerate(layers)}
    problems = sorted(
        unreadable + checked.problems, key=lambda p: (order.get(p.path, 0), p.line or 0)
    )
    return Checked(None, problems, checked.warnings)


def _shell_word(text: str) -> str:
    import shlex  # only a hint that names files needs it

    return shlex.quote(text)


def load_dataset(
    paths: Sequence[Where] = (),
    *,
    bundled: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """Load the bundled dataset with the given files on top; raise the first problem.

    With bundled=False only the given files are read. A checked dataset is cached (cache.py),
    so the same files load again without parsing; `progress` hears what a slow load is doing.
    """
    if not bundled and not paths:
        raise UsageError("--no-bundled needs at least one --data FILE")
    layers = _layer_files(paths, bundled)
    contents = [read_bytes(path) for path, _ in layers]  # each input is read once
    entry = _cache_entry(layers, contents)
    if entry is not None:
        from pokrovsk_cli.data import cache

        cached = cache.read(entry)
        if cached is not None:
            return cached
    parsed = []
    for (path, label), raw in zip(layers, contents, strict=True):
        if progress:
            progress(f"Parsing {os.path.basename(path)} ({len(raw) / 2**20:.1f} MB)")
        parsed.append((str(path), label, read_yaml(path, raw)))
    if progress:
        progress("Checking entries")
    with no_cyclic_gc():
        checked = check_layers(parsed)
    if checked.problems:
        first = checked.problems[0]
        more = len(checked.problems) - 1
        if more:
            given = " ".join(_shell_word(os.fspath(path)) for path in paths)
            command = "pokrovsk validate" + (" --no-bundled" if not bundled else "")
            also = f"{more} more problem(s); '{f'{command} {given}'.rstrip()}' lists them all"
            first.hint = f"{first.hint} ({also})" if first.hint else also
        raise first
    assert checked.dataset is not None
    if entry is not None:
        if progress:
            progress("Saving the cache")
        from pokrovsk_cli.data import cache

        cache.write(entry, checked.dataset)
    return checked.dataset

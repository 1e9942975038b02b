"""Check parsed files as one dataset, each file a layer on top of the ones before it.

Collections merge across files here: an id defined twice, `replaces: true`, each file's
`dataset:` block, and sources that nothing cites. The readers check one entry at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from pokrovsk_cli.data.entries import MISSING, Checker, Entry, type_name
from pokrovsk_cli.data.files import SCHEMA_VERSION
from pokrovsk_cli.data.model import Dataset, Event, Layer, Precision
from pokrovsk_cli.data.read_corrections import read_correction
from pokrovsk_cli.data.read_events import read_event
from pokrovsk_cli.data.read_facts import read_fact
from pokrovsk_cli.data.read_sources import read_actor, read_place, read_source
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.text import brief

if TYPE_CHECKING:
    from pokrovsk_cli.data.yaml_located import LocatedDict, LocatedList

_INFO_FIELDS = {"version", "curated_through", "versions"}
_TOP_FIELDS = {
    "schema_version", "dataset", "sources", "places", "actors", "events", "facts", "corrections"
}  # fmt: skip


def _items(checker: Checker, doc: LocatedDict, key: str) -> Iterator[LocatedDict]:
    """Yield the mappings of a top-level collection, reporting anything that is not one."""
    value = doc.get(key)
    where = doc.positions.get(key, (doc.line, doc.column))
    if value is None:
        return
    if not isinstance(value, list):
        checker.report(where, f"{key!r} must be a list of entries, not {type_name(value)}")
        return
    for item, position in zip(value, cast("LocatedList", value).positions, strict=True):
        if not isinstance(item, dict):
            checker.report(position, f"each entry in {key!r} must be a mapping")
            continue
        yield cast("LocatedDict", item)


def _read_info(checker: Checker, doc: LocatedDict, today: date) -> Layer:
    """The file's `dataset:` mapping: its version and the day its curators last checked."""
    raw = doc.get("dataset")
    if raw is None:
        return Layer(checker.label, None, None)
    if not isinstance(raw, dict):
        where = doc.positions.get("dataset", (doc.line, doc.column))
        checker.report(where, "'dataset' must be a mapping with version and curated_through")
        return Layer(checker.label, None, None)
    entry = Entry(checker, cast("LocatedDict", raw), "dataset", _INFO_FIELDS)
    version = entry.get("version", False)
    if version is MISSING:
        version = None
    elif isinstance(version, bool) or not isinstance(version, str | int | float):
        entry.report("version", f"'version' must be text, not {type_name(version)}")
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
    return Layer(checker.label, version, curated, _read_versions(checker, entry, version))


def _read_versions(
    checker: Checker, info: Entry, version: str | None
) -> tuple[tuple[str, date], ...]:
    """`versions:`, each release of the file and the day it was made, oldest first; the last is
    the file's `version`."""
    raw = info.raw.get("versions")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        info.report("versions", f"'versions' must be a list, not {type_name(raw)}")
        return ()
    releases: list[tuple[str, date]] = []
    for item in _items(checker, info.raw, "versions"):
        release = Entry(checker, item, "release", {"version", "date"})
        name, day = release.text("version"), release.day("date")
        if name is None or day is None:
            continue
        if releases and day < releases[-1][1]:
            release.report("date", f"release {brief(name)} is dated before the one above it")
        releases.append((name, day))
    if releases and version is not None and releases[-1][0] != version:
        info.report(
            "versions",
            f"the last of 'versions' is {brief(releases[-1][0])}, not the version {brief(version)}",
            "list every release, oldest first, ending with this one",
        )
    return tuple(releases)


def _check_vouched(checker: Checker, doc: LocatedDict, layer: Layer, events: list[Event]) -> None:
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


_COLLECTIONS = ("sources", "places", "actors", "events", "facts", "corrections")
_SINGULAR = {
    "sources": "source",
    "places": "place",
    "actors": "actor",
    "events": "event",
    "facts": "fact",
    "corrections": "correction",
}


def _replaces(checker: Checker, raw: LocatedDict) -> bool:
    value = raw.get("replaces", False)
    if not isinstance(value, bool):
        where = raw.positions.get("replaces", (raw.line, raw.column))
        checker.report(where, f"'replaces' must be true or false, not {type_name(value)}")
        return False
    return value


def check_layers(layers: Sequence[tuple[str, str, Any]], *, today: date | None = None) -> Checked:
    """Validate parsed files (path, dataset label, document) as one dataset, later on top.

    Each collection is read across all files before the next, so a user's file can cite the
    bundled sources and places. An id already defined in an earlier file is an error naming
    both places, unless the later entry says `replaces: true`.
    """
    today = today or date.today()
    checkers = [Checker(path, label, today=today) for path, label, _ in layers]
    docs = []
    infos: list[Layer] = []
    for checker, (_, _, doc) in zip(checkers, layers, strict=True):
        if not isinstance(doc, dict):
            checker.report(
                None,
                "the top level must be a mapping with sources, places, events and facts,"
                f" not {type_name(doc)}",
            )
            continue
        doc = cast("LocatedDict", doc)  # read_yaml makes every mapping a LocatedDict
        Entry(checker, doc, "the top level", _TOP_FIELDS)
        version = doc.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            where = doc.positions.get("schema_version")
            checker.report(where, f"schema_version {brief(version)} is not supported (expected 1)")
        docs.append((checker, doc))
        infos.append(_read_info(checker, doc, today))
    merged: dict[str, dict[str, Any]] = {key: {} for key in _COLLECTIONS}
    origin: dict[str, dict[str, tuple[str, int]]] = {key: {} for key in _COLLECTIONS}
    readers: dict[str, Callable[..., Any]] = {
        "sources": read_source,
        "places": read_place,
        "actors": read_actor,
        "events": read_event,
        "facts": read_fact,
        "corrections": read_correction,
    }
    context = {
        "sources": (),
        "places": (merged["sources"],),
        "actors": (),
        "events": (merged["sources"], merged["places"], merged["actors"]),
        "facts": (merged["sources"],),
        "corrections": (merged,),
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
                if earlier and earlier[0] != checker.path:  # same file: check_id reported it
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
    warnings = _unused_sources(merged, origin) + [_undated(c) for c in checkers if c.undated]
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
        tuple(sorted(merged["corrections"].values(), key=lambda c: c.date)),
    )
    return Checked(dataset, [], warnings)


def _undated(checker: Checker) -> DataError:
    """One warning for a file's entries with no `added` (an error in the bundled data)."""
    line, column = checker.undated[0]
    count = len(checker.undated)
    return DataError(
        checker.path,
        f"warning: {count} {'entry has' if count == 1 else 'entries have'} no 'added' date"
        " (the first here)",
        line,
        column,
        hint="add the day each entered the data, e.g. added: 2026-12-01 ('pokrovsk changes')",
    )


def _unused_sources(
    merged: dict[str, dict[str, Any]], origin: dict[str, dict[str, tuple[str, int]]]
) -> list[DataError]:
    cited = {
        source_id
        for key in ("places", "events", "facts", "corrections")
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

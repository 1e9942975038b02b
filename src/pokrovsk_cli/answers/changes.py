"""What changed in the data: entries added and updated, and the corrections log, newest first.

The body of `pokrovsk changes`. `--since` takes a DATE (changes on or after its first day) or a
VERSION of the data (changes after the day that release was made: what a reader of that release
has not seen).
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from pokrovsk_cli.data.dates import USER_DATE_FORMS, DateParseError, parse_user_date
from pokrovsk_cli.data.model import Change, Correction, Dataset, Event, Fact, Place, Source
from pokrovsk_cli.errors import UsageError
from pokrovsk_cli.text import brief

# Newest first; on one day, corrections before edits before additions.
_ORDER = {"retracted": 0, "corrected": 1, "updated": 2, "added": 3}
_VERSION = re.compile(r"v?\d+(\.\d+)+")


class ChangeRow(NamedTuple):
    """One change: the day, what happened, to which entry, and for a correction what and why."""

    day: date
    change: str  # added | updated | corrected | retracted
    kind: str  # event | fact | place | source
    id: str
    title: str
    detail: str | None  # a correction's "date: was X, now Y. Why."
    correction: str | None  # the correction's id
    sources: tuple[str, ...]  # the entry's sources, or the correction's
    dataset: str


class Since(NamedTuple):
    """Where `--since` starts: the text given, the first day counted, and the release named."""

    text: str
    first: date
    version: str | None = None


class Changes(NamedTuple):
    """The rows of `pokrovsk changes` and where they start (None: from the beginning)."""

    rows: tuple[ChangeRow, ...]
    since: Since | None


def releases(dataset: Dataset) -> dict[str, date]:
    """Every release any loaded file lists, by version."""
    return {name: day for layer in dataset.layers for name, day in layer.versions}


def read_since(text: str, dataset: Dataset, today: date) -> Since:
    """A DATE or a VERSION; anything else is a usage error listing both forms."""
    from datetime import timedelta

    cleaned = text.strip()
    known = releases(dataset)
    name = cleaned.removeprefix("v")
    if name in known:
        return Since(cleaned, known[name] + timedelta(days=1), name)
    try:
        return Since(cleaned, parse_user_date(cleaned, today=today).first)
    except DateParseError as exc:
        forms = f"a DATE ({USER_DATE_FORMS})"
        versions = ", ".join(known) or "none listed in the data"
        if _VERSION.fullmatch(cleaned):
            message = f"--since: no release {brief(cleaned)} in the data"
        else:
            message = f"--since: {exc}"
        raise UsageError(message, f"give {forms}, or a VERSION ({versions})") from None


def _entries(dataset: Dataset) -> list[tuple[str, str, str, Event | Fact | Place | Source]]:
    """(kind, id, title, entry) of every dated entry."""
    found: list[tuple[str, str, str, Event | Fact | Place | Source]]
    found = [("event", e.id, e.title, e) for e in dataset.events]
    found += [("fact", f.id, f.question, f) for f in dataset.facts]
    found += [("place", p.id, p.name, p) for p in dataset.places.values()]
    found += [("source", s.id, f"{s.publisher}: {s.title}", s) for s in dataset.sources.values()]
    return found


def _detail(correction: Correction) -> str:
    if correction.change is Change.RETRACTED:
        return f"retracted (was {correction.was}). {correction.why}"
    return (
        f"{correction.change.value}: was {correction.was}, now {correction.now}. {correction.why}"
    )


def list_changes(dataset: Dataset, since: Since | None = None) -> Changes:
    """Every change on or after `since.first`, newest first."""
    titles: dict[str, tuple[str, str]] = {}
    rows: list[ChangeRow] = []
    for kind, ident, title, entry in _entries(dataset):
        titles.setdefault(ident, (kind, title))
        sources = () if isinstance(entry, Source) else entry.sources  # a source cites none
        for change, day in (("added", entry.added), ("updated", entry.updated)):
            if day is not None:
                row = ChangeRow(day, change, kind, ident, title, None, None, sources, entry.dataset)
                rows.append(row)
    for c in dataset.corrections:
        kind, title = titles[c.entry]  # the loader refuses a correction of no entry
        change = "retracted" if c.change is Change.RETRACTED else "corrected"
        rows.append(
            ChangeRow(c.date, change, kind, c.entry, title, _detail(c), c.id, c.sources, c.dataset)
        )
    if since is not None:
        rows = [row for row in rows if row.day >= since.first]
    rows.sort(key=lambda r: (-r.day.toordinal(), _ORDER[r.change], r.kind, r.id))
    return Changes(tuple(rows), since)

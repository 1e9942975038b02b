"""Read the corrections log: what was wrong with an entry, when it was put right, and why.

A correction names an entry that exists, says which kind of thing changed, and carries sources.
Where it says what an event's date or status is now, that must be what the data now holds: the
log cannot drift from the entries it explains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pokrovsk_cli.data.entries import Checker, Entry, check_id, check_refs
from pokrovsk_cli.data.model import Change, Correction, Event, Fact
from pokrovsk_cli.text import brief

if TYPE_CHECKING:
    from pokrovsk_cli.data.yaml_located import LocatedDict

CORRECTION_FIELDS = {"id", "date", "entry", "change", "was", "now", "why", "sources", "replaces"}
_KINDS = ("events", "facts", "places", "sources")


def _target(entry: Entry, ident: str | None, merged: dict[str, dict[str, Any]]) -> Any:
    """The entry corrected, or None (reported) when no event, fact, place or source has the id."""
    if ident is None:
        return None
    for kind in _KINDS:
        if ident in merged[kind]:
            return merged[kind][ident]
    import difflib  # only an unknown id needs it

    known = [key for kind in _KINDS for key in merged[kind]]
    close = difflib.get_close_matches(ident, known, n=1)
    entry.report(
        "entry",
        f"correction names unknown entry {brief(ident)}",
        f"did you mean {close[0]!r}?"
        if close
        else "give the id of an event, fact, place or source",
    )
    return None


def _current(target: Any, change: Change) -> str | None:
    """What the corrected field of an event or fact holds now, to check `now` against."""
    if isinstance(target, Event) and change is Change.DATE:
        return target.date.text
    if isinstance(target, Event | Fact) and change is Change.STATUS:
        return target.status.value
    return None


def read_correction(
    checker: Checker,
    raw: LocatedDict,
    seen: dict[str, tuple[int, int]],
    merged: dict[str, dict[str, Any]],
) -> Correction | None:
    entry = Entry(checker, raw, "correction", CORRECTION_FIELDS)
    ident = check_id(entry, seen)
    day = entry.day("date")
    if day is not None and day > checker.today:
        entry.report("date", f"date {day.isoformat()} is in the future (today is {checker.today})")
    target_id = entry.text("entry")
    target = _target(entry, target_id, merged)
    change = entry.choice("change", Change)
    retracted = change is Change.RETRACTED
    was = _value_text(entry, "was", required=not retracted)
    now = _value_text(entry, "now", required=not retracted and change is not None)
    if retracted and now is not None:
        entry.report("now", "a retraction has no 'now'", "leave it out: the entry stands withdrawn")
    why = entry.text("why")
    cited = entry.texts("sources", required=True)
    check_refs(entry, "sources", cited, merged["sources"])
    expected = _current(target, change) if change is not None else None
    if expected is not None and now is not None and now != expected:
        entry.report(
            "now",
            f"the entry's {change.value} is {brief(expected)}, not {brief(now)}",
            "a correction says what the data now holds: correct the entry, then log it",
        )
    values = (ident, day, target, change, why)
    if any(value is None for value in values):
        return None
    return Correction(
        ident,  # type: ignore[arg-type]
        day,  # type: ignore[arg-type]
        target_id,  # type: ignore[arg-type]
        change,
        was,
        now,
        why,  # type: ignore[arg-type]
        cited,
        checker.label,
    )


def _value_text(entry: Entry, key: str, required: bool) -> str | None:
    """`was`/`now`: a value as the data writes it; a bare number or date reads as its text."""
    value = entry.raw.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return entry.text(key, required=required)

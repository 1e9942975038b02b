"""Read facts: an answer, its figure and range, and the dated history of its earlier values."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, cast

from pokrovsk_cli.data.entries import MISSING, Checker, Entry, check_id, check_refs, type_name
from pokrovsk_cli.data.model import DateSpan, Fact, FactValue, Source, Status
from pokrovsk_cli.text import brief

if TYPE_CHECKING:
    from pokrovsk_cli.data.yaml_located import LocatedDict, LocatedList

FACT_FIELDS = {
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
    "added",
    "updated",
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
# Figures are bounded so that no value can overflow a writer (5,000-digit integers, 1e308).
_FIGURE_LIMIT = 1e15


def _figure(entry: Entry) -> tuple[float | int | str | None, float | None, float | None]:
    """A fact's (or a history entry's) value and its low/high range, checked."""
    value = entry.get("value", False)
    if value is MISSING:
        value = None
    elif isinstance(value, bool) or not isinstance(value, int | float | str):
        entry.report("value", f"'value' must be a number or text, not {type_name(value)}")
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


def _as_written(entry: Entry, key: str, number: float | None) -> float | None:
    """An integer stays an integer (15, not 15.0), as the curator wrote it."""
    if number is not None and isinstance(entry.raw.get(key), int):
        return int(number)
    return number


def _fact_status(entry: Entry, attributed_to: str | None) -> Status | None:
    status = entry.choice("status", Status) if "status" in entry.raw else Status.REPORTED
    if status is Status.DISPUTED:
        entry.report("status", "a fact cannot be disputed", "make it an event with 'denied_by'")
    elif status is Status.CLAIMED and not attributed_to:
        entry.report("status", f"a claimed {entry.what} must name who claims it in 'attributed_to'")
    return status


def _read_history(
    entry: Entry, sources: dict[str, Source], as_of: DateSpan | None
) -> tuple[FactValue, ...]:
    """A fact's earlier values: dated, sourced, oldest first, all before the fact's own date."""
    raw = entry.get("history", False)
    if raw is MISSING:
        return ()
    if not isinstance(raw, list) or not raw:
        entry.report("history", "'history' must be a list of dated values, oldest first")
        return ()
    if as_of is None:
        entry.report("history", "a fact with a 'history' needs its own 'as_of' (the latest value)")
    values: list[FactValue] = []
    previous: DateSpan | None = None
    for item, position in zip(raw, cast("LocatedList", raw).positions, strict=True):
        if not isinstance(item, dict):
            entry.checker.report(position, "each 'history' entry must be a mapping")
            continue
        value_entry = Entry(
            entry.checker, cast("LocatedDict", item), "history entry", _VALUE_FIELDS
        )
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
        check_refs(value_entry, "sources", cited, sources)
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


def read_fact(
    checker: Checker, raw: LocatedDict, seen: dict[str, tuple[int, int]], sources: dict[str, Source]
) -> Fact | None:
    entry = Entry(checker, raw, "fact", FACT_FIELDS)
    ident = check_id(entry, seen)
    question, answer = entry.text("question"), entry.text("answer")
    aliases = entry.texts("aliases")
    value, low, high = _figure(entry)
    unit = entry.text("unit", required=False)
    as_of = entry.date("as_of", required=False)
    attributed_to = entry.text("attributed_to", required=False)
    status = _fact_status(entry, attributed_to)
    cited = entry.texts("sources", required=True)
    check_refs(entry, "sources", cited, sources)
    note = entry.text("note", required=False)
    earlier = _read_history(entry, sources, as_of)
    added, updated = entry.curation()
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
        added,
        updated,
    )

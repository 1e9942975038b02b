"""The checker every collection's reader shares: typed access to one entry's fields.

A problem is recorded at its field's line and column and checking goes on, so a curator sees
every problem in a file at once. The text limits are the ones the JSON Schema states (schema.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date as Day  # `Entry.date` is a method
from typing import TYPE_CHECKING, Any

from pokrovsk_cli.data.dates import DATA_DATE_FORMS, DateParseError, parse_data_date
from pokrovsk_cli.data.files import BUNDLED
from pokrovsk_cli.data.model import DateSpan, Precision
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.text import brief, first_unsafe, inert

if TYPE_CHECKING:
    from pokrovsk_cli.data.yaml_located import LocatedDict

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SUMMARY_LIMIT = 600
# Every text field is bounded, so no entry can make a table or a page unreasonably slow
# (a 10 MB title took 15 s on a terminal). The schema states the same limits.
TEXT_LIMITS = {"summary": SUMMARY_LIMIT, "note": 2000, "answer": 2000, "url": 2048}
TEXT_LIMITS["copy_url"] = TEXT_LIMITS["url"]
TEXT_LIMIT = 300  # every other text: titles, names, questions, tags, ids...


@dataclass
class Checker:
    """Collects every problem in a file, so a curator sees them all at once."""

    path: str
    label: str = BUNDLED  # the `dataset` value of everything read from this file
    problems: list[DataError] = field(default_factory=list)
    undated: list[tuple[int, int]] = field(default_factory=list)  # entries with no `added`
    today: Day = field(default_factory=Day.today)  # curation dates may not be after it

    def report(self, where: tuple[int, int] | None, message: str, hint: str | None = None) -> None:
        line, column = where if where else (None, None)
        self.problems.append(DataError(self.path, message, line, column, hint))


MISSING = object()
# The fields that may span lines (and hold tabs); every other text is one line.
MULTILINE_FIELDS = frozenset({"summary", "note", "answer"})


class Entry:
    """Typed access to one mapping's fields, reporting problems with their positions."""

    def __init__(self, checker: Checker, raw: LocatedDict, what: str, fields: set[str]) -> None:
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
        value = self.raw.get(key, MISSING)
        if value is MISSING or value is None:
            if required:
                self.report(key, f"{self.what} is missing required field {key!r}")
            return MISSING
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.get(key, required)
        if value is MISSING:
            return None
        if not isinstance(value, str):
            self.report(key, f"{key!r} must be text, not {type_name(value)}")
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
        if value is MISSING:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(key, f"{key!r} must be a list of text, not {type_name(value)}")
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
        if value is MISSING:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # an unquoted year reads as a number
        if not isinstance(value, str):
            self.report(key, f"{key!r} must be a date string, not {type_name(value)}")
            return None
        try:
            return parse_data_date(value)
        except DateParseError as exc:
            self.report(key, f"bad date in {key!r}: {exc}", hint=f"use {DATA_DATE_FORMS}")
            return None

    def day(self, key: str, required: bool = True) -> Day | None:
        """A curation date: one day, YYYY-MM-DD, no qualifier."""
        span = self.date(key, required)
        if span is None:
            return None
        if (
            span.precision is not Precision.DAY
            or span.interval
            or span.approximate
            or span.uncertain
        ):
            self.report(key, f"{key!r} must be one day, like 2026-12-01, not {brief(span.text)}")
            return None
        return span.first

    def curation(self) -> tuple[Day | None, Day | None]:
        """`added` and `updated`: the days the entry entered the data and last changed.

        An entry with no `added` is an error in the bundled data and noted for a warning in
        other files (layers.py says how many); neither day may be in the future, and an entry
        cannot change before it was added.
        """
        added, updated = self.day("added", required=False), self.day("updated", required=False)
        if "added" not in self.raw:
            if self.checker.label == BUNDLED:
                self.report(
                    "id",
                    f"{self.what} has no 'added' date",
                    "give the day it entered the data, e.g. added: 2026-12-01",
                )
            else:
                self.checker.undated.append(self.where("id"))
        today = self.checker.today
        for key, day in (("added", added), ("updated", updated)):
            if day is not None and day > today:
                self.report(key, f"{key} {day.isoformat()} is in the future (today is {today})")
        if added and updated and updated < added:
            self.report("updated", f"updated {updated} is before added {added}")
        elif added and updated and updated == added:
            self.report("updated", f"updated {updated} is the day it was added", "leave it out")
        return added, updated

    def number(self, key: str, low: float, high: float, required: bool = True) -> float | None:
        value = self.get(key, required)
        if value is MISSING:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.report(key, f"{key!r} must be a number, not {type_name(value)}")
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


def type_name(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    if value is None:
        return "empty"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def check_id(entry: Entry, seen: dict[str, tuple[int, int]]) -> str | None:
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


def check_refs(
    entry: Entry,
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

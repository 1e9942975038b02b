"""The most recent events and how long ago each was: the body of `pokrovsk latest`.

"How long ago" is honest about precision: an event known only to the month was between two
numbers of days ago (since its last day, since its first), and one still going has no end yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from pokrovsk_cli.data.model import Event

DEFAULT_COUNT = 10


class Recent(NamedTuple):
    """An event with the days from its span's ends to today (None: that end is after today)."""

    event: Event
    days_since_end: int | None
    days_since_start: int | None


class Latest(NamedTuple):
    """The rows of `pokrovsk latest` and the day they were counted from."""

    rows: tuple[Recent, ...]
    today: date


def _since(day: date, today: date) -> int | None:
    days = (today - day).days
    return days if days >= 0 else None


def recent(events: Iterable[Event], today: date) -> Latest:
    """Each event (already newest first) with how many days ago its span ended and began."""
    rows = tuple(
        Recent(event, _since(event.date.last, today), _since(event.date.first, today))
        for event in events
    )
    return Latest(rows, today)


def ago_text(row: Recent) -> str:
    """ "today", "3 days ago", "245–274 days ago", "ongoing": the Ago cell of the table."""
    end, start = row.days_since_end, row.days_since_start
    if end is None:
        return "ongoing" if start is not None else "to come"
    if end == start:
        return "today" if end == 0 else "1 day ago" if end == 1 else f"{end:,} days ago"
    return f"{end:,}–{start:,} days ago"

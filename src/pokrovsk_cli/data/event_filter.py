"""What a timeline query asks for, and the timeline's order: shared by the in-memory filter
(answers/query.py) and the SQLite store (store.py), so both answer the same question."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from pokrovsk_cli.data.model import Category, DateSpan, Event, Status
from pokrovsk_cli.errors import UsageError


class EventFilter(NamedTuple):
    """What the user asked for; every field left empty matches everything."""

    since: DateSpan | None = None
    until: DateSpan | None = None
    on: DateSpan | None = None
    categories: tuple[Category, ...] = ()
    tags: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place ids, already resolved
    statuses: tuple[Status, ...] = ()
    search: str | None = None
    limit: int | None = None
    reverse: bool = False
    claimants: tuple[str, ...] = ()  # actor ids: events they claim or assess (OR)
    side_actors: tuple[str, ...] | None = None  # --side: the ids of that side's actors
    near_places: tuple[str, ...] | None = None  # --near/--within: ids of the places in range


def sort_key(event: Event) -> tuple[date, int, date, str]:
    """Chronological: by first day, then finer precision first, then shorter span, then id."""
    return (event.date.first, event.date.precision.rank, event.date.last, event.id)


def check_filter(wanted: EventFilter) -> None:
    """Reject filters that can never match, before any work is done."""
    if wanted.since and wanted.until and wanted.since.first > wanted.until.last:
        raise UsageError(
            f"--since {wanted.since.text} is later than --until {wanted.until.text}",
            "swap the two dates",
        )
    if wanted.limit is not None and wanted.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {wanted.limit}")

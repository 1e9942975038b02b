"""What a loaded dataset holds and how current it is: the body of `pokrovsk about`."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from pokrovsk_cli.data.model import Dataset, DateSpan, Layer, Precision

# The chart covers the last two years of the data: months before the battle would be empty.
CHART_MONTHS = 24
STALE_AFTER_DAYS = 30
QUIET_STALE_ENV = "POKROVSK_QUIET_STALE"


class About(NamedTuple):
    """Counts, events per month (YYYY-MM, count) and the layers that were loaded."""

    version: str | None
    curated_through: DateSpan | None
    counts: tuple[tuple[str, int], ...]
    per_month: tuple[tuple[str, int], ...]
    layers: tuple[Layer, ...]
    stale_days: int | None  # days from curated-through to today


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_back(end: date, count: int) -> list[str]:
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def describe(dataset: Dataset, today: date) -> About:
    """The dataset's version, as-of date, counts and the events of its last 24 months."""
    counts = (
        ("events", len(dataset.events)),
        ("facts", len(dataset.facts)),
        ("places", len(dataset.places)),
        ("sources", len(dataset.sources)),
        ("actors", len(dataset.actors)),
    )
    # Only events dated to a day or a month fall in one month; a year or a span does not.
    per_month = Counter(
        _month(event.date.first)
        for event in dataset.events
        if event.date.precision is not Precision.YEAR
        and _month(event.date.first) == _month(event.date.last)
    )
    curated = dataset.curated_through
    newest = max((event.date.first for event in dataset.events), default=None)
    end = curated.last if curated else newest
    months = _months_back(end, CHART_MONTHS) if end else []
    chart = tuple((month, per_month.get(month, 0)) for month in months)
    return About(
        dataset.version, curated, counts, chart, dataset.layers, days_stale(curated, today)
    )


def as_of_text(dataset: Dataset) -> str:
    """The footer every human view carries: "data as of 19 Mar 2026 (version 2026.12.2)"."""
    from pokrovsk_cli.data.dates import format_span

    curated = dataset.curated_through
    text = f"data as of {format_span(curated)}" if curated else "data as of: not stated"
    return f"{text} (version {dataset.version})" if dataset.version else text


def days_stale(curated: DateSpan | None, today: date) -> int | None:
    """How many days past its curated-through date the data is (None: it does not say)."""
    if curated is None:
        return None
    return (today - curated.last).days


def stale_warning(curated: DateSpan | None, today: date) -> str | None:
    """One line saying the data is old, when it is more than 30 days past its as-of date."""
    days = days_stale(curated, today)
    if days is None or days <= STALE_AFTER_DAYS:
        return None
    assert curated is not None
    # Short enough for one line at 80 columns; 'about' says how to silence it.
    ends = curated.last.isoformat()
    return f"pokrovsk: note: the data ends on {ends}, {days} days ago; see 'pokrovsk about'"


def ends_before(curated: DateSpan | None, since: DateSpan | None) -> bool:
    """True when a --since/--on date starts after the last day the data vouches for."""
    return curated is not None and since is not None and since.first > curated.last

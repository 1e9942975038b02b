"""Events counted per month, week or year, for `pokrovsk chart`.

An event counts in the period where its span starts. An event known less precisely than the
period (a year-only event in a chart by month) cannot honestly be put in one period: it is left
out and listed, never guessed into January.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pokrovsk_cli.data.model import Category, Event, Period, Precision, Status

# The coarsest date precision that still fits in one period of each width.
_FITS = {
    Period.WEEK: {Precision.DAY},
    Period.MONTH: {Precision.DAY, Precision.MONTH},
    Period.YEAR: {Precision.DAY, Precision.MONTH, Precision.YEAR},
}
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def is_claim(status: Status) -> bool:
    """Claimed and disputed events are one side's word; the chart shows them apart."""
    return status in (Status.CLAIMED, Status.DISPUTED)


@dataclass(frozen=True, slots=True)
class Bar:
    """One period: its label, first day, and event counts by (category, is a claim)."""

    label: str
    first: date
    counts: Counter[tuple[Category, bool]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Chart:
    """The bars from the first to the last counted period, empty ones included."""

    period: Period
    bars: tuple[Bar, ...]
    left_out: tuple[Event, ...]  # known less precisely than one period


def period_start(day: date, period: Period) -> date:
    """The first day of the period that contains `day` (weeks start on Monday, ISO 8601)."""
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    if period is Period.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next(start: date, period: Period) -> date:
    if period is Period.WEEK:
        return start + timedelta(days=7)
    if period is Period.MONTH:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, period: Period) -> str:
    """'2024-W07', 'Feb 2024' or '2024'."""
    if period is Period.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.MONTH:
        return f"{_MONTHS[start.month - 1]} {start.year}"
    return str(start.year)


def count_events(events: Iterable[Event], period: Period) -> Chart:
    """Count events per period, by category and by claim or not."""
    counts: dict[date, Counter[tuple[Category, bool]]] = {}
    left_out = []
    for event in events:
        if event.date.precision not in _FITS[period]:
            left_out.append(event)
            continue
        start = period_start(event.date.first, period)
        counts.setdefault(start, Counter())[(event.category, is_claim(event.status))] += 1
    bars = []
    if counts:
        start, last = min(counts), max(counts)
        while start <= last:
            bars.append(Bar(period_label(start, period), start, counts.get(start, Counter())))
            start = _next(start, period)
    return Chart(period, tuple(bars), tuple(left_out))

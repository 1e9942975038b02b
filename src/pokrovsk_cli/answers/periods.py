"""Events counted per month, week or year, for `pokrovsk chart`.

An event counts in the period where its span starts. An event known less precisely than the
period (a year-only event in a chart by month) cannot honestly be put in one period: it is left
out and listed, never guessed into January.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pokrovsk_cli.data.model import Category, Event, Period, Precision, Status

if TYPE_CHECKING:
    from pokrovsk_cli.data.store import Selection

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


def count_events(events: Sequence[Event], period: Period) -> Chart:
    """Count events per period, by category and by claim or not."""
    left_out = [e for e in events if e.date.precision not in _FITS[period]]
    groups = (
        (e.date.first, e.date.precision, e.category, e.status, 1)
        for e in events
        if e.date.precision in _FITS[period]
    )
    return _chart(groups, left_out, period)


def count_selection(selection: Selection, period: Period) -> Chart:
    """count_events over a store's selection, counted in SQL: only the events left out (known
    less precisely than a period) are read."""
    if selection.limited:
        return count_events(selection, period)
    groups = (g for g in selection.groups() if g[1] in _FITS[period])
    coarser = [p for p in Precision if p not in _FITS[period]]
    return _chart(groups, selection.known_as(coarser) if coarser else [], period)


def _chart(
    groups: Iterable[tuple[date, Precision, Category, Status, int]],
    left_out: list[Event],
    period: Period,
) -> Chart:
    """The bars of (first day, precision, category, status, how many) groups that fit."""
    counts: dict[date, Counter[tuple[Category, bool]]] = {}
    for first, _, category, status, many in groups:
        start = period_start(first, period)
        counts.setdefault(start, Counter())[(category, is_claim(status))] += many
    bars = []
    if counts:
        start, last = min(counts), max(counts)
        while start <= last:
            bars.append(Bar(period_label(start, period), start, counts.get(start, Counter())))
            start = _next(start, period)
    return Chart(period, tuple(bars), tuple(left_out))

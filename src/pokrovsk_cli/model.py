"""Frozen value types for the dataset: what a loaded, validated dataset is made of."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum


class Precision(Enum):
    """How exactly a date is known; ordered from finest to coarsest."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @property
    def rank(self) -> int:
        return _PRECISION_RANK[self]


_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


class Status(Enum):
    """How far an event is established (DESIGN.md "Status")."""

    REPORTED = "reported"  # independently reported
    CLAIMED = "claimed"  # one side's claim, not verified: claimed_by names who
    DISPUTED = "disputed"  # one side claims, the other denies
    CONFIRMED = "confirmed"  # acknowledged by both sides


class Category(Enum):
    """The closed set of event categories."""

    HISTORY = "history"
    MILITARY = "military"
    CIVILIAN = "civilian"
    ECONOMIC = "economic"
    POLITICAL = "political"


class Period(Enum):
    """How wide each bar of `pokrovsk chart` is."""

    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date as a span of days [first, last] with its real precision, so "Jan 2025" stays a month.

    `text` keeps the original EDTF-subset string; an interval's precision is its coarser end.
    """

    text: str
    first: date
    last: date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False
    interval: bool = False

    def overlaps(self, other: DateSpan) -> bool:
        return self.first <= other.last and other.first <= self.last


@dataclass(frozen=True, slots=True)
class Source:
    """A publication that events and facts cite."""

    id: str
    publisher: str
    title: str
    url: str | None
    published: DateSpan | None
    note: str | None = None
    dataset: str = "bundled"  # which file it came from: "bundled" or the path given


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with its other names (Ukrainian, Russian, Soviet-era) and coordinates."""

    id: str
    name: str
    other_names: tuple[str, ...]
    kind: str
    oblast: str
    country: str
    lat: float
    lon: float
    sources: tuple[str, ...]
    note: str | None = None
    dataset: str = "bundled"


@dataclass(frozen=True, slots=True)
class Quote:
    """A short direct quote, always attributed."""

    text: str
    by: str


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening, with its evidential status and who asserts or denies it."""

    id: str
    date: DateSpan
    title: str
    summary: str
    category: Category
    tags: tuple[str, ...]
    places: tuple[str, ...]
    actors: tuple[str, ...]
    status: Status
    claimed_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    sources: tuple[str, ...]
    quote: Quote | None = None
    note: str | None = None
    dataset: str = "bundled"


@dataclass(frozen=True, slots=True)
class Fact:
    """A short answer to a question people ask, with an as-of date and attribution.

    `status` is `claimed` when the figure is one side's (then `attributed_to` says whose).
    """

    id: str
    question: str
    aliases: tuple[str, ...]
    answer: str
    value: float | int | str | None
    unit: str | None
    as_of: DateSpan | None
    attributed_to: str | None
    sources: tuple[str, ...]
    note: str | None = None
    status: Status = Status.REPORTED
    dataset: str = "bundled"


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything loaded from one dataset file, already cross-checked."""

    path: str
    sources: dict[str, Source]
    places: dict[str, Place]
    events: tuple[Event, ...]
    facts: tuple[Fact, ...]

"""Frozen value types for the dataset: what a loaded, validated dataset is made of."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from datetime import date as Day  # for classes with a field named `date`
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
    # An independent analyst's or monitor's judgement (ISW, DeepState): not a party's claim,
    # so it names its authors in assessed_by, never in claimed_by.
    ASSESSED = "assessed"


class Side(Enum):
    """Whose side an actor speaks for: a claim is only ever one side's."""

    UKRAINE = "ukraine"
    RUSSIA = "russia"
    INDEPENDENT = "independent"  # analysts, monitors and media of neither party
    OTHER = "other"  # companies, institutions, historical bodies


class ActorKind(Enum):
    """What kind of body an actor is."""

    GOVERNMENT = "government"
    MILITARY = "military"  # armed forces, their commanders and units
    ARMED_GROUP = "armed-group"  # irregular forces such as Wagner
    MEDIA = "media"
    ANALYST = "analyst"
    MONITOR = "monitor"  # OSINT front-line monitors
    COMPANY = "company"
    INSTITUTION = "institution"


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
    url: str | None  # the publisher's own page; None when it is not known
    published: DateSpan | None
    note: str | None = None
    dataset: str = "bundled"  # which file it came from: "bundled" or the path given
    copy_url: str | None = (
        None  # where a copy was read (a mirror, a syndication): never the original
    )
    added: date | None = None  # curation dates: the day the entry entered the data
    updated: date | None = None  # and the day it last changed, if it did


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with its other names (Ukrainian, Russian, Soviet-era) and coordinates."""

    id: str
    name: str
    other_names: tuple[str, ...]
    kind: str
    oblast: str
    country: str
    lat: float | None  # None: no verifiable coordinates (the note says why)
    lon: float | None
    sources: tuple[str, ...]
    note: str | None = None
    dataset: str = "bundled"
    added: date | None = None
    updated: date | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone events name: who acts, who claims, who denies, who assesses."""

    id: str
    name: str
    other_names: tuple[str, ...]
    side: Side
    kind: ActorKind
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
    assessed_by: tuple[str, ...] = ()  # actor ids, for an `assessed` event
    aliases: tuple[str, ...] = ()  # other ways people name or ask about it, for `fact`
    added: Day | None = None
    updated: Day | None = None
    # Deaths the sources report for this event, as a figure (ACLED's coded fatalities).
    fatalities: int | None = None


@dataclass(frozen=True, slots=True)
class FactValue:
    """One dated value of a figure that changes over time (residents left, troops massed)."""

    value: float | int | str | None
    low: float | None
    high: float | None
    unit: str | None
    as_of: DateSpan
    status: Status
    attributed_to: str | None
    sources: tuple[str, ...]
    note: str | None = None


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
    low: float | None = None  # a figure given as a range
    high: float | None = None
    earlier: tuple[FactValue, ...] = ()  # the values before this one, oldest first
    added: date | None = None
    updated: date | None = None

    def history(self) -> tuple[FactValue, ...]:
        """Every value the figure has had, oldest first, this one last."""
        if not self.earlier:
            return ()
        assert self.as_of is not None  # validation requires it of a fact with a history
        current = FactValue(
            self.value,
            self.low,
            self.high,
            self.unit,
            self.as_of,
            self.status,
            self.attributed_to,
            self.sources,
        )
        return (*self.earlier, current)


class Change(Enum):
    """What a correction changed (DESIGN.md "Corrections")."""

    DATE = "date"
    STATUS = "status"
    FIGURE = "figure"
    RETRACTED = "retracted"  # the entry should not have been in the data as it stood


@dataclass(frozen=True, slots=True)
class Correction:
    """An entry of the corrections log: what was wrong with an entry, when it was put right and
    why, with the sources that showed it."""

    id: str
    date: Day
    entry: str  # the id of the event, fact, place or source corrected
    change: Change
    was: str | None  # the old value, as the data held it
    now: str | None  # the new one (none for a retraction)
    why: str
    sources: tuple[str, ...]
    dataset: str = "bundled"


@dataclass(frozen=True, slots=True)
class Layer:
    """One file of a loaded dataset, with what its curators vouch for."""

    label: str  # "bundled" or the path given
    version: str | None
    curated_through: DateSpan | None  # the last day the curators checked the news
    versions: tuple[tuple[str, date], ...] = ()  # each release of the file and its day


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything loaded from one dataset file, already cross-checked."""

    path: str
    # dicts, or the store's lazy equivalents (store.py), read when first needed
    sources: Mapping[str, Source]
    places: Mapping[str, Place]
    events: Sequence[Event]
    facts: tuple[Fact, ...]
    actors: Mapping[str, Actor]
    layers: tuple[Layer, ...] = ()
    corrections: tuple[Correction, ...] = ()  # the corrections log, oldest first

    @property
    def curated_through(self) -> DateSpan | None:
        """The newest curated-through date of any layer: how current the data is."""
        dates = [layer.curated_through for layer in self.layers if layer.curated_through]
        return max(dates, key=lambda span: span.last) if dates else None

    @property
    def version(self) -> str | None:
        """The bundled data's version (else the first layer's that has one)."""
        return next((layer.version for layer in self.layers if layer.version), None)

"""Answers worked out from the data rather than looked up: distances and bearings between any two
places with coordinates, how long an event lasted, how long ago it was, and the days between
two events. Each says how it was computed; today is a parameter, never read from the clock here.
"""

from __future__ import annotations

from datetime import date

from pokrovsk_cli.answers.answer import Answer
from pokrovsk_cli.answers.geo import compass_point, measure
from pokrovsk_cli.data.dates import format_day, format_span
from pokrovsk_cli.data.model import DateSpan, Event, Place, Precision

BY_COORDINATES = "computed by pokrovsk from coordinates (haversine formula)"
BY_DATES = "computed by pokrovsk from the data's dates"


def _computed(
    answer_id: str,
    title: str,
    text: str,
    value: float | int,
    unit: str,
    *,
    how: str,
    sources: tuple[str, ...],
    places: tuple[str, ...],
    span: DateSpan | None = None,
    by: str = BY_DATES,
) -> Answer:
    return Answer(
        "fact",  # as distances were in schema 1: the status, not the kind, says "computed"
        answer_id,
        title,
        text,
        value,
        unit,
        span,
        "computed",
        by,
        sources,
        how=how,
        places=frozenset(places),
    )


def _between_places(
    kind: str,
    title: str,
    text: str,
    value: float | int,
    unit: str,
    how: str,
    origin: Place,
    place: Place,
) -> Answer:
    """A computed answer about two places, citing where both places' coordinates come from."""
    return _computed(
        f"computed:{kind}:{origin.id}:{place.id}",
        title,
        text,
        value,
        unit,
        by=BY_COORDINATES,
        sources=tuple(dict.fromkeys((*origin.sources, *place.sources))),
        how=how,
        places=(origin.id, place.id),
    )


def distance(origin: Place, place: Place) -> Answer | None:
    """The straight-line distance between two places, or None when one has no coordinates."""
    leg = measure(origin, place)
    if leg.km is None or leg.bearing is None:
        return None
    direction = compass_point(leg.bearing, words=True)
    text = (
        f"{place.name} is about {leg.km:.0f} km {direction} of {origin.name} in a straight line"
        " (not a road distance)."
    )
    how = (
        f"great-circle distance between {origin.name} ({origin.lat}, {origin.lon}) and"
        f" {place.name} ({place.lat}, {place.lon}), haversine formula, mean Earth radius"
    )
    title = f"How far is {place.name} from {origin.name}?"
    return _between_places("distance", title, text, round(leg.km, 1), "km", how, origin, place)


def bearing(origin: Place, place: Place) -> Answer | None:
    """Which way `place` lies from `origin`: a compass point and degrees from north."""
    leg = measure(origin, place)
    if leg.km is None or leg.bearing is None:
        return None
    direction = compass_point(leg.bearing, words=True)
    text = (
        f"{place.name} lies {direction} of {origin.name}"
        f" (bearing {leg.bearing:.0f}°, {leg.km:.0f} km)."
    )
    how = (
        f"initial great-circle bearing from {origin.name} ({origin.lat}, {origin.lon}) to"
        f" {place.name} ({place.lat}, {place.lon}), degrees clockwise from north"
    )
    title = f"Which direction is {place.name} from {origin.name}?"
    return _between_places("bearing", title, text, round(leg.bearing), "°", how, origin, place)


def in_words(days: int, precision: Precision = Precision.DAY) -> str:
    """320 -> 'about 10 months (320 days)'; a month-precise span in months only."""
    months = round(days / 30.44)
    years, rest = divmod(months, 12)
    if precision is Precision.YEAR:
        return f"about {round(days / 365.25)} years"
    counted = f" ({days:,} days)" if precision is Precision.DAY else ""
    if days < 60 and precision is Precision.DAY:
        return f"{days} day{'s' if days != 1 else ''}"
    if months < 24:
        return f"about {months} month{'s' if months != 1 else ''}{counted}"
    tail = f", {rest} month{'s' if rest != 1 else ''}" if rest else ""
    return f"about {years} years{tail}{counted}"


def _coarser(*spans: DateSpan) -> Precision:
    return max((span.precision for span in spans), key=lambda p: p.rank)


def duration(event: Event) -> Answer | None:
    """How long an event dated as an interval lasted, both end days counted."""
    span = event.date
    if not span.interval or span.first == span.last:
        return None  # one day, or a month or year known no better: no duration to tell
    days = (span.last - span.first).days + 1
    text = f"{event.title}: {in_words(days, span.precision)}, {format_span(span)}."
    if span.precision is not Precision.DAY:
        text += f" The dates are known only to the {span.precision.value}, so this is rough."
    elif span.approximate:
        text += " The dates are approximate, so this is rough."
    how = f"days from {span.first.isoformat()} to {span.last.isoformat()}, both counted"
    return _of_event("duration", "How long it lasted", event, text, days, how)


def ago(event: Event, today: date) -> Answer:
    """How long before `today` an event began."""
    span = event.date
    days = (today - span.first).days
    when = format_span(span)
    text = (
        f"{in_words(days, span.precision)} from {event.title} ({when})"
        f" to today, {format_day(today)}."
    )
    if days < 0:
        text = f"{event.title} ({when}) is {in_words(-days, span.precision)} after today."
    how = f"days from {span.first.isoformat()} (the event's first day) to today, {today}"
    return _of_event("ago", "Time since", event, text, days, how)


def _of_event(kind: str, asked: str, event: Event, text: str, days: int, how: str) -> Answer:
    """A computed count of days about one event, citing it."""
    return _computed(
        f"computed:{kind}:{event.id}",
        f"{asked}: {event.title}",
        text,
        days,
        "days",
        span=event.date,
        sources=event.sources,
        how=how,
        places=event.places,
    )


def between(first: Event, second: Event) -> Answer:
    """Days from the first day of one event to the first day of the other, in date order."""
    one, two = sorted((first, second), key=lambda e: e.date.first)
    days = (two.date.first - one.date.first).days
    precision = _coarser(one.date, two.date)
    text = (
        f"{in_words(days, precision)} from {one.title} ({format_span(one.date)})"
        f" to {two.title} ({format_span(two.date)})."
    )
    how = f"days from {one.date.first.isoformat()} to {two.date.first.isoformat()} (first days)"
    return _computed(
        f"computed:between:{first.id}:{second.id}",
        f"Time between: {one.title} → {two.title}",
        text,
        days,
        "days",
        sources=tuple(dict.fromkeys((*one.sources, *two.sources))),
        how=how,
        places=(*one.places, *two.places),
    )

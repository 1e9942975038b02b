"""Answers worked out from the data rather than looked up: distances and bearings between any two
places with coordinates, how long an event lasted, how long ago it was, and the days between
two events. Each says how it was computed; today is a parameter, never read from the clock here.
"""

from __future__ import annotations

from datetime import date

from pokrovsk_cli.answers.answer import Answer
from pokrovsk_cli.answers.geo import compass_point, haversine_km, initial_bearing, located
from pokrovsk_cli.data.dates import format_span
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


def distance(origin: Place, place: Place) -> Answer | None:
    """The straight-line distance between two places, or None when one has no coordinates."""
    if not (located(origin) and located(place)) or origin.id == place.id:
        return None
    ends = (origin.lat, origin.lon, place.lat, place.lon)
    km = haversine_km(*ends)  # type: ignore[arg-type]
    direction = compass_point(initial_bearing(*ends), words=True)  # type: ignore[arg-type]
    text = (
        f"{place.name} is about {km:.0f} km {direction} of {origin.name} in a straight line"
        " (not a road distance)."
    )
    how = (
        f"great-circle distance between {origin.name} ({origin.lat}, {origin.lon}) and"
        f" {place.name} ({place.lat}, {place.lon}), haversine formula, mean Earth radius"
    )
    return _computed(
        f"computed:distance:{origin.id}:{place.id}",
        f"How far is {place.name} from {origin.name}?",
        text,
        round(km, 1),
        "km",
        by=BY_COORDINATES,
        sources=tuple(dict.fromkeys((*origin.sources, *place.sources))),
        how=how,
        places=(origin.id, place.id),
    )


def bearing(origin: Place, place: Place) -> Answer | None:
    """Which way `place` lies from `origin`: a compass point and degrees from north."""
    if not (located(origin) and located(place)) or origin.id == place.id:
        return None
    ends = (origin.lat, origin.lon, place.lat, place.lon)
    degrees = initial_bearing(*ends)  # type: ignore[arg-type]
    km = haversine_km(*ends)  # type: ignore[arg-type]
    direction = compass_point(degrees, words=True)
    text = f"{place.name} lies {direction} of {origin.name} (bearing {degrees:.0f}°, {km:.0f} km)."
    how = (
        f"initial great-circle bearing from {origin.name} ({origin.lat}, {origin.lon}) to"
        f" {place.name} ({place.lat}, {place.lon}), degrees clockwise from north"
    )
    return _computed(
        f"computed:bearing:{origin.id}:{place.id}",
        f"Which direction is {place.name} from {origin.name}?",
        text,
        round(degrees),
        "°",
        by=BY_COORDINATES,
        sources=tuple(dict.fromkeys((*origin.sources, *place.sources))),
        how=how,
        places=(origin.id, place.id),
    )


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
    return _computed(
        f"computed:duration:{event.id}",
        f"How long it lasted: {event.title}",
        text,
        days,
        "days",
        span=span,
        sources=event.sources,
        how=how,
        places=event.places,
    )


def ago(event: Event, today: date) -> Answer:
    """How long before `today` an event began."""
    span = event.date
    days = (today - span.first).days
    when = format_span(span)
    text = (
        f"{in_words(days, span.precision)} from {event.title} ({when})"
        f" to today, {today.day} {today:%b %Y}."
    )
    if days < 0:
        text = f"{event.title} ({when}) is {in_words(-days, span.precision)} after today."
    how = f"days from {span.first.isoformat()} (the event's first day) to today, {today}"
    return _computed(
        f"computed:ago:{event.id}",
        f"Time since: {event.title}",
        text,
        days,
        "days",
        span=span,
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

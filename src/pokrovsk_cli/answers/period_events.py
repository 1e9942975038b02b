"""'What happened in November 2025': the events of the period a question names, as one answer.

An event counts when its span overlaps the window (a counter-attack from August to October is
part of September). A window after the data's curated-through date is answered honestly: no
events are known there, and the answer says how far the data goes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pokrovsk_cli.answers.answer import Answer
from pokrovsk_cli.data.dates import format_day, format_span
from pokrovsk_cli.data.model import DateSpan, Precision

if TYPE_CHECKING:
    from pokrovsk_cli.answers.facts import FactIndex
    from pokrovsk_cli.answers.when import Window


def _days(first: date, last: date) -> str:
    if first == last:
        return format_day(first)
    if first == date(1, 1, 1):
        return f"up to {format_day(last)}"
    return f"{format_day(first)} to {format_day(last)}"


def events_answer(window: Window, index: FactIndex, place: str | None) -> Answer:
    """The events overlapping the window (about `place`, when the question names one)."""
    found = tuple(
        sorted(
            (
                event
                for event in index.events.values()
                if event.date.first <= window.last
                and window.first <= event.date.last
                and (place is None or place in event.places)
            ),
            key=lambda e: (e.date.first, e.date.last, e.id),
        )
    )
    days = _days(window.first, window.last)
    where = f" about {index.place_name(place)}" if place else ""
    curated = index.curated
    if found:
        text = f"{len(found)} event{'s' if len(found) != 1 else ''}{where} from {days}."
    else:
        text = f"No events{where} in the data from {days}."
    if curated and window.last > curated.last:
        text += f" The data is curated through {format_span(curated)}: later events are not in it."
    span = DateSpan(
        f"{window.first}/{window.last}", window.first, window.last, Precision.DAY, interval=True
    )
    return Answer(
        "events",
        window.id,
        f"What happened{where}, {days}?",
        text,
        len(found),
        "events",
        span,
        "reported",
        None,
        tuple(dict.fromkeys(source for event in found for source in event.sources)),
        events=found,
        places=frozenset({place}) if place else frozenset(),
    )

"""How things stand at a place: its most recent events, with their status and the data's date.

"Has Pokrovsk fallen", "who holds Myrnohrad now": the answer is never a bare yes or no. It is the
latest the data has about the place, said with who says so (claimed, disputed, assessed) and how
current the data is, since the situation may have moved on since it was curated.
"""

from __future__ import annotations

from collections.abc import Mapping

from pokrovsk_cli.answers.actors import actor_names, asserted_by
from pokrovsk_cli.answers.answer import Answer
from pokrovsk_cli.data.dates import format_span
from pokrovsk_cli.data.model import Actor, Category, DateSpan, Event, Place, Status

# How many of the latest events the answer rests on and lists.
LATEST = 3
_SAYS = {
    Status.CLAIMED: "claimed by",
    Status.DISPUTED: "claimed by",
    Status.ASSESSED: "assessed by",
}


def latest_events(place_id: str, events: tuple[Event, ...]) -> list[Event]:
    """The place's events, newest first; only the military ones when it has some, since the
    question is about who holds it."""
    about = [event for event in events if place_id in event.places]
    if any(event.category is Category.MILITARY for event in about):
        about = [event for event in about if event.category is Category.MILITARY]
    return sorted(about, key=lambda e: (e.date.last, e.date.first, e.id), reverse=True)


def current_state(
    place: Place,
    events: tuple[Event, ...],
    actors: Mapping[str, Actor],
    curated: DateSpan | None,
) -> Answer | None:
    """The current-state answer for a place, or None when no event is about it."""
    latest = latest_events(place.id, events)[:LATEST]
    if not latest:
        return None
    newest = latest[0]
    says = ", ".join(actor_names(asserted_by(newest), actors))
    status = newest.status.value
    if newest.status in _SAYS and says:  # "claimed by X", "disputed: claimed by X"
        label = _SAYS[newest.status]
        status = label if label.startswith(status) else f"{status}: {label}"
        status += f" {says}"
    denied = ", ".join(actor_names(newest.denied_by, actors))
    if denied:
        status += f"; denied by {denied}"
    as_of = format_span(curated) if curated else "an unstated date"
    text = (
        f"The latest in the data about {place.name}, {format_span(newest.date)}:"
        f" {newest.title} ({status})."
        f" The data is curated through {as_of}; the situation may have changed since."
    )
    return Answer(
        "current",
        f"current:{place.id}",
        f"How do things stand in {place.name}?",
        text,
        None,
        None,
        newest.date,
        newest.status.value,
        says or None,
        newest.sources,  # what the answer says rests on the newest; each event cites its own
        None,
        dataset=newest.dataset,
        events=tuple(latest),
        places=frozenset({place.id}),
    )

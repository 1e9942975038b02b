"""Filters and ordering over events: pure functions that return new tuples."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

# EventFilter and sort_key live with the store that shares them; imported from here as before.
from pokrovsk_cli.data.event_filter import EventFilter as EventFilter
from pokrovsk_cli.data.event_filter import check_filter as check_filter
from pokrovsk_cli.data.event_filter import sort_key as sort_key
from pokrovsk_cli.data.model import Event, Place
from pokrovsk_cli.errors import NotFoundError, UsageError
from pokrovsk_cli.text import fold


class Named(NamedTuple):
    """What an option may name: an entry's id and every other name it goes by."""

    id: str
    names: tuple[str, ...]


def resolve_names(
    option: str, what: str, names: Iterable[str], known: Iterable[Named], fallback: str
) -> tuple[str, ...]:
    """Ids for ids or any other names (case- and accent-insensitive); a miss is a usage error
    suggesting the closest ids, or `fallback` when none is close."""
    index: dict[str, str] = {}
    for entry in known:
        for name in (entry.id, *entry.names):
            index.setdefault(fold(name), entry.id)
    resolved = []
    for name in names:
        ident = index.get(fold(name.strip()))
        if ident is None:
            import difflib  # only a miss needs suggestions

            close = difflib.get_close_matches(fold(name), list(index), n=6)
            ids = list(dict.fromkeys(index[match] for match in close))[:3]
            hint = f"did you mean: {', '.join(ids)}?" if ids else fallback
            raise UsageError(f"{option}: no {what} called {name!r}", hint)
        resolved.append(ident)
    return tuple(dict.fromkeys(resolved))


def resolve_places(
    names: Iterable[str], places: Mapping[str, Place], option: str = "--place"
) -> tuple[str, ...]:
    """Turn place ids or any of their names into place ids (--place, --near)."""
    known = (Named(p.id, (p.name, *p.other_names)) for p in places.values())
    return resolve_names(option, "place", names, known, "run 'pokrovsk places' to list them")


def _searchable(event: Event, places: Mapping[str, Place]) -> str:
    names: list[str] = []
    for place_id in event.places:
        place = places.get(place_id)
        if place:
            names.extend((place.name, *place.other_names))
    parts = (event.title, event.summary, *event.tags, *event.places, *names)
    return fold(" ".join(parts))


def _matches(
    event: Event,
    wanted: EventFilter,
    tags: frozenset[str],
    words: tuple[str, ...],
    places: Mapping[str, Place],
) -> bool:
    """Whether one event passes every filter; `tags` and `words` come already folded."""
    span = event.date
    if wanted.since and span.last < wanted.since.first:
        return False
    if wanted.until and span.first > wanted.until.last:
        return False
    if wanted.on and not span.overlaps(wanted.on):
        return False
    if wanted.categories and event.category not in wanted.categories:
        return False
    if wanted.statuses and event.status not in wanted.statuses:
        return False
    if tags and not tags.intersection(fold(t) for t in event.tags):
        return False
    if wanted.places and not set(wanted.places) & set(event.places):
        return False
    if wanted.near_places is not None and not set(wanted.near_places) & set(event.places):
        return False
    if wanted.claimants or wanted.side_actors is not None:
        asserting = {*event.claimed_by, *event.assessed_by}
        if wanted.claimants and not asserting.intersection(wanted.claimants):
            return False
        if wanted.side_actors is not None and not asserting.intersection(wanted.side_actors):
            return False
    if words:
        haystack = _searchable(event, places)
        if not all(word in haystack for word in words):
            return False
    return True


def select_events(
    events: Iterable[Event], wanted: EventFilter, places: Mapping[str, Place]
) -> tuple[Event, ...]:
    """Return the events that pass every filter, in chronological (or reverse) order."""
    check_filter(wanted)
    tags = frozenset(fold(tag) for tag in wanted.tags)
    words = tuple(fold(wanted.search).split()) if wanted.search else ()
    chosen = sorted((e for e in events if _matches(e, wanted, tags, words, places)), key=sort_key)
    if wanted.reverse:
        chosen.reverse()
    if wanted.limit is not None:
        chosen = chosen[: wanted.limit]
    return tuple(chosen)


def find_event(events: Iterable[Event], event_id: str) -> Event:
    """Return the event with this id, or fail naming the closest ids."""
    by_id = {event.id: event for event in events}
    if event_id in by_id:
        return by_id[event_id]
    import difflib  # only a miss needs suggestions

    wanted = fold(event_id)
    close = [known for known in by_id if wanted in known]
    close += difflib.get_close_matches(event_id, list(by_id), n=3, cutoff=0.4)
    close = list(dict.fromkeys(close))[:3]
    hint = (
        f"closest ids: {', '.join(close)}" if close else "run 'pokrovsk timeline' to list event ids"
    )
    raise NotFoundError(f"no event with id {event_id!r}", hint)

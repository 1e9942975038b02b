"""Actors as a registry: names for their ids, any of their names back to ids, their events."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from pokrovsk_cli.answers.query import Named, resolve_names
from pokrovsk_cli.data.model import Actor, Dataset, Event, Side
from pokrovsk_cli.text import fold


def actor_names(ids: Iterable[str], actors: Mapping[str, Actor]) -> list[str]:
    """The names of these actors, in order (an id the registry lacks stays as it is)."""
    return [actors[ident].name if ident in actors else ident for ident in ids]


def asserted_by(event: Event) -> tuple[str, ...]:
    """Who asserts an event: its claimants and, for an assessment, its assessors."""
    return (*event.claimed_by, *event.assessed_by)


def who_says(event: Event, actors: Mapping[str, Actor]) -> list[tuple[str, str]]:
    """("claimed by", "A, B"), ("assessed by", ...), ("denied by", ...): those an event has."""
    fields = (
        ("claimed by", event.claimed_by),
        ("assessed by", event.assessed_by),
        ("denied by", event.denied_by),
    )
    return [(label, ", ".join(actor_names(ids, actors))) for label, ids in fields if ids]


def resolve_actors(names: Iterable[str], actors: Mapping[str, Actor]) -> tuple[str, ...]:
    """Actor ids from ids or any of their names (--claimed-by)."""
    known = (Named(a.id, (a.name, *a.other_names)) for a in actors.values())
    return resolve_names("--claimed-by", "actor", names, known, "run 'pokrovsk actors' for ids")


def actors_of_sides(sides: Iterable[Side], actors: Mapping[str, Actor]) -> tuple[str, ...]:
    """The ids of every actor on these sides."""
    wanted = set(sides)
    return tuple(actor.id for actor in actors.values() if actor.side in wanted)


class ActorUse(NamedTuple):
    """An actor with how many events name it, and how many it claims, denies or assesses."""

    actor: Actor
    events: int
    claims: int
    denials: int
    assessments: int


def count_actor_events(dataset: Dataset) -> list[ActorUse]:
    """Every actor with its counts, most named first, then by name."""
    counts = {ident: [0, 0, 0, 0] for ident in dataset.actors}
    for event in dataset.events:
        fields: Sequence[tuple[int, tuple[str, ...]]] = (
            (1, event.claimed_by),
            (2, event.denied_by),
            (3, event.assessed_by),
        )
        named = set(event.actors)
        for slot, ids in fields:
            named.update(ids)
            for ident in ids:
                if ident in counts:
                    counts[ident][slot] += 1
        for ident in named:
            if ident in counts:
                counts[ident][0] += 1
    uses = [ActorUse(dataset.actors[ident], *numbers) for ident, numbers in counts.items()]
    uses.sort(key=lambda use: (-use.events, fold(use.actor.name)))
    return uses

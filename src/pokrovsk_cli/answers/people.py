"""The people a question names, for grounding: "what position does Oleksandr Syrskyi hold" is
about Syrskyi, and an entry that does not speak of him cannot answer it, however well it
matches the question's other words.

A person is an actor whose id is the last word of a name of two or more words (syrskyi:
Oleksandr Syrskyi), the data's convention for people; groups and offices have other ids
(ru-mod, ua-east-grouping, wagner for the Wagner Group).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pokrovsk_cli.answers.asked import words
from pokrovsk_cli.data.model import Actor


def surnames(actors: Mapping[str, Actor]) -> dict[str, str]:
    """Each person's surname in every spelling the data gives (Syrskyi, Syrsky, Сирський) ->
    the person's id."""
    found: dict[str, str] = {}
    for actor in actors.values():
        name = words(actor.name)
        if len(name) < 2 or name[-1] != actor.id:
            continue
        for other in (actor.name, *actor.other_names):
            spelled = words(other)
            if spelled:
                found.setdefault(spelled[-1], actor.id)
    return found


def people_named(said: Sequence[str], known: Mapping[str, str]) -> frozenset[str]:
    """The people a question names by surname."""
    return frozenset(known[word] for word in said if word in known)


def people_in(text: str, known: Mapping[str, str]) -> frozenset[str]:
    """The people a text names by surname."""
    return people_named(words(text), known)

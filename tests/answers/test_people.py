"""People in questions: a question that names someone is answered only by an entry about them."""

from __future__ import annotations

from datetime import date

import pytest

from pokrovsk_cli.answers.ask import look_up
from pokrovsk_cli.answers.asked import words
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.answers.people import people_named, surnames

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def index(bundled):
    return FactIndex(bundled)


def test_people_are_the_actors_named_by_their_surname(bundled):
    known = surnames(bundled.actors)
    assert known["syrskyi"] == known["syrsky"] == known[words("Сирський")[0]] == "syrskyi"
    assert "wagner" not in known and "forces" not in known  # a group, an army: not people
    assert "defence" not in known  # Russian Ministry of Defence


def test_a_question_names_people_by_any_spelling(index):
    assert people_named(words("did Zelenskyy deny it"), index.surnames) == {"zelensky"}
    assert people_named(words("who holds pokrovsk"), index.surnames) == frozenset()


@pytest.mark.parametrize(
    "question",
    ["what position does Oleksandr Syrskyi hold", "what does syrsky say about myrnohrad"],
)
def test_every_match_speaks_of_the_person_named(index, question):
    lookup = look_up(question, index, today=TODAY, alternatives=None)
    shown = (*lookup.matches, *lookup.closest)
    assert shown
    assert all("syrskyi" in index.people_of(a.id) for a in shown)
    assert ("people", "Oleksandr Syrskyi") in lookup.explanation

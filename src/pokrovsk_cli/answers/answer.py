"""What `pokrovsk fact` answers with: a ranked answer of one of five kinds, and the lookup.

Kinds: "fact" (a curated fact, or, with status "computed", a distance, bearing, duration or day
count worked out from the data, saying how), "event" (one event), "events" (the events of a
period the question names) and "current" (how things stand at a place, from its latest events).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pokrovsk_cli.answers.actors import actor_names, asserted_by
from pokrovsk_cli.data.model import Actor, DateSpan, Event, Fact, FactValue

# How sure an answer is, as the README explains: "answer" is shown as the answer; "weak" is the
# closest match, shown as that and never as an answer.
ANSWER, WEAK = "answer", "weak"


@dataclass(frozen=True, slots=True)
class Answer:
    """One candidate answer, with its score and what the score is made of."""

    kind: str  # fact, event, events or current
    id: str
    title: str  # the fact's question, the event's title, or what was computed
    text: str
    value: float | int | str | None
    unit: str | None
    date: DateSpan | None
    status: str  # reported, claimed, disputed, confirmed, assessed, or computed
    attributed_to: str | None
    sources: tuple[str, ...]
    note: str | None = None
    score: float = 0.0
    parts: tuple[float, float, float] = (0.0, 0.0, 0.0)  # coverage, phrasing, intent
    dataset: str | None = None  # the file it came from; None for computed answers
    history: tuple[FactValue, ...] = ()  # a changing figure's values, oldest first, this one last
    low: float | None = None
    high: float | None = None
    confidence: float = 0.0  # the share of held-out answers at this score that were right
    match: str = WEAK
    how: str | None = None  # for a computed answer: how it was worked out
    events: tuple[Event, ...] = ()  # for "events" and "current": the events it rests on
    places: frozenset[str] = frozenset()  # the places it is about, for grounding
    lead: float = 0.0  # for the best candidate, its lead over the next: part of the confidence
    # For an answer computed from events the question names: the confidence of the least sure
    # of those lookups. Arithmetic on a wrongly found event is a wrong answer, however exact.
    anchored: float = 1.0


@dataclass(frozen=True, slots=True)
class Lookup:
    """The result of one question: answers best first; or, when nothing is sure enough, the
    closest matches (weak, never an answer) and why nothing answers."""

    query: str
    matches: tuple[Answer, ...]
    closest: tuple[Answer, ...] = ()  # weak matches: shown as such, never as an answer
    refusal: str | None = None  # why the question is not answered, in words
    today: date | None = None
    explanation: tuple[tuple[str, str], ...] = field(default=())  # how it was read and scored
    explained: bool = False  # show the explanation (fact --explain)

    @property
    def answer(self) -> Answer | None:
        return self.matches[0] if self.matches else None


def fact_answer(fact: Fact) -> Answer:
    return Answer(
        "fact",
        fact.id,
        fact.question,
        fact.answer,
        fact.value,
        fact.unit,
        fact.as_of,
        fact.status.value,
        fact.attributed_to,
        fact.sources,
        fact.note,
        dataset=fact.dataset,
        history=fact.history(),
        low=fact.low,
        high=fact.high,
    )


def event_answer(event: Event, actors: Mapping[str, Actor]) -> Answer:
    return Answer(
        "event",
        event.id,
        event.title,
        event.summary,
        None,
        None,
        event.date,
        event.status.value,
        ", ".join(actor_names(asserted_by(event), actors)) or None,
        event.sources,
        event.note,
        dataset=event.dataset,
    )

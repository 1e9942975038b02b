"""Fact lookup: rank curated facts, events and computed distances against a free-text question.

The ranking, which the README explains the same way. Each entry gets a score from 0 to 1:

    score = 0.6 * coverage + 0.3 * phrasing + 0.1 * intent

- coverage: how much of the question's content words the entry contains, each word weighted
  by its rarity (BM25's idf, so "pokrovsk", which is everywhere, counts for little). A word
  counts fully when equal, 0.95 when only its ending differs (troops/troop), 0.9 when it is
  another name of the same place (Avdeyevka/Avdiivka), 0.85 when it shares a long start
  (evacuated/evacuation), 0.8 for a one-edit typo (RapidFuzz OSA distance; 0.7 for two edits
  in words of nine letters or more); it is then scaled by where it was found (a question,
  alias or title counts more than a summary).
- phrasing: how closely the question's content words read like one of the entry's own
  questions, aliases or title, in any order (RapidFuzz token_sort_ratio).
- intent: 1 when the question word fits the kind of answer: "when" a dated event or a
  "when" fact, "how far" a distance, "how many/much" a figure, "who" a person. A question
  without such a word is scored on the first two parts alone.

Question words and other small words are left out of coverage and phrasing.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from pokrovsk_cli.answers.actors import actor_names, asserted_by
from pokrovsk_cli.answers.geo import HOME_PLACE, compass_point, distances_from
from pokrovsk_cli.data.model import Actor, Dataset, DateSpan, Event, Fact, FactValue, Place
from pokrovsk_cli.errors import NotFoundError
from pokrovsk_cli.text import clip, fold

# An answer below this score is no answer: measured on tests/fixtures/fact_questions.tsv, where
# questions about other things score under 0.3 and the weakest right answer is far above.
THRESHOLD = 0.45
# Below this a "closest fact" shares next to nothing with the question: better not to suggest it.
SUGGEST_FLOOR = 0.2
WEIGHTS = (0.6, 0.3, 0.1)  # coverage, phrasing, intent

# Where a word was found: how much a match there counts.
_FIELD_WEIGHT = {"name": 1.0, "key": 0.9, "body": 0.6, "aside": 0.3}

# Words that frame a question rather than say what it is about.
STOPWORDS = frozenset(
    """a an the of in on at to from for by with about into over under and or but if then than as
    is are was were be been being am do does did done have has had it its this that these those
    there here what whats when where who whom whose which why how many much far me you i we they
    he she him her us them my your our their his any some all each every no not yes please tell
    know ever still now also just so very out up again once happen happened happens get got date
    s""".split()
)

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The folded words of a text: any case, accents and punctuation give the same words."""
    return _WORD.findall(fold(text))


# Irregular forms people use in questions about a war, mapped to the form that gets stemmed.
_IRREGULAR = {
    "fell": "fall",
    "fallen": "fall",
    "lost": "lose",
    "took": "take",
    "taken": "take",
    "began": "begin",
    "begun": "begin",
    "fought": "fight",
    "held": "hold",
    "won": "win",
    "left": "leave",
    "went": "go",
    "gone": "go",
}


@cache  # the index stems every word of every entry, most of them many times
def stem(word: str) -> str:
    """A light English ending-stripper, enough to match plurals and verb forms."""
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            if ending != "e" and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # stopped -> stop, running -> run
            break
    return word


def intent(text_words: Sequence[str]) -> str | None:
    """What kind of answer a question asks for, from its question words."""
    present = set(text_words)
    if "how" in present and ("far" in present or "distant" in present) or "distance" in present:
        return "distance"
    if "when" in present or "date" in present or ("what" in present and "year" in present):
        return "when"
    if "how" in present and ("many" in present or "much" in present):
        return "amount"
    for word in ("who", "where", "why"):
        if word in present:
            return word
    return None


@dataclass(frozen=True, slots=True)
class Answer:
    """One candidate answer: a curated fact, an event, or a distance computed from coordinates."""

    kind: str  # "fact" or "event"
    id: str
    title: str  # the fact's question, or the event's title
    text: str
    value: float | int | str | None
    unit: str | None
    date: DateSpan | None
    status: str  # reported, claimed, disputed, confirmed, or computed
    attributed_to: str | None
    sources: tuple[str, ...]
    note: str | None = None
    score: float = 0.0
    parts: tuple[float, float, float] = (0.0, 0.0, 0.0)  # coverage, phrasing, intent
    dataset: str | None = None  # the file it came from; None for computed answers
    history: tuple[FactValue, ...] = ()  # a changing figure's values, oldest first, this one last
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Lookup:
    """The result of one question: matches best first, or the closest facts when none."""

    query: str
    matches: tuple[Answer, ...]
    suggestions: tuple[Answer, ...] = ()

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


def distance_answer(home: Place, place: Place, km: float, bearing: float) -> Answer:
    """A distance fact computed from coordinates, which says that it was computed."""
    direction = compass_point(bearing, words=True)
    text = (
        f"{place.name} is about {km:.0f} km {direction} of {home.name} in a straight line,"
        " computed from the two places' coordinates (not a road distance)."
    )
    sources = tuple(dict.fromkeys((*home.sources, *place.sources)))
    return Answer(
        "fact",
        f"straight-line-to-{place.id}",
        f"How far is {place.name} from {home.name}?",
        text,
        round(km, 1),
        "km",
        None,
        "computed",
        "computed by pokrovsk from coordinates (haversine formula)",
        sources,
    )


class _Entry(NamedTuple):
    """An answer with what ranking reads of it (internal: a NamedTuple, cheaper to create)."""

    answer: Answer
    names: tuple[str, ...]  # its questions, aliases, title or tags, as phrasing keys
    terms: dict[str, float]  # word -> weight of the best field it appears in
    intent: str | None


def _add(terms: dict[str, float], text: str, field: str) -> None:
    weight = _FIELD_WEIGHT[field]
    for word in dict.fromkeys(words(text)):
        if word not in STOPWORDS and terms.get(word, 0.0) < weight:
            terms[word] = weight


class FactIndex:
    """Every answerable entry of a dataset, with the word statistics the ranking needs."""

    def __init__(self, dataset: Dataset) -> None:
        # Every name of a place (Krasnoarmeysk, Покровськ, Avdeyevka) -> the place's id.
        self.place_of: dict[str, str] = {}
        for place in dataset.places.values():
            for name in (place.id, place.name, *place.other_names):
                for word in words(name):
                    self.place_of.setdefault(word, place.id)
        self.entries = self._entries(dataset)
        frequency: dict[str, int] = {}
        for entry in self.entries:
            for term in entry.terms:
                frequency[term] = frequency.get(term, 0) + 1
        total = len(self.entries)
        # BM25's idf: rare words weigh more; a word no entry has weighs most.
        self.idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        self.unknown_idf = math.log(1 + (total + 0.5) / 0.5)
        self.vocabulary = sorted(frequency)
        self.by_stem: dict[str, list[str]] = {}
        for term in self.vocabulary:
            self.by_stem.setdefault(stem(term), []).append(term)

    def phrasing_key(self, text: str) -> str:
        """Content words, stemmed, with every name of a place written as the place's id."""
        return " ".join(
            self.place_of.get(word) or stem(word) for word in words(text) if word not in STOPWORDS
        )

    def _entries(self, dataset: Dataset) -> list[_Entry]:
        entries = []
        places = dataset.places
        for fact in dataset.facts:
            terms: dict[str, float] = {}
            for text in (fact.question, *fact.aliases):
                _add(terms, text, "name")
            _add(terms, fact.id.replace("-", " "), "key")
            _add(terms, f"{fact.answer} {fact.value or ''} {fact.unit or ''}", "body")
            _add(terms, f"{fact.attributed_to or ''} {fact.note or ''}", "aside")
            names = tuple(self.phrasing_key(n) for n in (fact.question, *fact.aliases))
            entries.append(_Entry(fact_answer(fact), names, terms, intent(words(fact.question))))
        for event in dataset.events:
            terms = {}
            _add(terms, event.title, "name")
            keywords = " ".join((event.id.replace("-", " "), *event.tags, *event.places))
            _add(terms, keywords, "key")
            years = {str(event.date.first.year), str(event.date.last.year)}
            named = actor_names(dict.fromkeys((*event.actors, *asserted_by(event))), dataset.actors)
            _add(terms, " ".join((event.summary, *named, *years)), "body")
            _add(terms, event.note or "", "aside")
            tags = " ".join((*event.tags, *event.places))
            names = (self.phrasing_key(event.title), self.phrasing_key(tags))
            entries.append(_Entry(event_answer(event, dataset.actors), names, terms, "when"))
        home = places.get(HOME_PLACE)
        for row in distances_from(home, places.values()):
            if row.km is None or row.bearing is None or home is None:
                continue
            answer = distance_answer(home, row.place, row.km, row.bearing)
            name = row.place.name
            aliases = (answer.title, f"distance to {name}", f"km from {home.name} to {name}")
            terms = {}
            for text in aliases:
                _add(terms, text, "name")
            _add(terms, f"{row.place.id} straight line kilometres distance", "key")
            names = tuple(self.phrasing_key(n) for n in aliases)
            entries.append(_Entry(answer, names, terms, "distance"))
        return entries

    def similar_terms(self, word: str) -> dict[str, float]:
        """Vocabulary words close to `word`, each with how close (1 = the same word)."""
        found = {word: 1.0} if word in self.idf else {}
        place_id = self.place_of.get(word)
        if place_id and place_id != word and place_id in self.idf:
            found.setdefault(place_id, 0.9)  # another name of the place: Avdeyevka, Покровськ
        for term in self.by_stem.get(stem(word), ()):
            found.setdefault(term, 0.95)
        if len(word) >= 5:
            start = bisect.bisect_left(self.vocabulary, word[:5])
            for term in self.vocabulary[start:]:
                if not term.startswith(word[:5]):
                    break
                if len(os.path.commonprefix((word, term))) >= 0.6 * max(len(word), len(term)):
                    found.setdefault(term, 0.85)
            # A typo: one edit (a transposition counts as one), two in long words.
            edits = 1 if len(word) < 9 else 2
            close = process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=edits, limit=None
            )
            for term, distance, _ in close:
                if len(term) >= 5:
                    found.setdefault(term, 0.8 if distance <= 1 else 0.7)
        return found

    def _weight(self, similar: dict[str, float]) -> float:
        """A question word weighs what its closest vocabulary word does; unknown words most."""
        if not similar:
            return self.unknown_idf
        closest = max(similar.values())
        return max(self.idf[term] for term, sim in similar.items() if sim == closest)

    def rank(self, question: str) -> list[Answer]:
        """Every entry with its score for this question, best first."""
        asked = words(question)
        content = list(dict.fromkeys(w for w in asked if w not in STOPWORDS))
        if not content:
            return [replace(entry.answer, score=0.0) for entry in self.entries]
        wanted = intent(asked)
        matches = [self.similar_terms(word) for word in content]
        weights = [self._weight(similar) for similar in matches]
        phrase = self.phrasing_key(question)
        w_cover, w_phrase, w_intent = WEIGHTS
        scale = 1.0 if wanted else w_cover + w_phrase
        ranked = []
        for entry in self.entries:
            covered = 0.0
            for weight, similar in zip(weights, matches, strict=True):
                found = [sim * entry.terms[t] for t, sim in similar.items() if t in entry.terms]
                covered += weight * max(found, default=0.0)
            coverage = covered / sum(weights)
            phrasing = max(fuzz.token_sort_ratio(phrase, name) for name in entry.names) / 100
            fits = 1.0 if wanted and wanted == entry.intent else 0.0
            score = (w_cover * coverage + w_phrase * phrasing + w_intent * fits) / scale
            parts = (round(coverage, 3), round(phrasing, 3), fits)
            ranked.append(replace(entry.answer, score=round(score, 3), parts=parts))
        # Equal scores: curated facts before events before computed answers, then by id.
        order = {"fact": 0, "event": 1}
        ranked.sort(key=lambda a: (-a.score, a.status == "computed", order.get(a.kind, 2), a.id))
        return ranked


def look_up(
    question: str,
    index: FactIndex,
    *,
    alternatives: int | None = 5,
    threshold: float = THRESHOLD,
    suggest: int = 3,
) -> Lookup:
    """Answer a question: the best match and up to `alternatives` more (None: every match)
    above the threshold, or, when nothing is above it, the closest facts as suggestions."""
    ranked = index.rank(question)
    matches = [a for a in ranked if a.score >= threshold]
    if matches:
        keep = None if alternatives is None else 1 + alternatives
        return Lookup(question, tuple(matches[:keep]))
    closest = tuple(
        a
        for a in ranked
        if a.kind == "fact" and a.status != "computed" and a.score >= SUGGEST_FLOOR
    )[:suggest]
    return Lookup(question, (), closest)


def no_answer(lookup: Lookup) -> NotFoundError:
    """The error for a question nothing answers, naming the closest facts."""
    asked = clip(lookup.query.strip())  # a question of thousands of words is echoed cut
    if not [word for word in words(lookup.query) if word not in STOPWORDS]:
        return NotFoundError(
            f"nothing to look up in {asked!r}: it has only question words",
            'ask about something, e.g. pokrovsk fact "prewar population"',
        )
    closest = ", ".join(a.id for a in lookup.suggestions)
    hint = "run 'pokrovsk fact' to list every fact"
    if closest:
        hint = f"closest facts: {closest}; {hint}"
    return NotFoundError(f"no answer to {asked!r}: nothing scores {THRESHOLD} or more", hint)

"""Fact lookup: rank curated facts and events against a free-text question.

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
from dataclasses import replace
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from pokrovsk_cli.answers.actors import actor_names, asserted_by
from pokrovsk_cli.answers.answer import Answer, event_answer, fact_answer
from pokrovsk_cli.answers.asked import (
    HOME_PLACE,
    STOPWORDS,
    PlaceNames,
    intent,
    places_named,
    stem,
    words,
)
from pokrovsk_cli.answers.people import people_in, surnames
from pokrovsk_cli.answers.related import STANDS_FOR, only_adverb, related
from pokrovsk_cli.data.model import Dataset

WEIGHTS = (0.6, 0.3, 0.1)  # coverage, phrasing, intent
# How many of the best entries a ranking returns: more than any question shows or grounds.
RANKED = 40
# A word at least this close counts as one the data has (for saying what it lacks).
CLOSE = 0.8
# How much each part of a compound counts (steelmaking ~ steel, making).
COMPOUND = 0.75
# How much a word of the same sense (WordNet) counts, and one of the next more general sense.
RELATED, WIDER = 0.7, 0.5
# An entry of the wrong kind for the question ("when" answered by an undated fact, "how many" by
# a fact with no figure) scores this share of its score.
WRONG_KIND = 0.8
# An entry without the question's rarest word scores this share of its score.
KEY_MISSING = 0.7

# Where a word was found: how much a match there counts.
_FIELD_WEIGHT = {"name": 1.0, "key": 0.9, "alias": 0.8, "body": 0.6, "aside": 0.3}


class _Entry(NamedTuple):
    """An answer with what ranking reads of it (internal: a NamedTuple, cheaper to create)."""

    answer: Answer
    names: tuple[str, ...]  # its questions, aliases, title or tags, as phrasing keys
    terms: dict[str, float]  # word -> weight of the best field it appears in
    intent: str | None
    figures: bool = False  # its text states a figure: it can answer "how many"


# A date in a text ("26 October 2025", "October 26", "2025"), to tell it from a figure.
_DATE = re.compile(
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b"
    r"|\b(?:18|19|20)\d\d\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?"
    r"|thousands?|half)\b",
    re.IGNORECASE,
)


def states_figure(text: str) -> bool:
    """Whether a text gives a figure (a count, a share, an area), not only dates."""
    return bool(_NUMBER.search(_DATE.sub(" ", text)))


def _add(terms: dict[str, float], text: str, field: str) -> None:
    weight = _FIELD_WEIGHT[field]
    for word in dict.fromkeys(words(text)):
        if word not in STOPWORDS and terms.get(word, 0.0) < weight:
            terms[word] = weight


# Past-tense verbs of saying and doing: "who announced X" asks for the actor of an event.
_DEED = frozenset(
    "announced said claimed declared ordered denied reported stated told admitted took".split()
)


def _fits(wanted: str, entry: _Entry, deed: bool) -> bool:
    """An answer of the kind asked beyond its own question word: a figure an event states for
    "how many", the actor of an event for "who announced"."""
    if wanted == "amount":
        return entry.figures
    return wanted == "who" and deed and entry.answer.kind == "event"


def _wrong_kind(wanted: str | None, entry: _Entry) -> bool:
    answer = entry.answer
    if answer.kind != "fact":
        return False
    if wanted == "when":
        return entry.intent != "when" and not isinstance(answer.value, int | float)
    if wanted == "amount":
        return not isinstance(answer.value, int | float) and answer.low is None
    return False


class FactIndex:
    """Every answerable entry of a dataset, with the word statistics the ranking needs."""

    def __init__(self, dataset: Dataset) -> None:
        # Every name of a place, as words, -> the place's id: for finding places in questions.
        self.names = PlaceNames(dataset.places.values())
        self.events = {event.id: event for event in dataset.events}
        self.places = dataset.places
        self.actors = dataset.actors
        self.curated = dataset.curated_through
        self._about_text: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._places: dict[str, frozenset[str]] | None = None
        self._people: dict[str, frozenset[str]] | None = None
        # What says who an entry is about: its text (a fact's with whom it is attributed to) and
        # the actors an event lists.
        self._people_text: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.surnames = surnames(dataset.actors)
        self._terms: dict[str, dict[str, float]] | None = None
        self.place_of = self.names.word_of
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
        # term -> (entry number, weight of the field it is in): a question's words reach the
        # entries that have them without a pass over every entry for every word.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for number, entry in enumerate(self.entries):
            for term, weight in entry.terms.items():
                self._postings.setdefault(term, []).append((number, weight))
        # Every phrasing key of every entry, and whose it is: scored in one call.
        self._names = [name for entry in self.entries for name in entry.names]
        self._name_owner = [n for n, entry in enumerate(self.entries) for _ in entry.names]
        self.by_stem: dict[str, list[str]] = {}
        for term in self.vocabulary:
            self.by_stem.setdefault(stem(term), []).append(term)

    def phrasing_key(self, text: str) -> str:
        """Content words, stemmed, with every name of a place written as the place's id."""
        return " ".join(
            self.place_of.get(word) or stem(word) for word in words(text) if word not in STOPWORDS
        )

    def places_in(self, said: list[str]) -> list[tuple[int, str]]:
        """The places a question names, a typo of a name included (kramatrosk; two letters off in
        names of eight or more: mirnograd)."""
        fixed = list(said)
        singles = [key[0] for key in self.names.ids if len(key) == 1 and len(key[0]) >= 5]
        for position, word in enumerate(said):
            if len(word) >= 6 and (word,) not in self.names.ids and word not in self.idf:
                edits = 1 if len(word) < 8 else 2  # mirnograd ~ myrnohrad
                close = process.extractOne(word, singles, scorer=OSA.distance, score_cutoff=edits)
                if close is not None:
                    fixed[position] = close[0]
        return places_named(fixed, self.names)

    def has_any(self, answer_id: str, words_: list[str]) -> bool:
        """Whether an entry has any of these words (for saying what the data lacks)."""
        terms = self._terms_of().get(answer_id)
        return terms is not None and any(t in terms for t in words_)

    def close_terms(self, word: str) -> list[str]:
        """The data's words that are this word, its forms, another name or a typo of it: not
        WordNet's relations, which say what a word is like, not that the data has it."""
        return [term for term, sim in self.similar_terms(word).items() if sim >= CLOSE]

    def _terms_of(self) -> dict[str, dict[str, float]]:
        if self._terms is None:
            self._terms = {entry.answer.id: entry.terms for entry in self.entries}
        return self._terms

    def event_words(self, event_ids: tuple[str, ...]) -> frozenset[str]:
        """Every word, and its stem, of these events' entries: what they speak of."""
        terms = self._terms_of()
        found = {word for event_id in event_ids for word in terms.get(event_id, ())}
        return frozenset(found | {stem(word) for word in found})

    def place_name(self, place_id: str) -> str:
        return self.places[place_id].name

    def place_words(self, named: list[tuple[int, str]]) -> list[str]:
        """Every word of every name of the named places: not part of what a question asks."""
        ids = {place for _, place in named}
        return [word for key, place in self.names.ids.items() if place in ids for word in key]

    def about(self, text: str, declared: tuple[str, ...] = ()) -> frozenset[str]:
        """The places an entry is about: those it lists and those its text names."""
        named = (place for _, place in places_named(words(text), self.names))
        return frozenset((*declared, *named))

    def grounded(self, answer: Answer) -> Answer:
        """The answer with the places it is about."""
        return replace(answer, places=self.places_of(answer.id))

    def people_of(self, answer_id: str) -> frozenset[str]:
        """The people an entry is about (answers/people.py), read the first time a question
        names someone."""
        if self._people is None:
            persons = frozenset(self.surnames.values())
            self._people = {
                entry_id: people_in(text, self.surnames) | persons.intersection(actors)
                for entry_id, (text, actors) in self._people_text.items()
            }
        return self._people.get(answer_id, frozenset())

    def places_of(self, answer_id: str) -> frozenset[str]:
        """The places an entry is about, read from its text the first time a question names a
        place (most questions name none, and reading every entry costs milliseconds)."""
        if self._places is None:
            home = (HOME_PLACE,) if HOME_PLACE in self.places else ()
            self._places = {}
            for entry in self.entries:
                text, declared = self._about_text[entry.answer.id]
                # A fact that names no place is about the city the dataset is about.
                self._places[entry.answer.id] = self.about(text, declared) or frozenset(home)
        return self._places.get(answer_id, frozenset())

    def _entries(self, dataset: Dataset) -> list[_Entry]:
        entries = []
        for fact in dataset.facts:
            terms: dict[str, float] = {}
            for text in (fact.question, *fact.aliases):
                _add(terms, text, "name")
            _add(terms, fact.id.replace("-", " "), "key")
            _add(terms, f"{fact.answer} {fact.value or ''} {fact.unit or ''}", "body")
            _add(terms, f"{fact.attributed_to or ''} {fact.note or ''}", "aside")
            names = tuple(self.phrasing_key(n) for n in (fact.question, *fact.aliases))
            about = " ".join((fact.question, *fact.aliases, fact.answer))
            self._about_text[fact.id] = (about, ())
            self._people_text[fact.id] = (f"{about} {fact.attributed_to or ''}", ())
            answer = fact_answer(fact)
            entries.append(_Entry(answer, names, terms, intent(words(fact.question))))
        for event in dataset.events:
            terms = {}
            _add(terms, event.title, "name")
            # Aliases count below the title and not for phrasing: written by curators to be
            # found, they must not outrank the event a question names in the data's own words.
            _add(terms, " ".join(event.aliases), "alias")
            keywords = " ".join((event.id.replace("-", " "), *event.tags, *event.places))
            _add(terms, keywords, "key")
            years = {str(event.date.first.year), str(event.date.last.year)}
            named = actor_names(dict.fromkeys((*event.actors, *asserted_by(event))), dataset.actors)
            _add(terms, " ".join((event.summary, *named, *years)), "body")
            _add(terms, event.note or "", "aside")
            tags = " ".join((*event.tags, *event.places))
            names = (self.phrasing_key(event.title), self.phrasing_key(tags))
            self._about_text[event.id] = (f"{event.title} {event.summary}", event.places)
            self._people_text[event.id] = (
                self._about_text[event.id][0],
                (*event.actors, *asserted_by(event)),
            )
            answer = event_answer(event, dataset.actors)
            entries.append(_Entry(answer, names, terms, "when", states_figure(event.summary)))
        return entries

    def matched(self, answer_id: str, question: str) -> list[str]:
        """For --explain: each content word of the question, the entry's word it matched, how
        closely and in which field ('evacuated~evacuation 0.85 in name')."""
        terms = self._terms_of().get(answer_id)
        if terms is None:
            return []
        fields = {weight: field for field, weight in _FIELD_WEIGHT.items()}
        lines = []
        for word in dict.fromkeys(w for w in words(question) if w not in STOPWORDS):
            similar = self.similar_terms(word)
            found = [(sim * terms[t], t, sim) for t, sim in similar.items() if t in terms]
            if not found:
                lines.append(f"{word}: not in this entry")
                continue
            _, term, sim = max(found)
            where = fields.get(terms[term], "text")
            same = word if term == word else f"{word}~{term}"
            lines.append(f"{same} {sim:.2f} in {where}")
        return lines

    def similar_terms(self, word: str) -> dict[str, float]:
        """Vocabulary words close to `word`, each with how close (1 = the same word)."""
        found = {word: 1.0} if word in self.idf else {}
        place_id = self.place_of.get(word)
        if place_id and place_id != word and place_id in self.idf:
            found.setdefault(place_id, 0.9)  # another name of the place: Avdeyevka, Покровськ
        for term in self.by_stem.get(stem(word), ()):
            found.setdefault(term, 0.95)
        for country in STANDS_FOR.get(word, ()):  # "Moscow says" is Russia saying
            for term in self.by_stem.get(stem(country), ()):
                found.setdefault(term, 0.9)
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
        if not found and len(word) >= 8:
            # A compound the data writes apart: steelmaking ~ steel, counteroffensive ~ offensive.
            for cut in range(4, len(word) - 3):
                head, tail = word[:cut], word[cut:]
                if head in self.idf and tail in self.idf:
                    found.setdefault(head, COMPOUND)
                    found.setdefault(tail, COMPOUND)
        if not any(sim >= 0.85 for sim in found.values()):
            # A word the data does not use: the data's words of the same sense, or one more
            # general (WordNet), count for less than a typo of the word itself.
            alike, general = related(word)
            for weight, others in ((RELATED, alike), (WIDER, general)):
                for other in others:
                    for term in self.by_stem.get(stem(other), ()):
                        found.setdefault(term, weight)
        return found

    def _weight(self, similar: dict[str, float]) -> float:
        """A question word weighs what its closest vocabulary word does; unknown words most."""
        if not similar:
            return self.unknown_idf
        closest = max(similar.values())
        return max(self.idf[term] for term, sim in similar.items() if sim == closest)

    def rank(self, question: str, limit: int | None = RANKED) -> list[Answer]:
        """The entries with their scores for this question, best first: the best `limit` of
        them (None: every one). Copying an answer costs more than scoring it, so only those
        that can be shown or grounded are copied."""
        asked = words(question)
        content = list(dict.fromkeys(w for w in asked if w not in STOPWORDS))
        # "Where exactly": an adverb the data does not use is how the question asks, not what.
        content = [w for w in content if w in self.idf or not only_adverb(w)] or content
        if not content:
            return [replace(entry.answer, score=0.0) for entry in self.entries[:limit]]
        wanted = intent(asked)
        matches = [self.similar_terms(word) for word in content]
        weights = [self._weight(similar) for similar in matches]
        total = sum(weights)
        phrase = self.phrasing_key(question)
        w_cover, w_phrase, w_intent = WEIGHTS
        scale = 1.0 if wanted else w_cover + w_phrase
        count = len(self.entries)
        covered = [0.0] * count
        for weight, similar in zip(weights, matches, strict=True):
            best: dict[int, float] = {}  # entry number -> its closest match of this word
            for term, sim in similar.items():
                for number, field in self._postings.get(term, ()):
                    if sim * field > best.get(number, 0.0):
                        best[number] = sim * field
            for number, value in best.items():
                covered[number] += weight * value
        heaviest = weights.index(max(weights))  # the question's rarest word
        key_found = {n for term in matches[heaviest] for n, _ in self._postings.get(term, ())}
        phrasing = [0.0] * count
        for _, ratio, at in process.extract(
            phrase, self._names, scorer=fuzz.token_sort_ratio, limit=None
        ):
            owner = self._name_owner[at]
            phrasing[owner] = max(phrasing[owner], ratio / 100)
        scored = []
        deed = bool(_DEED.intersection(asked))  # "who announced", "who ordered": an event's actor
        order = {"fact": 0, "event": 1}
        for number, entry in enumerate(self.entries):
            coverage = covered[number] / total
            fits = 1.0 if wanted and (wanted == entry.intent or _fits(wanted, entry, deed)) else 0.0
            score = (w_cover * coverage + w_phrase * phrasing[number] + w_intent * fits) / scale
            if number not in key_found and len(content) > 1:
                score *= KEY_MISSING  # "mayor of Kramatorsk" is not answered by Kramatorsk alone
            if _wrong_kind(wanted, entry):
                score *= WRONG_KIND  # "when did X fall" is not answered by a fact without a date
            answer = entry.answer
            # Equal scores: curated facts before events before computed answers, then by id.
            rank = (-round(score, 3), answer.status == "computed", order.get(answer.kind, 2))
            parts = (round(coverage, 3), round(phrasing[number], 3), fits)
            scored.append((rank, answer.id, entry, parts))
        scored.sort(key=lambda row: (row[0], row[1]))
        return [
            replace(entry.answer, score=-rank[0], parts=parts)
            for rank, _, entry, parts in scored[:limit]
        ]

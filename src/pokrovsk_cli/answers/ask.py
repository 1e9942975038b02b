"""Answering a question: read it, route it, rank, ground and calibrate the answer.

1. Read: its words, the places it names, the date window it names (answers/when.py).
2. Route: a question that asks for something worked out (a distance, a direction, how long,
   how long ago, the days between two events) gets a computed answer; one that asks what
   happened in a period gets the events of that period; one about how things stand now at a
   place gets that place's latest events (answers/current.py).
3. Rank every curated fact and event (answers/facts.py); events inside the question's window
   count more.
4. Ground: an answer must be about every place the question names; a question about a place
   the data does not cover is refused and says so.
5. Calibrate: the score becomes a confidence, the share of answers at that score that were
   right on the question sets (answers/confidence.py); below the bar an answer is only a weak
   match, shown as the closest match and never as the answer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from pokrovsk_cli.answers.answer import ANSWER, WEAK, Answer, Lookup
from pokrovsk_cli.answers.asked import (
    HOME_PLACE,
    STOPWORDS,
    asks_ago,
    asks_direction,
    asks_duration,
    asks_listing,
    asks_now,
    intent,
    places_named,
    state_word,
    words,
)
from pokrovsk_cli.answers.confidence import ANSWER_AT, confidence
from pokrovsk_cli.answers.elsewhere import unknown_places
from pokrovsk_cli.answers.facts import WEIGHTS, FactIndex
from pokrovsk_cli.answers.people import people_named
from pokrovsk_cli.answers.when import FRAME, Reading, Window, read_window, window_around
from pokrovsk_cli.errors import NotFoundError
from pokrovsk_cli.text import clip

if TYPE_CHECKING:
    from pokrovsk_cli.data.model import Event

# Other matches shown beside an answer score at least this (each with its own confidence).
ALTERNATIVE_FLOOR = 0.45
# Below this a "closest fact" shares next to nothing with the question: better not to suggest it.
SUGGEST_FLOOR = 0.2
# A question is read up to this many words: enough for any real question, and a paste of a whole
# article stays well under a second.
MAX_WORDS = 200
# How much more an event inside the question's date window scores.
IN_WINDOW = 0.15
# Words that frame "how long did X last / how long ago was X", left out when looking X up.
DURATION_FRAME = frozenset(
    """how long ago since last lasted lasting take took taken takes days weeks months years
    minutes hours passed elapsed go went did does do it has have had""".split()
)
# With no place named, an event about Pokrovsk wins over a better one within this share of it.
HOME_NEAR = 0.95
# An event found for a part of a question ("between X and Y") must score at least this.
ANCHOR_FLOOR = 0.45


def look_up(
    question: str,
    index: FactIndex,
    *,
    today: date,
    alternatives: int | None = 5,
    suggest: int = 3,
) -> Lookup:
    """Answer a question: the best answer and up to `alternatives` more (None: every one), or,
    when no answer is sure enough, the closest matches as weak matches and why."""
    said = words(question)[:MAX_WORDS]
    content = [w for w in dict.fromkeys(said) if w not in STOPWORDS]
    if not content:
        return Lookup(question, (), refusal="it has only question words", today=today)
    notes: list[tuple[str, str]] = []
    reading = read_window(said, today)
    # Places inside "between the fall of Avdiivka and ..." name the window, not the topic.
    named = [(i, p) for i, p in index.places_in(said) if i not in reading.used]
    try:
        window = _resolve(reading, index, today, notes)
    except (OverflowError, ValueError):  # "the 9,000 years after X": past the calendar's end
        window = None
    notes.append(("places", ", ".join(p for _, p in named) or "none named"))
    notes.append(("window", f"{window.first} to {window.last}" if window else "none"))
    special = _special(said, content, named, reading, window, index, today, notes)
    if isinstance(special, str):  # a routed question the data cannot answer: say why
        notes.append(("refused", special))
        return Lookup(question, (), refusal=special, today=today, explanation=tuple(notes))
    unknown = unknown_places(said, index.names.ids)
    people = people_named(said, index.surnames)
    if people:
        notes.append(("people", ", ".join(sorted(index.actors[p].name for p in people))))
    places = {p for _, p in named}
    ranked, pool = _ranked(" ".join(said), index, window, places, people, unknown)
    # Best first; at equal scores a curated, sourced entry before our own arithmetic.
    found = sorted([*special, *ranked], key=lambda a: (-a.score, a.unit == "km"))
    if found:  # the best one's lead over the next entry, grounded or not, adds to its confidence
        next_best = max((a.score for a in (*special, *pool) if a.id != found[0].id), default=0.0)
        found[0] = replace(found[0], lead=found[0].score - next_best)
    # Only the answers shown are calibrated: they are picked by score, not by confidence.
    top = _calibrated(found[0]) if found else None
    notes.append(("asks for", intent(said) or "no question word"))
    if top is not None:
        _score_notes(notes, index, " ".join(said), top)
    if top is not None and top.match == ANSWER:
        # The answer, then the other candidates worth a look, each with its own confidence.
        rest = [a for a in found[1:] if a.score >= ALTERNATIVE_FLOOR]
        shown = rest if alternatives is None else rest[:alternatives]
        matches = (top, *map(_calibrated, shown))
        return Lookup(question, matches, today=today, explanation=tuple(notes))
    if unknown:
        refusal = f"the data has no entry for {', '.join(unknown)}"
    else:
        refusal = _what_is_missing(content, named, ranked, index)
    notes.append(("refused", refusal))
    near = [a for a in found if a.score >= SUGGEST_FLOOR][:suggest]
    closest = tuple(map(_calibrated, near))
    return Lookup(question, (), closest, refusal, today=today, explanation=tuple(notes))


def _what_is_missing(
    content: list[str], named: list[tuple[int, str]], ranked: list[Answer], index: FactIndex
) -> str:
    """Why nothing answers, in the question's own words: the words no entry about its places
    has ('mayor' for Kramatorsk), or the words the data does not use at all."""
    names = ", ".join(index.place_name(p) for _, p in named)
    place_words = set(index.place_words(named))
    asked = [w for w in content if w not in place_words and w not in FRAME and not state_word(w)]
    grounded = [a.id for a in ranked]
    lacking = []
    for word in asked:
        close = index.close_terms(word)  # once a word: finding them is the costly part
        if not any(index.has_any(entry_id, close) for entry_id in grounded) and (
            named or not close
        ):
            lacking.append(word)
    said = ", ".join(map(repr, lacking))
    if named and lacking:
        return f"no entry about {names} matches {said}"
    if named and not ranked:
        return f"nothing in the data answers this about {names}"
    if lacking:
        return f"no entry in the data matches {said}"
    return "nothing in the data answers it with confidence"


def _score_notes(
    notes: list[tuple[str, str]], index: FactIndex, question: str, top: Answer
) -> None:
    """For --explain: which words matched where in the top answer, and its score's parts."""
    notes.append(("top", f"{top.kind} {top.id}"))
    if top.kind in ("fact", "event") and top.status != "computed":
        notes.append(("words", "; ".join(index.matched(top.id, question))))
        coverage, phrasing, fits = top.parts
        w_cover, w_phrase, w_intent = WEIGHTS
        notes.append(
            (
                "score",
                f"{top.score:.2f} = {w_cover} × coverage {coverage:.2f} + {w_phrase} × phrasing"
                f" {phrasing:.2f} + {w_intent} × intent {fits:.0f} (÷ {w_cover + w_phrase:g}"
                f" without a question word; +{IN_WINDOW} for an event in the window)",
            )
        )
    else:
        notes.append(("score", f"{top.score:.2f}: set by the route, for how plainly it asked"))
    notes.append(
        ("confidence", f"{top.confidence:.0%}: {top.match} (answers from {ANSWER_AT:.0%})")
    )


def _calibrated(answer: Answer) -> Answer:
    sure = min(confidence(answer.score, answer.lead), answer.anchored)
    return replace(answer, confidence=sure, match=ANSWER if sure >= ANSWER_AT else WEAK)


def _resolve(
    reading: Reading, index: FactIndex, today: date, notes: list[tuple[str, str]]
) -> Window | None:
    """The window itself, or the one an event relation names ('before the kursk incursion')."""
    if reading.window is not None or reading.relation is None:
        return reading.window
    events = [_anchor(words_, index) for words_ in reading.anchors]
    if any(event is None for event in events):
        return None
    first = events[0]
    assert first is not None
    second = events[1] if len(events) > 1 else None
    notes.append(("anchored on", ", ".join(e.id for e in events if e is not None)))
    earliest = min(e.date.first for e in index.events.values())
    return window_around(
        reading.relation,
        (first.date.first, first.date.last),
        (second.date.first, second.date.last) if second else None,
        today,
        reading.span,
        earliest,
    )


def _anchor(phrase: tuple[str, ...], index: FactIndex) -> Event | None:
    """The event a part of a question names ('the fall of avdiivka'), if one clearly does."""
    found = _anchored(phrase, index)
    return found[0] if found else None


def _anchored(phrase: tuple[str, ...], index: FactIndex) -> tuple[Event, float] | None:
    """The event a part of a question names and how sure that lookup is (its confidence, as
    any answer's: from its score and its lead over the next event)."""
    named = {place for _, place in places_named(phrase, index.names)}
    ranked = [
        a
        for a in index.rank(" ".join(phrase))
        if a.kind == "event" and named <= set(index.events[a.id].places)
    ]
    if not ranked or ranked[0].score < ANCHOR_FLOOR:
        return None
    best = ranked[0]
    if not named:  # a place left unsaid is the one the data is about: "the battle" is Pokrovsk's
        home = next((a for a in ranked if HOME_PLACE in index.events[a.id].places), None)
        if home is not None and home.score >= HOME_NEAR * best.score:
            best = home
    runner_up = max((a.score for a in ranked if a.id != best.id), default=0.0)
    return index.events[best.id], confidence(best.score, best.score - runner_up)


def _special(
    said: list[str],
    content: list[str],
    named: list[tuple[int, str]],
    reading: Reading,
    window: Window | None,
    index: FactIndex,
    today: date,
    notes: list[tuple[str, str]],
) -> list[Answer] | str:
    """The computed, period or current-state answer a question routes to (scored by how
    plainly it asked), a refusal when it routes somewhere the data cannot follow, or []."""
    # Each route's module loads only for the questions that take it.

    places = index.places
    wanted = intent(said)
    if asks_direction(said) or wanted == "distance":
        kind = "bearing" if asks_direction(said) else "distance"
        notes.append(("route", f"computed {kind}"))
        unknown = unknown_places(said, index.names.ids, metonyms=True)
        if unknown:
            return f"the data has no coordinates for {', '.join(unknown)}"
        ids = [p for _, p in named]
        if len(ids) == 1 and HOME_PLACE in places and ids[0] != HOME_PLACE:
            ids.insert(0, HOME_PLACE)
        if len(ids) < 2:
            return []
        origin, target = _ends(said, named, ids)
        from pokrovsk_cli.answers.computed import bearing, distance

        make = bearing if kind == "bearing" else distance
        answer = make(places[origin], places[target])
        if answer is None:
            missing = [places[p].name for p in (origin, target) if places[p].lat is None]
            return f"the data has no coordinates for {', '.join(missing)}"
        return [replace(answer, score=0.95)]
    if asks_ago(said) or asks_duration(said):
        return _time_between(said, reading, index, today, notes)
    if window is not None and asks_listing(
        [w for i, w in enumerate(said) if w not in STOPWORDS and i not in reading.used],
        FRAME | {p for _, p in named} | set(index.place_words(named)),
    ):
        notes.append(("route", "events of a period"))
        from pokrovsk_cli.answers.period_events import events_answer

        place = named[0][1] if named else None
        return [replace(events_answer(window, index, place), score=0.9)]
    if asks_now(said) and wanted in (None, "who", "where") and window is None:
        notes.append(("route", "current state"))
        from pokrovsk_cli.answers.current import current_state

        place_id = named[0][1] if named else HOME_PLACE if HOME_PLACE in places else None
        if place_id is None:
            return []
        answer = current_state(
            places[place_id], tuple(index.events.values()), index.actors, index.curated
        )
        if answer is None:
            return []
        # Only when those latest events speak of what else the question names: "soldiers" in
        # Pokrovsk, yes; "the weather like in Pokrovsk today", no.
        said_of = index.event_words(tuple(event.id for event in answer.events))
        named_words = set(index.place_words(named)) | {said[i] for i, _ in named}
        rest = [w for w in content if not (w in named_words or state_word(w))]
        if not all(said_of.intersection(index.similar_terms(w)) for w in rest):
            return []
        return [replace(answer, score=1.0)] if answer else []
    return []


def _ends(said: list[str], named: list[tuple[int, str]], ids: list[str]) -> tuple[str, str]:
    """(origin, target): 'X from Y' and 'X of Y' measure from Y; 'from X to Y' from X."""
    if len(named) >= 2:
        (first_at, first), (second_at, second) = named[0], named[1]
        before_second = said[second_at - 1] if second_at > 0 else ""
        before_first = said[first_at - 1] if first_at > 0 else ""
        if before_second in ("from", "of") and before_first != "from":
            return second, first
        return first, second
    return ids[0], ids[1]


def _time_between(
    said: list[str],
    reading: Reading,
    index: FactIndex,
    today: date,
    notes: list[tuple[str, str]],
) -> list[Answer] | str:
    """How long ago, how long it lasted, or the days between two events."""
    from pokrovsk_cli.answers.computed import ago, between, duration

    if reading.relation in ("between", "after", "since") and reading.anchors:
        parts = list(reading.anchors)
        if reading.relation != "between":
            # "how long after X did Y": X runs to "did", Y is what follows (or comes first).
            cut = said.index(reading.relation)
            tail = reading.anchors[0]
            verb = next((i for i, w in enumerate(tail) if w in ("did", "was", "were")), None)
            if verb is not None and tail[verb + 1 :]:
                parts = [tail[:verb], tail[verb + 1 :]]
            else:
                parts = [tail, tuple(said[:cut])]
        found = [_anchored(part, index) for part in parts]
        if len(found) == 2 and found[0] and found[1] and found[0][0].id != found[1][0].id:
            notes.append(("route", "computed days between two events"))
            sure = min(found[0][1], found[1][1])
            notes.append(("anchors", f"{found[0][0].id}, {found[1][0].id}: {sure:.0%} sure"))
            return [replace(between(found[0][0], found[1][0]), score=1.0, anchored=sure)]
    anchor = _anchored(tuple(w for w in said if w not in DURATION_FRAME), index)
    if anchor is None:
        return []
    event, sure = anchor
    notes.append(("anchor", f"{event.id}: {sure:.0%} sure"))
    if asks_ago(said) or "has" in said or "have" in said:  # "how long has the battle lasted"
        notes.append(("route", "computed time since an event"))
        return [replace(ago(event, today), score=1.0, anchored=sure)]
    answer = duration(event)
    notes.append(("route", "computed duration of an event"))
    return [replace(answer, score=1.0, anchored=sure)] if answer else []


def _ranked(
    question: str,
    index: FactIndex,
    window: Window | None,
    named: set[str],
    people: frozenset[str],
    unknown: list[str],
) -> tuple[list[Answer], list[Answer]]:
    """Facts and events by score, those in the window lifted, those not about every named place
    and person (or about a place the data does not cover) left out; and the ranking before
    that."""
    ranked = index.rank(question)
    if window is not None:
        lifted = []
        for answer in ranked:
            if answer.kind == "event" and answer.date and _inside(answer, window):
                answer = replace(answer, score=round(min(1.0, answer.score + IN_WINDOW), 3))
            lifted.append(answer)
        ranked = sorted(lifted, key=lambda a: -a.score)
    pool = ranked
    if unknown:
        text_has = [a for a in ranked if all(u.lower() in a.text.lower() for u in unknown)]
        ranked = text_has
    if named:  # a copy with its places only for an answer that keeps them
        ranked = [index.grounded(a) for a in ranked if named <= index.places_of(a.id)]
    if people:
        ranked = [a for a in ranked if people <= index.people_of(a.id)]
    return ranked, pool


def _inside(answer: Answer, window: Window) -> bool:
    assert answer.date is not None
    return answer.date.first <= window.last and window.first <= answer.date.last


def no_answer(lookup: Lookup) -> NotFoundError:
    """The error for a question nothing answers with confidence: why, and what comes closest."""
    asked = clip(lookup.query.strip())  # a question of thousands of words is echoed cut
    if lookup.refusal == "it has only question words":
        return NotFoundError(
            f"nothing to look up in {asked!r}: it has only question words",
            'ask about something, e.g. pokrovsk fact "prewar population"',
        )
    hint = "run 'pokrovsk fact' to list every fact"
    if lookup.closest:
        closest = ", ".join(a.id for a in lookup.closest)
        hint = f"closest (weak) matches: {closest}; {hint}"
    return NotFoundError(f"no answer to {asked!r}: {lookup.refusal}", hint)

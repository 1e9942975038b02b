"""Reading a question: its words, what kind of answer it wants, and the places it names.

Everything here works on the question alone (and the dataset's place names), so the ranker,
the router and `fact --explain` all read a question the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from pokrovsk_cli.data.model import Place
from pokrovsk_cli.text import fold

# The place the dataset is about: a question or a fact that names no place is about it, and
# distances are measured from it when a question names only one place.
HOME_PLACE = "pokrovsk"

# Words that frame a question rather than say what it is about.
STOPWORDS = frozenset(
    """a an the of in on at to from for by with about into over under and or but if then than as
    is are was were be been being am do does did done have has had it its this that these those
    there here what whats when where who whom whose which why how many much far me you i we they
    he she him her us them my your our their his any some all each every no not yes please tell
    know ever still now also just so very out up again once happen happened happens get got date
    like kind sort s""".split()
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


# Words that ask for a figure without "how many": "number of people", "death toll".
_FIGURE = frozenset(
    "number numbers percentage percent proportion fraction share toll tally headcount"
    " population".split()
)


def intent(text_words: Sequence[str]) -> str | None:
    """What kind of answer a question asks for, from its question words."""
    present = set(text_words)
    if "how" in present and ("far" in present or "distant" in present) or "distance" in present:
        return "distance"
    # "how many km" is a distance; "how many square km", "km2" an area.
    area = bool(present & {"square", "sq", "km2", "area", "big", "large"})
    if "how" in present and present & {"km", "kilometres", "kilometers", "miles"} and not area:
        return "distance"
    if "when" in present or "date" in present or ("what" in present and "year" in present):
        return "when"
    if "how" in present and ("many" in present or "much" in present) or present & _FIGURE:
        return "amount"
    for word in ("who", "where", "why"):
        if word in present:
            return word
    return None


# --- what a question asks for beyond a curated entry -------------------------------------------

_DIRECTION = frozenset("direction directions bearing way heading compass".split())
_SIDES = frozenset("north south east west northeast northwest southeast southwest".split())
# "How long ago", "how many years ago", "how long since"
_AGO = frozenset("ago since".split())
_SPAN_UNITS = frozenset("long days weeks months years day week month year".split())
# Words that ask about the state of a place now rather than about one event.
_NOW = frozenset("now currently current latest today moment yet situation status".split())
_NOW |= frozenset("right".split())  # "right now"
# Past-tense question words: "who announced", "when did", "was it": about an event, not now.
_PAST = frozenset("did was were had announced ordered said claimed declared".split())
_NOW |= frozenset("present nowadays lately recent recently update news".split())
_NOW |= frozenset("stand stands standing".split())  # "where does the front stand"
_CONTROL = frozenset(
    """control controls controlled hold holds held holding occupied occupy fallen fall captured
    taken lost surrounded encircled ukrainian russian attack attacked threat contested free
    liberated hands""".split()
)
# Words that ask for the events of a period rather than one answer.
_LISTING = frozenset(
    """happen happened happening happens event events timeline chronology anything something
    key main major important notable new news occur occurred go going list show summary
    recap overview developments""".split()
)


def asks_direction(text_words: Sequence[str]) -> bool:
    """'Which direction / which way / is X north or south of Y / bearing'."""
    present = set(text_words)
    if present & _DIRECTION and ("which" in present or "what" in present or "bearing" in present):
        return True
    return (
        bool(present & _SIDES)
        and ("of" in present or "from" in present)
        and ("is" in present or "lie" in present or "lies" in present)
    )


def asks_ago(text_words: Sequence[str]) -> bool:
    """'How long ago', 'how many years ago', 'how long since'."""
    present = set(text_words)
    return bool(present & _AGO) and "how" in present and bool(present & _SPAN_UNITS)


_UNITS = frozenset({"days", "weeks", "months", "years", "minutes"})


def asks_duration(text_words: Sequence[str]) -> bool:
    """'How long did X last', 'how many days did X take', 'days between X and Y'."""
    present = set(text_words)
    if present & _AGO:
        return False
    if "between" in present and present & (_UNITS | {"time", "long"}):
        return True
    return "how" in present and ("long" in present or bool(present & _UNITS))


def asks_now(text_words: Sequence[str]) -> bool:
    """A question about how things stand now: 'has X fallen', 'who holds X now', 'latest'.
    Never one in the past tense ('who announced that Bakhmut had been taken'), and 'still' only
    about control ('is Rodynske still Ukrainian', not 'are any minors still in town')."""
    present = set(text_words)
    if present & _PAST:
        return False
    if present & _NOW:
        return True
    first = text_words[0] if text_words else ""
    # "is X captured", "has X fallen", "are there still ...": present tense yes/no questions.
    return (first in ("is", "has", "are", "have", "who") or "still" in present) and bool(
        present & _CONTROL
    )


# Who is there: whose forces hold a place is what "are there still Ukrainian soldiers" asks.
_PRESENCE = frozenset(
    "soldiers soldier troops forces army units defenders there under going on".split()
)


def state_word(word: str) -> bool:
    """A word that only asks how things stand ('latest', 'holds', 'still', 'news')."""
    return (
        word in _NOW
        or word in _CONTROL
        or word in _LISTING
        or word in STOPWORDS
        or word in _PRESENCE
    )


def asks_listing(content: Sequence[str], time_words: frozenset[str]) -> bool:
    """Whether what is left of a question once its time words are gone only asks 'what
    happened': then the answer is the events of the period."""
    rest = [w for w in content if w not in time_words]
    return all(w in _LISTING for w in rest)


_REGION = frozenset("region oblast province oblasts regions provinces".split())


class PlaceNames:
    """Every name of every place as folded words -> the place's id, with, for each first word,
    the lengths of the names it starts (longest first), so a text is scanned in one pass."""

    __slots__ = ("ids", "firsts", "word_of")

    def __init__(self, places: Iterable[Place]) -> None:
        self.ids: dict[tuple[str, ...], str] = {}
        # Every word of every name (Krasnoarmeysk, Покровськ) -> the first place it names: how
        # phrasing writes a place's names alike.
        self.word_of: dict[str, str] = {}
        for place in places:
            for name in (place.id.replace("-", " "), place.name, *place.other_names):
                key = tuple(words(name))
                # The place's own name wins over another place's other name.
                if key and (key not in self.ids or name == place.name):
                    self.ids[key] = place.id
                for word in key:
                    self.word_of.setdefault(word, place.id)
        sizes: dict[str, set[int]] = {}
        for key in self.ids:
            sizes.setdefault(key[0], set()).add(len(key))
        self.firsts = {word: tuple(sorted(n, reverse=True)) for word, n in sizes.items()}


def places_named(text_words: Sequence[str], names: PlaceNames) -> list[tuple[int, str]]:
    """(word position, place id) for every place the question names, in order of mention, by
    any of its names, longest name first; 'Donetsk region' is a region, not the city."""
    found: list[tuple[int, str]] = []
    position = 0
    while position < len(text_words):
        for size in names.firsts.get(text_words[position], ()):
            place = names.ids.get(tuple(text_words[position : position + size]))
            if place is None:
                continue
            after = text_words[position + size : position + size + 1]
            if not (after and after[0] in _REGION) and all(place != p for _, p in found):
                found.append((position, place))
            position += size - 1
            break
        position += 1
    return found

"""Words that mean the same or the next more general thing, from WordNet 3.0, for a question word
the data does not use: "colliery" finds "mine", "minors" finds "children", "motorway" "highway".

data/related.txt is written by scripts/make_related.py (WordNet's licence is in its header). It is
read whole, once, and searched as text: a question asks about a few words, so building a dict of
its 20,000 lines would cost more than it saves.
"""

from __future__ import annotations

import os
from functools import cache

# A capital for its government, as reporters write it ("Moscow says", "Kyiv denies"): WordNet
# knows the cities, not the habit.
STANDS_FOR = {
    "moscow": ("russia", "russian"),
    "kremlin": ("russia", "russian"),
    "kyiv": ("ukraine", "ukrainian"),
    "kiev": ("ukraine", "ukrainian"),
}


@cache
def _text() -> str:
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "related.txt")
    with open(path, encoding="utf-8") as file:
        return "\n" + file.read()


def _base_forms(word: str) -> list[str]:
    """WordNet lists base forms: 'provinces' is found as 'province', 'minors' as 'minor',
    'carried' as 'carry', 'died' as 'die'."""
    forms = [word]
    endings = ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e")
    for ending, replacement in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: -len(ending)] + replacement)
    for ending, replacement in (("ing", ""), ("ing", "e")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: -len(ending)] + replacement)
    if word.endswith("ed") and len(word) == 4:
        forms.append(word[:-1])  # died -> die, used -> use: too short for the endings above
    return forms


@cache  # a question asks about a word several times (whole, and in its parts)
def related(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words of the same sense or derived, words one step more general) for a question word."""
    text = _text()
    for form in _base_forms(word):
        at = text.find(f"\n{form}\t")
        if at < 0:
            continue
        end = text.find("\n", at + 1)
        line = text[at + len(form) + 2 : end]
        if line == "~":
            return (), ()
        alike, _, general = line.partition("|")
        return tuple(alike.split()), tuple(general.split())
    return (), ()


@cache
def only_adverb(word: str) -> bool:
    """A word WordNet lists only as an adverb ("exactly", "previously"): it says how, not what
    a question is about, so a word the data does not use is no topic the data lacks."""
    return f"\n{word}\t~\n" in _text()

"""Places the dataset does not cover, so a question about one is refused rather than answered
with Pokrovsk's figures ("population of Kharkiv", "mayor of Kramatorsk" when the data has no
mayor of Kramatorsk).

The names are GeoNames' (CC BY 4.0), written to data/elsewhere.txt by scripts/make_elsewhere.py:
Ukrainian towns of 5,000 people or more and Russia's big cities. A name that is also one of
the dataset's places is the dataset's, never "elsewhere".
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cache

# Names people use for a government or a campaign more than for the city: "Moscow says",
# "Kyiv denies", "the Kursk incursion". They only count as places in distance questions.
METONYMS = frozenset({("moscow",), ("kyiv",), ("kiev",), ("kursk",)})


@cache
def _names() -> frozenset[str]:
    """The names, one a line as written ("chasiv yar"): a set of strings loads in a fraction of
    the time a set of word tuples would."""
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "elsewhere.txt")
    with open(path, encoding="utf-8") as file:
        return frozenset(line for line in file.read().splitlines() if line[:1] != "#")


def unknown_places(
    said: Sequence[str], known: Mapping[tuple[str, ...], str], *, metonyms: bool = False
) -> list[str]:
    """Places the question names that the dataset has no entry for, in order, as written."""
    names = _names()
    found: list[str] = []
    for position in range(len(said)):
        for size in (3, 2, 1):
            key = tuple(said[position : position + size])
            if len(key) == size and " ".join(key) in names and key not in known:
                if metonyms or key not in METONYMS:
                    found.append(" ".join(key).title())
                break
    return list(dict.fromkeys(found))

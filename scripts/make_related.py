"""Write src/pokrovsk_cli/data/related.txt: for English words a question may use, the words of
the bundled data that mean the same or the next more general thing, from WordNet 3.0, so that
`pokrovsk fact` can match "colliery" to "mine", "minors" to "children" and "motorway" to
"highway" without a hand-written list.

    apt-get install wordnet-base            # Debian's WordNet 3.0 database
    python scripts/make_related.py          # with pokrovsk installed (it reads the bundled data)

For each word, its two most frequent senses in each part of speech give: the other words of the
same sense and the words derived from it (line part before "|"), and, for nouns, the words of the
sense one step more general (after "|"). Only words the bundled data uses are kept as values, so
run it again when the data grows. Multi-word terms and question words are left out. A word that is
only ever an adverb ("exactly", "previously") is marked "~": it says how, not what about.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from pokrovsk_cli.answers.asked import STOPWORDS, stem, words
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.data.load import load_dataset

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parent.parent / "src/pokrovsk_cli/data/related.txt"
SENSES = 2  # the most frequent senses of a word that count
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
LICENSE = """WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
Permission to use, copy, modify and distribute this software and database and its documentation
for any purpose and without fee or royalty is hereby granted, provided that you agree to comply
with the following copyright notice and statements, including the disclaimer, and that the same
appear on ALL copies of the software, database and documentation, including modifications that
you make for internal use or for distribution.
THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY
MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE
OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
The name of Princeton University or Princeton may not be used in advertising or publicity
pertaining to distribution of the software and/or database. Title to copyright in this software,
database and any associated documentation shall at all times remain with Princeton University and
LICENSEE agrees to preserve same."""


def synsets(pos: str) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """offset -> (its words, its pointers as (symbol, "pos:offset"))."""
    found = {}
    for line in (WORDNET / f"data.{POS[pos]}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # the licence at the top
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        names = [fields[4 + 2 * i].lower() for i in range(count)]
        at = 4 + 2 * count
        pointers = []
        for i in range(int(fields[at])):
            symbol, offset, target = fields[at + 1 + 4 * i : at + 4 + 4 * i]
            pointers.append((symbol, f"{'a' if target == 's' else target}:{offset}"))
        found[f"{pos}:{fields[0]}"] = (names, pointers)
    return found


def main() -> None:
    index = FactIndex(load_dataset())
    known = {stem(term) for term in index.vocabulary}
    every = {}
    for pos in POS:
        every.update(synsets(pos))
    same: dict[str, set[str]] = defaultdict(set)
    wider: dict[str, set[str]] = defaultdict(set)
    parts: dict[str, set[str]] = defaultdict(set)  # the parts of speech a word is listed under
    for pos, name in POS.items():
        for line in (WORDNET / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            word = fields[0]
            if not word.isalpha() or word in STOPWORDS:
                continue
            parts[word].add(pos)
            senses = int(fields[2])
            offsets = fields[-senses:][:SENSES]
            for offset in offsets:
                names, pointers = every[f"{pos}:{offset}"]
                same[word].update(names)
                for symbol, target in pointers:
                    if symbol in ("+", "&", "\\", "^"):  # derived, similar, pertains, see also
                        same[word].update(every[target][0] if target in every else ())
                    elif symbol in ("@", "@i") and pos == "n":  # a more general thing
                        wider[word].update(every[target][0] if target in every else ())

    def keep(word: str, values: set[str]) -> list[str]:
        return sorted(
            v
            for v in values
            if v.isalpha() and v != word and v not in STOPWORDS and stem(v) in known
        )

    lines = []
    for word in sorted(set(same) | set(wider)):
        if words(word) != [word]:
            continue
        alike, general = keep(word, same[word]), keep(word, wider[word])
        if parts[word] == {"r"}:  # only ever an adverb: it says how, not what about
            lines.append(f"{word}\t~")
        elif alike or general:
            lines.append(f"{word}\t{' '.join(alike)}|{' '.join(general)}")
    header = "".join(f"# {line}\n" for line in LICENSE.splitlines())
    header = (
        "# Related words from WordNet 3.0 (Princeton University), written by"
        " scripts/make_related.py; do not edit by hand.\n"
        "# word<TAB>same sense or derived|one step more general, or word<TAB>~ for a word that is\n"
        "# only ever an adverb\n" + header
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()

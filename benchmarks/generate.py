"""Generate a synthetic dataset of N events for scale benchmarks (not real events).

Field sizes follow the bundled data: titles of 40-90 characters, summaries of 200-450, two or
three tags, one or two places and one to three sources per event, mixed date precision; about
one source per ten events and fifty places, all referenced. Seeded, so a size always gives the
same file.

    python benchmarks/generate.py 10000 -o /tmp/events-10k.yaml
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "front line city district road railway mine coal drone strike shelling evacuation "
    "civilians troops brigade assault defence offensive village outskirts supply logistics "
    "encirclement claim report statement governor commander general ministry map grey zone "
    "power water gas station school hospital market bridge highway north south east west"
).split()
CATEGORIES = ("history", "military", "civilian", "economic", "political")
STATUSES = ("reported", "reported", "claimed", "disputed", "confirmed")


def _sentence(rng: random.Random, low: int, high: int) -> str:
    text = ""
    while len(text) < low:
        text += " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + ". "
    return text.strip()[:high].rstrip(" .,") + "."


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(rng: random.Random) -> str:
    year = rng.randint(2014, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.7:
        return f"{year}-{month:02d}-{day:02d}"
    if kind < 0.85:
        return f"{year}-{month:02d}"
    if kind < 0.95:
        day = min(day, 27)  # an interval ends after it starts: 2024-05-27/2024-05-28 at least
        end = min(28, day + rng.randint(1, 6))
        return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{end:02d}"
    return f"{year}-{month:02d}-{day:02d}~"


def generate(count: int, seed: int = 2024) -> str:
    """The YAML text of a dataset with `count` events."""
    rng = random.Random(seed)
    source_count = max(3, count // 10)
    lines = ["# Synthetic data for benchmarks; not real events.", "schema_version: 1", "sources:"]
    for n in range(source_count):
        lines += [
            f"  - id: source-{n}",
            "    publisher: Example Wire",
            f"    title: {_quoted(_sentence(rng, 40, 90))}",
            f"    url: https://example.org/news/{n}",
            f"    published: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        ]
    lines.append("places:")
    for n in range(50):
        lines += [
            f"  - id: place-{n}",
            f"    name: Place {n}",
            f"    other_names: [Місто {n}, Город {n}]",
            "    kind: village",
            "    oblast: Donetsk",
            "    country: Ukraine",
            f"    lat: {47.5 + rng.random() * 1.5:.4f}",
            f"    lon: {36.5 + rng.random() * 1.5:.4f}",
            f"    sources: [source-{n % source_count}]",
        ]
    # Events name actors by id from the file's own registry, as the loader requires.
    lines += [
        "actors:",
        "  - id: ministry",
        "    name: Russian Ministry of Defence",
        "    side: russia",
        "    kind: government",
        "  - id: general-staff",
        "    name: Ukrainian General Staff",
        "    side: ukraine",
        "    kind: military",
    ]
    lines.append("events:")
    for n in range(count):
        status = rng.choice(STATUSES)
        places = rng.sample(range(50), rng.randint(1, 2))
        sources = rng.sample(range(source_count), rng.randint(1, 3))
        lines += [
            f"  - id: event-{n}",
            f"    date: {_date(rng)}",
            f"    title: {_quoted(_sentence(rng, 40, 90))}",
            f"    summary: {_quoted(_sentence(rng, 200, 450))}",
            f"    category: {rng.choice(CATEGORIES)}",
            f"    tags: [{', '.join(rng.sample(WORDS, rng.randint(2, 3)))}]",
            f"    places: [{', '.join(f'place-{p}' for p in places)}]",
            f"    status: {status}",
        ]
        if status in ("claimed", "disputed"):
            lines.append("    claimed_by: [ministry]")
        if status == "disputed":
            lines.append("    denied_by: [general-staff]")
        lines.append(f"    sources: [{', '.join(f'source-{s}' for s in sources)}]")
    # Every source must be cited: the places cite the first 50; cite the rest from facts.
    lines.append("facts:")
    lines += [
        "  - id: synthetic-fact",
        "    question: What is this file?",
        "    answer: Synthetic data for benchmarks.",
        f"    sources: [{', '.join(f'source-{s}' for s in range(source_count))}]",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of events")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.write_text(generate(args.count), encoding="utf-8")
    print(f"{args.output}: {args.count} events, {args.output.stat().st_size / 2**20:.1f} MB")


if __name__ == "__main__":
    main()

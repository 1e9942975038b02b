"""Generate a synthetic dataset of N events for scale benchmarks (not real events).

Field sizes follow the bundled data: titles of 40-90 characters, summaries of 200-450, two or
three tags, one or two places and one to three sources per event, mixed date precision; about
one source per ten events and fifty places, all referenced. Seeded, so a size always gives the
same file.

    python benchmarks/generate.py 10000 -o /tmp/events-10k.yaml
    python benchmarks/generate.py 1000000 -o /tmp/events-1m.csv   # a CSV layer

A name ending in .csv writes the events as a layer in the export's columns (what
`pokrovsk timeline -f csv` writes) and their sources, places and actors beside it in
NAME.refs.yaml, which goes first: `--data NAME.refs.yaml --data NAME.csv`.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

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


def _events(rng: random.Random, count: int, source_count: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for n in range(count):
        status = rng.choice(STATUSES)
        places = rng.sample(range(50), rng.randint(1, 2))
        sources = rng.sample(range(source_count), rng.randint(1, 3))
        events.append(
            {
                "id": f"event-{n}",
                "date": _date(rng),
                "title": _sentence(rng, 40, 90),
                "summary": _sentence(rng, 200, 450),
                "category": rng.choice(CATEGORIES),
                "tags": rng.sample(WORDS, rng.randint(2, 3)),
                "places": [f"place-{p}" for p in places],
                "status": status,
                "claimed_by": ["ministry"] if status in ("claimed", "disputed") else [],
                "denied_by": ["general-staff"] if status == "disputed" else [],
                "sources": [f"source-{s}" for s in sources],
            }
        )
    return events


def _references(rng: random.Random, source_count: int) -> list[str]:
    """The YAML lines of the sources, places and actors the events cite."""
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
    # Every source must be cited: the places cite the first 50; cite the rest from facts.
    lines.append("facts:")
    lines += [
        "  - id: synthetic-fact",
        "    question: What is this file?",
        "    answer: Synthetic data for benchmarks.",
        f"    sources: [{', '.join(f'source-{s}' for s in range(source_count))}]",
    ]
    return lines


def generate_parts(count: int, seed: int = 2024) -> tuple[list[str], list[dict[str, Any]]]:
    """(the YAML lines of the references, the events) of a dataset with `count` events."""
    rng = random.Random(seed)
    source_count = max(3, count // 10)
    references = _references(rng, source_count)
    return references, _events(rng, count, source_count)


def generate(count: int, seed: int = 2024) -> str:
    """The YAML text of a dataset with `count` events."""
    references, events = generate_parts(count, seed)
    lines = list(references)
    cut = lines.index("facts:")
    lines, facts = lines[:cut], lines[cut:]
    lines.append("events:")
    for e in events:
        lines += [
            f"  - id: {e['id']}",
            f"    date: {e['date']}",
            f"    title: {_quoted(str(e['title']))}",
            f"    summary: {_quoted(str(e['summary']))}",
            f"    category: {e['category']}",
            f"    tags: [{', '.join(e['tags'])}]",
            f"    places: [{', '.join(e['places'])}]",
            f"    status: {e['status']}",
        ]
        if e["claimed_by"]:
            lines.append(f"    claimed_by: [{', '.join(e['claimed_by'])}]")
        if e["denied_by"]:
            lines.append(f"    denied_by: [{', '.join(e['denied_by'])}]")
        lines.append(f"    sources: [{', '.join(e['sources'])}]")
    return "\n".join(lines + facts) + "\n"


# The event columns of `pokrovsk timeline -f csv` (data/event_columns.py); the derived ones
# (date_start ... uncertain) and dataset/corrections are left empty, as a layer may.
CSV_COLUMNS = (
    "id,date,date_start,date_end,precision,approximate,uncertain,title,summary,category,tags,"
    "places,actors,status,claimed_by,denied_by,sources,quote,quote_by,note,dataset,assessed_by,"
    "added,updated,corrections,aliases"
).split(",")


def write_csv_layer(count: int, path: Path, seed: int = 2024) -> Path:
    """The events as a CSV layer at path; their references in path.refs.yaml (returned)."""
    import csv

    references, events = generate_parts(count, seed)
    refs = path.with_suffix(".refs.yaml")
    refs.write_text("\n".join(references) + "\n", encoding="utf-8")
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for e in events:
            row = {k: ";".join(v) if isinstance(v, list) else v for k, v in e.items()}
            writer.writerow([row.get(column, "") for column in CSV_COLUMNS])
    return refs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of events")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    if args.output.suffix.lower() == ".csv":
        refs = write_csv_layer(args.count, args.output)
        print(f"{refs}: sources, places and actors, {refs.stat().st_size / 2**20:.1f} MB")
    else:
        args.output.write_text(generate(args.count), encoding="utf-8")
    print(f"{args.output}: {args.count} events, {args.output.stat().st_size / 2**20:.1f} MB")


if __name__ == "__main__":
    main()

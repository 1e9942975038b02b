"""Backfill `added` and `updated` curation dates for the entries of data/events.yaml from git.

A one-off: the dataset did not record when each source, place, actor, event and fact was added or
last changed, so this reads the file's history once and derives the dates. It is kept so that the
backfill can be checked (run it again on the same history and compare); it writes nothing.

    python scripts/backfill_curation_dates.py > /tmp/backfill.json    # dates, summary on stderr
    python scripts/backfill_curation_dates.py --changes > /tmp/changes.json
    python scripts/backfill_curation_dates.py --apply    # write them into the file, once

Only read-only git commands are used (`git log`, `git show COMMIT:data/events.yaml`), walking the
first-parent history oldest first. `added` is the author date (UTC) of the first commit whose file
holds an entry with that id; `updated` is the author date of the last later commit in which the
entry, parsed and compared as data (so layout and comments do not count, nor the fields in
IGNORED), differs from the previous version, left out when it would equal `added`. Ids are never
carried across renames: an id that disappears is reported as removed. A version that does not
parse is skipped and reported.
`--changes` lists the changes of the fields a corrections log may need (see WATCHED).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PATH = "data/events.yaml"
KINDS = ("sources", "places", "actors", "events", "facts")
DATED = ("sources", "places", "events", "facts")  # the kinds that carry added/updated
# Not a change of the entry: aliases are search aids for `fact` (two commits added them to
# every event and fact), and the curation dates are what this script writes.
IGNORED = frozenset({"aliases", "added", "updated"})
WATCHED = {
    "events": ("date", "status"),
    "facts": ("status", "value", "low", "high", "answer"),
    "sources": ("url", "copy_url"),
}

Entry = dict[str, Any]
Snapshot = dict[str, dict[str, Entry]]


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # author date, YYYY-MM-DD in UTC
    subject: str


@dataclass
class History:
    added: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    updated: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    removed: list[str] = field(default_factory=list)  # "kind id (commit date subject)"
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    per_commit: list[str] = field(default_factory=list)  # what each commit did to the entries
    current: Snapshot = field(default_factory=dict)


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout


def commits() -> list[Commit]:
    out = git("log", "--first-parent", "--reverse", "--format=%H%x09%aI%x09%s", "--", PATH)
    result = []
    for line in out.splitlines():
        sha, stamp, subject = line.split("\t", 2)
        day = datetime.fromisoformat(stamp).astimezone(UTC).date().isoformat()
        result.append(Commit(sha, day, subject))
    return result


def other_paths() -> set[str]:
    """Paths other than PATH the file had, by `git log --follow --name-status`."""
    out = git("log", "--follow", "--name-status", "--format=", "--", PATH)
    paths = {p for line in out.splitlines() if line for p in line.split("\t")[1:]}
    return paths - {PATH}


def snapshot(data: Any, commit: Commit, history: History) -> Snapshot:
    snap: Snapshot = {kind: {} for kind in KINDS}
    for kind in KINDS:
        for entry in (data or {}).get(kind) or []:
            key = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(key, str):
                history.problems.append(f"{commit.sha[:7]}: {kind} entry without id: {entry!r:.60}")
            elif key in snap[kind]:
                history.problems.append(f"{commit.sha[:7]}: duplicate {kind} id {key}")
            else:
                snap[kind][key] = entry
    return snap


def walk() -> History:
    import yaml

    history = History()
    prev: Snapshot = {kind: {} for kind in KINDS}
    for commit in commits():
        label = f"{commit.sha[:7]} {commit.date} {commit.subject[:60]}"
        try:
            data = yaml.safe_load(git("show", f"{commit.sha}:{PATH}"))
        except yaml.YAMLError as error:
            history.skipped.append(f"{label}: {str(error).splitlines()[0]}")
            continue
        snap = snapshot(data, commit, history)
        counts: Counter[str] = Counter()
        keys: Counter[str] = Counter()
        for kind in KINDS:
            for key, entry in snap[kind].items():
                old = prev[kind].get(key)
                if key not in history.added[kind]:
                    history.added[kind][key] = commit.date
                    counts["added"] += 1
                    continue
                if _content(old) == _content(entry):
                    continue
                history.updated[kind][key] = commit.date
                if old is None:  # gone in an earlier version, back now
                    counts["re-added"] += 1
                    continue
                counts[f"changed {kind}"] += 1
                diff = {
                    k for k in old.keys() | entry.keys() if old.get(k, ...) != entry.get(k, ...)
                }
                keys.update(diff)
                if diff == {"aliases"}:
                    counts["only aliases"] += 1
                for name in WATCHED.get(kind, ()):
                    if old.get(name) != entry.get(name):
                        history.changes.append(
                            {
                                "kind": kind,
                                "id": key,
                                "field": name,
                                "old": old.get(name),
                                "new": entry.get(name),
                                "commit": commit.sha[:10],
                                "date": commit.date,
                                "subject": commit.subject,
                            }
                        )
            for key in prev[kind].keys() - snap[kind].keys():
                history.removed.append(f"{kind} {key} ({label})")
                counts["removed"] += 1
        fields = ", ".join(f"{k} {n}" for k, n in keys.most_common())
        stats = ", ".join(f"{k} {n}" for k, n in counts.items())
        history.per_commit.append(
            f"{label}: {stats or 'no entry changed'}; fields: {fields or '-'}"
        )
        prev = snap
    history.current = prev
    return history


def _content(entry: Entry | None) -> Entry | None:
    return None if entry is None else {k: v for k, v in entry.items() if k not in IGNORED}


def dates(history: History) -> dict[str, dict[str, dict[str, str]]]:
    result: dict[str, dict[str, dict[str, str]]] = {}
    for kind in KINDS:
        result[kind] = {}
        for key in history.current[kind]:
            record = {"added": history.added[kind][key]}
            updated = history.updated[kind].get(key)
            if updated and updated != record["added"]:
                record["updated"] = updated
            result[kind][key] = record
    return result


def summary(history: History, result: dict[str, dict[str, dict[str, str]]]) -> None:
    def say(text: str) -> None:
        print(text, file=sys.stderr)

    for kind, records in result.items():
        with_updated = sum("updated" in r for r in records.values())
        say(f"{kind}: {len(records)} entries, {with_updated} with updated")
    added = Counter(r["added"] for records in result.values() for r in records.values())
    say("added dates: " + ", ".join(f"{d} {n}" for d, n in sorted(added.items())))
    say(f"other paths of {PATH}: {', '.join(sorted(other_paths())) or 'none'}")
    for title, lines in (
        ("versions skipped", history.skipped),
        ("ids removed over history", history.removed),
        ("problems", history.problems),
        ("per commit", history.per_commit),
    ):
        say(f"{title}: {len(lines)}")
        for line in lines:
            say(f"  {line}")
    say(f"watched-field changes (--changes): {len(history.changes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--changes", action="store_true", help="list changes of watched fields instead of dates"
    )
    parser.add_argument(
        "--apply", action="store_true", help=f"write the dates into {PATH} where it has none"
    )
    args = parser.parse_args()
    history = walk()
    result = dates(history)
    summary(history, result)
    if args.apply:
        written = apply(result)
        print(f"wrote added/updated for {written} entries into {PATH}", file=sys.stderr)
        return
    output: Any = history.changes if args.changes else result
    json.dump(output, sys.stdout, indent=1, ensure_ascii=False, default=str)
    print()


def apply(result: dict[str, dict[str, dict[str, str]]]) -> int:
    """Put `added:` (and `updated:`) under each entry's `id:` line, keeping the file's layout and
    comments; an entry that already has `added` is left as it is."""
    import re

    path = ROOT / PATH
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    section, out, written = "", [], 0
    entry_id = re.compile(r"^  - id: (\S+)\s*$")
    for index, line in enumerate(lines):
        out.append(line)
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
        found = entry_id.match(line)
        if not found or section not in DATED:
            continue
        record = result[section].get(found[1])
        following = lines[index + 1 : index + 40]
        has_added = any(re.match(r"^    added:", x) for x in following if not entry_id.match(x))
        if record is None or has_added:
            continue
        out.append(f"    added: {record['added']}\n")
        if "updated" in record:
            out.append(f"    updated: {record['updated']}\n")
        written += 1
    path.write_text("".join(out), encoding="utf-8")
    return written


if __name__ == "__main__":
    main()

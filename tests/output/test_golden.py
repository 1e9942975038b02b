"""Golden files: every output format, byte for byte, on the small fixture.

How the files were made. Each file in tests/fixtures/golden/ is what one command printed on
`tests/fixtures/datasets/small.yaml` (loaded with `--no-bundled --data`, the path given relative
to the repository root so the `dataset` column is the same on every machine), with COLUMNS=100
and NO_COLOR=1, through Typer's CliRunner (so stdout is not a terminal: the table is the piped
one). They were written once by running the tool and then reviewed by hand against the fixture:
every id, date (start, end, precision), title, status, claimed_by/denied_by, place, source and
the one distance (Pokrovsk to Myrnohrad, 6.378 km at 81.65 degrees by an independent haversine
computation). The tests here compare the tool's output with those files; nothing is derived
from the code under test. Where the review found the tool wrong, the file holds the right
output, corrected by hand, and the case is a strict xfail (KNOWN_WRONG below) until src/ is
fixed.

A SQLite database is compared as text (sqlite_dump below): its schema as SQLite stores it, then
every table's rows as JSON lines in rowid order, so the file's own bytes (which depend on the
SQLite version) do not matter.

One normalisation, and only one: iCalendar's DTSTAMP is the time of the run (RFC 5545 3.8.7.2),
so each `DTSTAMP:` line's value is replaced by 19700101T000000Z before comparing (and in the
golden file). Everything else is compared exactly, bytes included (CRLF, a BOM, trailing spaces).
The version of the package appears in the ICS PRODID, the HTML footer and the SQLite metadata
table, so a version bump changes those three files.

How to update them. When an output changes on purpose, run

    POKROVSK_UPDATE_GOLDEN=1 python -m pytest tests/output/test_golden.py

which rewrites the files instead of comparing (each rewritten test is reported as skipped), then
review every change with `git diff tests/fixtures/golden/` against the fixture, as above, before
committing. A golden file is never updated without a reviewed diff.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.formats import FORMATS
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = FIXTURES / "golden"
UPDATE = os.environ.get("POKROVSK_UPDATE_GOLDEN") == "1"
# Relative to ROOT, where every run happens: the `dataset` column holds the path as given.
SMALL_AS_GIVEN = "tests/fixtures/datasets/small.yaml"
DATA = ["--no-bundled", "--data", SMALL_AS_GIVEN]
ICS_NOTE = "pokrovsk: note: 1 event(s) dated only to a year are not in the calendar\n"

# (golden file, command line before the data options, what stderr must say)
CASES = [
    ("timeline.table.txt", ["timeline", "-f", "table"], ""),
    ("timeline.csv", ["timeline", "-f", "csv"], ""),
    ("timeline.tsv", ["timeline", "-f", "tsv"], ""),
    ("timeline.json", ["timeline", "-f", "json"], ""),
    ("timeline.jsonl", ["timeline", "-f", "jsonl"], ""),
    ("timeline.md", ["timeline", "-f", "markdown"], ""),
    ("timeline.ics", ["timeline", "-f", "ics"], ICS_NOTE),
    ("timeline.geojson", ["timeline", "-f", "geojson"], ""),
    ("timeline.timelinejs.json", ["timeline", "-f", "timelinejs"], ""),
    ("timeline.yaml", ["timeline", "-f", "yaml"], ""),
    ("timeline.html", ["timeline", "-f", "html"], ""),
    ("timeline.sqlite.txt", ["timeline", "-f", "sqlite"], ""),  # to a file: see sqlite_dump
    (
        "timeline.columns.csv",
        ["timeline", "-f", "csv", "--columns", "date,id,status,claimed_by,denied_by"],
        "",
    ),
    ("timeline.no-header.csv", ["timeline", "-f", "csv", "--no-header"], ""),
    ("timeline.excel.csv", ["timeline", "-f", "csv", "--excel"], ""),
    ("show.claimed-capture.txt", ["show", "claimed-capture"], ""),
    ("show.claimed-capture.json", ["show", "claimed-capture", "-f", "json"], ""),
    ("show.mid-year.txt", ["show", "mid-year"], ""),
    ("fact.csv", ["fact", "-f", "csv"], ""),
    ("fact.json", ["fact", "-f", "json"], ""),
    ("fact.prewar-population.json", ["fact", "prewar population", "-f", "json"], ""),
    ("fact.prewar-population.csv", ["fact", "prewar population", "-f", "csv"], ""),
    ("fact.how-far-is-myrnohrad.json", ["fact", "how far is myrnohrad", "-f", "json"], ""),
    ("fact.html", ["fact", "-f", "html"], ""),
    ("places.csv", ["places", "-f", "csv"], ""),
    ("places.json", ["places", "-f", "json"], ""),
    ("places.geojson", ["places", "-f", "geojson"], ""),
    ("places.html", ["places", "-f", "html"], ""),
    ("sources.csv", ["sources", "-f", "csv"], ""),
    ("sources.json", ["sources", "-f", "json"], ""),
    ("actors.csv", ["actors", "-f", "csv"], ""),
    ("actors.json", ["actors", "-f", "json"], ""),
    ("about.json", ["about", "-f", "json"], ""),
    # cite: the accessed date is SOURCE_DATE_EPOCH's day (CITE_ENV), for the same bytes each run
    ("cite.claimed-capture.txt", ["cite", "claimed-capture", "--dataset"], ""),
    ("cite.claimed-capture.chicago.txt", ["cite", "claimed-capture", "--style", "chicago"], ""),
    ("cite.claimed-capture.csl.json", ["cite", "claimed-capture", "-f", "csl-json"], ""),
    ("cite.claimed-capture.bib", ["cite", "claimed-capture", "-f", "bibtex"], ""),
    ("cite.claimed-capture.ris", ["cite", "claimed-capture", "-f", "ris"], ""),
]
CITE_ENV = {"SOURCE_DATE_EPOCH": "1764892800"}  # 5 Dec 2025, 00:00 UTC

# Golden files that hold what the output should be, corrected by hand, because the tool is
# wrong there. Each one fails (strict xfail) until src/ is fixed, and is not rewritten by
# POKROVSK_UPDATE_GOLDEN=1; when the fix lands, the case XPASSes and its entry goes.
KNOWN_WRONG: dict[str, str] = {}

DTSTAMP = re.compile(rb"^DTSTAMP:\d{8}T\d{6}Z\r$", re.MULTILINE)
DTSTAMP_PLACEHOLDER = b"DTSTAMP:19700101T000000Z\r"


def normalise(name: str, raw: bytes) -> bytes:
    """The one normalisation (see the module docstring): ICS DTSTAMP is the time of the run."""
    if not name.endswith(".ics"):
        return raw
    stamps = DTSTAMP.findall(raw)
    assert len(stamps) == raw.count(b"BEGIN:VEVENT\r\n"), "one well-formed DTSTAMP per VEVENT"
    return DTSTAMP.sub(DTSTAMP_PLACEHOLDER, raw)


def _shown(raw: bytes) -> list[str]:
    # Make the invisible differences visible: a CR, a BOM, a missing final newline.
    text = raw.decode("utf-8", errors="backslashreplace").replace("\ufeff", "<BOM>")
    return [line.replace("\r", "\\r") + "\n" for line in text.split("\n")]


def check_golden(name: str, actual: bytes) -> None:
    """Compare with the golden file byte for byte; rewrite it instead under UPDATE."""
    path = GOLDEN / name
    if UPDATE and name in KNOWN_WRONG:
        pytest.skip(f"{name} is corrected by hand (KNOWN_WRONG): not rewritten")
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        pytest.skip(f"rewrote {path.relative_to(ROOT)}: review it with git diff")
    assert path.exists(), f"no golden file {name}: make it with POKROVSK_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(
            _shown(expected), _shown(actual), f"golden/{name}", "actual output"
        )
        pytest.fail(f"{name} differs from its golden file:\n{''.join(diff)}", pytrace=False)


@pytest.fixture
def at_root(monkeypatch) -> CliRunner:
    """A runner at the repository root with fixed terminal facts and no outside data."""
    monkeypatch.chdir(ROOT)
    return CliRunner(
        env={
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "POKROVSK_DEBUG": None,
            "POKROVSK_DATA": None,
            "SOURCE_DATE_EPOCH": None,  # DTSTAMP is the time of the run, normalised above
        }
    )


def _cases():
    for name, args, stderr in CASES:
        marks = []
        if name in KNOWN_WRONG:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[name]))
        yield pytest.param(name, args, stderr, id=name, marks=marks)


def sqlite_dump(path: Path) -> bytes:
    """A database as text: each schema entry, then each table's rows as JSON, in rowid order."""
    import json
    import sqlite3

    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        lines = []
        schema = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        )
        for kind, name, sql in schema.fetchall():
            lines.append(f"-- {kind} {name}\n{sql}")
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for (table,) in tables.fetchall():
            lines.append(f"-- rows of {table}")
            cursor = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            columns = [column[0] for column in cursor.description]
            for row in cursor:
                lines.append(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False))
    finally:
        db.close()
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(("name", "args", "stderr"), list(_cases()))
def test_output_matches_its_golden_file(at_root, tmp_path, name, args, stderr):
    env = CITE_ENV if args[0] == "cite" else None
    to_file = "-f" in args and FORMATS[args[args.index("-f") + 1]].to_path
    target = ["-o", str(tmp_path / "out.db")] if to_file else []
    result = at_root.invoke(app, [*args, *target, *DATA], catch_exceptions=False, env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == stderr
    if to_file:
        assert result.stdout == ""
        check_golden(name, sqlite_dump(tmp_path / "out.db"))
        return
    check_golden(name, normalise(name, result.stdout_bytes))


def test_a_real_process_writes_the_same_bytes():
    # The console script's fast path and a real stdout, not the runner: CSV's CRLF and the
    # table's plain lines must survive both.
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("POKROVSK_DATA", None)
    for name, fmt in (("timeline.csv", "csv"), ("timeline.table.txt", "table")):
        result = subprocess.run(
            [sys.executable, "-m", "pokrovsk_cli", "timeline", *DATA, "-f", fmt],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=60,
        )
        assert (result.returncode, result.stderr) == (0, b""), result.stderr
        if not UPDATE:
            check_golden(name, result.stdout)


def test_every_format_has_a_golden_file():
    # A new format in the registry needs its golden file (and its review) here.
    timeline_formats = {args[args.index("-f") + 1] for _, args, _ in CASES if args[0] == "timeline"}
    assert timeline_formats == {name for name, spec in FORMATS.items() if "events" in spec.writers}
    cite_formats = {args[args.index("-f") + 1] if "-f" in args else "text" for _, args, _ in CASES
                    if args[0] == "cite"}  # fmt: skip
    assert cite_formats == {name for name, spec in FORMATS.items() if "citations" in spec.writers}


def test_every_golden_file_is_checked():
    if UPDATE:
        pytest.skip("rewriting")
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(case[0] for case in CASES)

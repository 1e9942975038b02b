"""`-f sqlite`: a database Datasette and sqlite-utils open as it is, read back by SQLite itself.

Every event's fields come back equal to the JSON and CSV records; the junction tables' foreign
keys hold; the views return the rows a reader expects; text from the data is stored as it is;
the file rules are those of every --output. The last two tests run the real consumers,
`sqlite-utils` and `datasette`, as subprocesses.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from pokrovsk_cli.cli import fastpath
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.errors import UsageError
from pokrovsk_cli.output.columns import EVENT_COLUMNS, LATEST_COLUMNS
from pokrovsk_cli.output.files import sqlite_db
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.write import atomic_path, emit
from tests.conftest import HOSTILE_TEXT, SMALL, SMALL_IN_ORDER, bundled_raw, serve

DATA = ["--no-bundled", "--data", str(SMALL)]
# The columns that hold lists (JSON arrays in the database, `;`-joined in CSV).
LIST_COLUMNS = {
    "tags",
    "places",
    "actors",
    "claimed_by",
    "denied_by",
    "sources",
    "assessed_by",
    "corrections",
    "aliases",
}
TABLES = {
    "metadata",
    "events",
    "places",
    "sources",
    "actors",
    "facts",
    "corrections",
    "event_places",
    "event_sources",
    "event_actors",
    "event_tags",
    "event_aliases",
    "fact_sources",
    "place_sources",
    "correction_sources",
}
VIEWS = {"event_details", "event_citations", "claims", "place_event_counts"}
INJECTION = "'); drop table events; --"
HOSTILE = f"{HOSTILE_TEXT} {INJECTION} \"double\" 'single' ; -- \\ %s ?"


def run(runner, *args, catch=True):
    return runner.invoke(app, list(args), catch_exceptions=catch)


def connect(path: Path) -> sqlite3.Connection:
    """The database read-only, rows as mappings."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


def rows(path: Path, sql: str, *parameters) -> list[dict]:
    db = connect(path)
    try:
        return [dict(row) for row in db.execute(sql, parameters)]
    finally:
        db.close()


def decoded(row: dict) -> dict:
    """A database row as a JSON record: list columns parsed back from their JSON text."""
    return {key: json.loads(value) if key in LIST_COLUMNS else value for key, value in row.items()}


def written(runner, tmp_path, *args, name="events.db") -> Path:
    path = tmp_path / name
    result = run(runner, "timeline", *args, "-o", str(path), catch=False)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    return path


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory) -> Path:
    """The whole bundled timeline as a database, written once for the read-only tests."""
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("sqlite") / "events.db"
    result = CliRunner(env={"POKROVSK_DATA": None}).invoke(
        app, ["timeline", "-f", "sqlite", "-o", str(path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return path


# --- the contents ----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [[], DATA], ids=["bundled", "small"])
def test_every_event_comes_back_equal_to_the_json_and_csv_records(runner, tmp_path, data):
    path = written(runner, tmp_path, *data)
    document = json.loads(run(runner, "timeline", *data, "-f", "json", catch=False).stdout)
    table = [decoded(row) for row in rows(path, "SELECT * FROM events ORDER BY rowid")]
    assert [list(row) for row in table] == [list(EVENT_COLUMNS)] * len(table)
    assert table == document["events"]  # 0 == False: booleans are SQLite's integers
    for row, record in zip(table, document["events"], strict=True):
        for column in ("approximate", "uncertain"):
            assert row[column] is int(record[column]) and type(row[column]) is int
    csv_text = run(runner, "timeline", *data, "-f", "csv", catch=False).stdout
    for row, line in zip(table, csv.DictReader(io.StringIO(csv_text, newline="")), strict=True):
        for column in EVENT_COLUMNS:
            value = row[column]
            if column in LIST_COLUMNS:
                value = ";".join(value)
            elif isinstance(value, int):
                value = "true" if value else "false"
            assert ("" if value is None else value) == line[column], (row["id"], column)


def test_the_reference_tables_hold_the_whole_dataset(bundled_db, bundled):
    raw = bundled_raw()
    for table in ("places", "sources", "actors", "facts"):
        ids = [row["id"] for row in rows(bundled_db, f"SELECT id FROM {table}")]
        assert sorted(ids) == sorted(entry["id"] for entry in raw[table]), table
    corrections = rows(bundled_db, "SELECT * FROM corrections ORDER BY rowid")
    assert [c["id"] for c in corrections] == [c.id for c in bundled.corrections]
    stored = {r["id"]: r for r in rows(bundled_db, "SELECT * FROM sources")}
    for source in raw["sources"]:  # as the file has them, read without our loader
        row = stored[source["id"]]
        assert (row["publisher"], row["title"]) == (source["publisher"], source["title"])
        assert row["url"] == source.get("url"), source["id"]


def test_the_junction_tables_hold_every_list_in_order(bundled_db, bundled):
    for event in bundled.events:
        for table, column, expected in (
            ("event_places", "place_id", event.places),
            ("event_sources", "source_id", event.sources),
            ("event_tags", "tag", event.tags),
            ("event_aliases", "alias", event.aliases),
        ):
            found = rows(
                bundled_db,
                f"SELECT {column} FROM {table} WHERE event_id = ? ORDER BY position",
                event.id,
            )
            assert [r[column] for r in found] == list(expected), (event.id, table)
        for role, field in sqlite_db.ROLES:
            found = rows(
                bundled_db,
                "SELECT actor_id FROM event_actors WHERE event_id = ? AND role = ?"
                " ORDER BY position",
                event.id,
                role,
            )
            assert [r["actor_id"] for r in found] == list(getattr(event, field)), event.id
    for fact in bundled.facts:
        found = rows(
            bundled_db,
            "SELECT source_id FROM fact_sources WHERE fact_id = ? ORDER BY position",
            fact.id,
        )
        assert [r["source_id"] for r in found] == list(fact.sources), fact.id


def test_the_foreign_keys_hold(bundled_db):
    assert rows(bundled_db, "PRAGMA foreign_key_check") == []
    declared = {
        table: sorted(
            (r["from"], r["table"], r["to"])
            for r in rows(bundled_db, f"PRAGMA foreign_key_list({table})")
        )
        for table in (
            "event_places",
            "event_sources",
            "event_actors",
            "event_tags",
            "event_aliases",
        )
    }
    assert declared == {
        "event_places": [("event_id", "events", "id"), ("place_id", "places", "id")],
        "event_sources": [("event_id", "events", "id"), ("source_id", "sources", "id")],
        "event_actors": [("actor_id", "actors", "id"), ("event_id", "events", "id")],
        "event_tags": [("event_id", "events", "id")],
        "event_aliases": [("event_id", "events", "id")],
    }
    for table in ("fact_sources", "place_sources", "correction_sources"):
        targets = {r["table"] for r in rows(bundled_db, f"PRAGMA foreign_key_list({table})")}
        assert "sources" in targets, table


def test_the_tables_views_and_indexes_are_there(bundled_db):
    listed = rows(bundled_db, "SELECT type, name FROM sqlite_master")
    assert {r["name"] for r in listed if r["type"] == "table"} == TABLES
    assert {r["name"] for r in listed if r["type"] == "view"} == VIEWS == set(sqlite_db.VIEWS)
    plan = rows(
        bundled_db,
        "EXPLAIN QUERY PLAN SELECT event_id FROM event_places WHERE place_id = ?",
        "pokrovsk",
    )
    assert any("idx_event_places_place_id" in r["detail"] for r in plan), plan


def test_every_view_returns_rows(bundled_db):
    for view in VIEWS:
        assert rows(bundled_db, f"SELECT count(*) AS n FROM {view}")[0]["n"] > 0, view


def test_the_views_say_what_the_events_say(runner, tmp_path):
    path = written(runner, tmp_path, *DATA)
    details = {r["id"]: r for r in rows(path, "SELECT * FROM event_details")}
    assert list(details) == SMALL_IN_ORDER
    assert json.loads(details["day-event"]["place_names"]) == ["Myrnohrad"]
    assert json.loads(details["month-event"]["source_urls"]) == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert json.loads(details["approx-event"]["place_names"]) == []
    claims = rows(path, "SELECT event_id, status, role, actor_id, actor_name, side FROM claims")
    assert claims == [
        {
            "event_id": "approx-event",
            "status": "claimed",
            "role": "claimed_by",
            "actor_id": "ministry",
            "actor_name": "Ministry",
            "side": "russia",
        },
        {
            "event_id": "claimed-capture",
            "status": "disputed",
            "role": "claimed_by",
            "actor_id": "ministry",
            "actor_name": "Ministry",
            "side": "russia",
        },
        {
            "event_id": "claimed-capture",
            "status": "disputed",
            "role": "denied_by",
            "actor_id": "general-staff",
            "actor_name": "General Staff",
            "side": "ukraine",
        },
    ]
    counts = rows(path, "SELECT place_id, events, first_day, last_day FROM place_event_counts")
    assert counts == [
        {
            "place_id": "pokrovsk",
            "events": 4,
            "first_day": "2023-01-01",
            "last_day": "2025-12-01",
        },
        {
            "place_id": "myrnohrad",
            "events": 1,
            "first_day": "2024-02-17",
            "last_day": "2024-02-17",
        },
    ]
    citations = rows(path, "SELECT event_id, source_id, url FROM event_citations")
    assert [(r["event_id"], r["source_id"]) for r in citations] == [
        ("year-event", "src-a"),
        ("day-event", "src-a"),
        ("mid-year", "src-a"),
        ("month-event", "src-a"),
        ("month-event", "src-b"),
        ("approx-event", "src-b"),
        ("claimed-capture", "src-b"),
    ]


def test_only_the_filtered_events_are_in_it(runner, tmp_path):
    path = written(runner, tmp_path, *DATA, "--since", "2025", "-f", "sqlite")
    ids = [r["id"] for r in rows(path, "SELECT id FROM events ORDER BY rowid")]
    assert ids == ["month-event", "approx-event", "claimed-capture"]
    linked = {r["event_id"] for r in rows(path, "SELECT event_id FROM event_places")}
    assert linked == {"month-event", "claimed-capture"}
    assert len(rows(path, "SELECT id FROM places")) == 2  # every place, named or not


def test_the_metadata_says_how_current_the_data_is(bundled_db, bundled):
    metadata = {r["key"]: r["value"] for r in rows(bundled_db, "SELECT * FROM metadata")}
    assert metadata["schema_version"] == 5
    assert metadata["data_as_of"] == bundled.curated_through.text
    assert metadata["data_version"] == bundled.version
    assert metadata["listing"] == "timeline"
    assert metadata["events"] == len(bundled.events)
    assert json.loads(metadata["layers"])[0]["dataset"] == "bundled"


def test_latest_writes_the_newest_events_with_their_days_ago(runner, tmp_path):
    path = tmp_path / "latest.sqlite"
    result = run(runner, "latest", "2", *DATA, "-o", str(path), catch=False)
    assert result.exit_code == 0, result.output
    document = json.loads(run(runner, "latest", "2", *DATA, "-f", "json", catch=False).stdout)
    table = [decoded(r) for r in rows(path, "SELECT * FROM events ORDER BY rowid")]
    assert list(table[0]) == list(LATEST_COLUMNS)
    assert table == document["events"]
    metadata = {r["key"]: r["value"] for r in rows(path, "SELECT * FROM metadata")}
    assert (metadata["listing"], metadata["today"]) == ("latest", document["today"])
    assert rows(path, "PRAGMA foreign_key_check") == []


# --- text from the data stays data -----------------------------------------------------------


def hostile_dataset(small):
    """small.yaml with quotes, SQL and escape sequences in text, names and tags."""
    events = tuple(
        replace(e, title=HOSTILE, summary=HOSTILE, note=INJECTION, tags=(INJECTION, HOSTILE_TEXT))
        if e.id == "day-event"
        else e
        for e in small.events
    )
    places = {pid: replace(p, name=HOSTILE) for pid, p in small.places.items()}
    actors = {aid: replace(a, name=HOSTILE) for aid, a in small.actors.items()}
    sources = {sid: replace(s, title=HOSTILE) for sid, s in small.sources.items()}
    return replace(small, events=events, places=places, actors=actors, sources=sources)


def test_hostile_text_is_stored_as_it_is(runner, tmp_path, monkeypatch, small):
    serve(monkeypatch, hostile_dataset(small))
    path = written(runner, tmp_path, "-f", "sqlite")
    listed = rows(path, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    assert {r["name"] for r in listed} == TABLES | VIEWS  # nothing dropped
    (event,) = rows(path, "SELECT * FROM events WHERE id = 'day-event'")
    assert (event["title"], event["summary"], event["note"]) == (HOSTILE, HOSTILE, INJECTION)
    assert json.loads(event["tags"]) == [INJECTION, HOSTILE_TEXT]
    tags = rows(path, "SELECT tag FROM event_tags WHERE event_id = 'day-event' ORDER BY position")
    assert [r["tag"] for r in tags] == [INJECTION, HOSTILE_TEXT]
    for table in ("places", "actors"):
        assert {r["name"] for r in rows(path, f"SELECT name FROM {table}")} == {HOSTILE}
    assert {r["title"] for r in rows(path, "SELECT title FROM sources")} == {HOSTILE}
    (details,) = rows(path, "SELECT place_names FROM event_details WHERE id = 'day-event'")
    assert json.loads(details["place_names"]) == [HOSTILE]
    assert len(rows(path, "SELECT id FROM events")) == len(small.events)


# --- the file rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("events.db", []),
        ("events.sqlite", []),
        ("events.sqlite3", []),
        ("EVENTS.DB", []),
        ("events.data", ["-f", "sqlite"]),
        ("events.txt", ["--format", "sqlite"]),  # --format beats the extension
    ],
)
def test_the_extension_or_the_format_writes_a_database(runner, tmp_path, name, args):
    path = written(runner, tmp_path, *DATA, *args, name=name)
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert [r["id"] for r in rows(path, "SELECT id FROM events ORDER BY rowid")] == SMALL_IN_ORDER
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no journal, no temporary


STDOUT_REFUSAL = [
    "pokrovsk: error: --format sqlite writes a file, not standard output",
    "hint: give -o FILE.db",
]


@pytest.mark.parametrize(
    "args", [["-f", "sqlite"], ["-f", "sqlite", "-o", "-"], ["--since", "2099", "-f", "sqlite"]]
)
def test_sqlite_to_standard_output_is_a_usage_error(runner, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "timeline", *DATA, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == STDOUT_REFUSAL
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["timeline"], ["latest", "3"]])
def test_the_console_script_refuses_standard_output_too(tmp_path, command):
    # A real process through the entry point (the fast path), with a real stdout.
    env = {key: value for key, value in os.environ.items() if key != "POKROVSK_DATA"}
    argv = [*command, *DATA, "-f", "sqlite"]
    assert fastpath.parse(argv) is not None  # the fast path takes it, and refuses the same way
    result = subprocess.run(
        [sys.executable, "-m", "pokrovsk_cli", *argv],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == STDOUT_REFUSAL
    assert list(tmp_path.iterdir()) == []


def test_an_existing_database_is_kept_unless_forced(runner, tmp_path):
    path = tmp_path / "events.db"
    path.write_bytes(b"precious")
    result = run(runner, "timeline", *DATA, "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: {str(path)!r} already exists",
        "hint: add --force to replace it",
    ]
    assert path.read_bytes() == b"precious"
    result = run(runner, "timeline", *DATA, "-o", str(path), "--force", catch=False)
    assert result.exit_code == 0, result.output
    assert len(rows(path, "SELECT id FROM events")) == len(SMALL_IN_ORDER)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.db"]


def test_a_database_never_replaces_a_file_the_run_reads(runner, tmp_path):
    data = tmp_path / "small.yaml"
    data.write_bytes(SMALL.read_bytes())
    result = run(
        runner,
        "timeline",
        "--no-bundled",
        "--data",
        str(data),
        "-f",
        "sqlite",
        "-o",
        str(data),
        "--force",
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: {str(data)!r} is a file this run reads ({data})",
        "hint: write the output to another file",
    ]
    assert data.read_bytes() == SMALL.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["small.yaml"]


def test_no_events_write_no_database(runner, tmp_path):
    path = tmp_path / "events.db"
    result = run(runner, "timeline", *DATA, "--since", "2099", "-o", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("pokrovsk: error: no events match")
    assert list(tmp_path.iterdir()) == []


def test_the_tabular_options_do_not_apply(runner, tmp_path):
    result = run(runner, "timeline", *DATA, "--columns", "id", "-o", str(tmp_path / "e.db"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "pokrovsk: error: --columns does not apply to --format sqlite"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_the_old_file_and_no_temporary(tmp_path, small, monkeypatch):
    path = tmp_path / "events.db"
    path.write_bytes(b"old and good")
    filled = sqlite_db._fill

    def fill_then_fail(db, listing):
        filled(db, listing)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sqlite_db, "_fill", fill_then_fail)
    with pytest.raises(RuntimeError, match="^disk on fire$"):
        emit(
            Listing("events", small.events, small),
            "sqlite",
            str(path),
            force=True,
            options=OutputOptions(),
        )
    assert path.read_bytes() == b"old and good"
    assert [p.name for p in tmp_path.iterdir()] == ["events.db"]


def test_a_full_disk_is_the_usual_output_error(runner, tmp_path, monkeypatch):
    def fill_then_full(db, listing):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite_db, "_fill", fill_then_full)
    path = tmp_path / "events.db"
    result = run(runner, "timeline", *DATA, "-o", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: cannot write {str(path)!r} (database or disk is full)",
        "hint: check that the disk has room; nothing was written, an existing file is unchanged",
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_reference_that_does_not_resolve_is_refused_while_writing(tmp_path, small):
    # The loader never lets one through; if one did, foreign_keys=ON stops the file.
    events = tuple(
        replace(e, places=("atlantis",)) if e.id == "day-event" else e for e in small.events
    )
    broken = replace(small, events=events)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        emit(
            Listing("events", broken.events, broken),
            "sqlite",
            str(tmp_path / "events.db"),
            options=OutputOptions(),
        )
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_gives_a_temporary_file_beside_the_target(tmp_path):
    target = tmp_path / "out.db"
    with atomic_path(target, force=False) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".out.db.")
        assert temporary.read_bytes() == b""  # there and empty, for a writer to open by name
        temporary.write_bytes(b"whole")
        assert not target.exists()
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]
    with pytest.raises(UsageError, match="already exists"):
        with atomic_path(target, force=False):
            pass
    with pytest.raises(KeyError):
        with atomic_path(target, force=True) as temporary:
            temporary.write_bytes(b"half")
            raise KeyError("stop")
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]


def test_without_a_cache_only_this_format_imports_sqlite3():
    # sqlite3 is also the cache's engine (data/store.py); with the cache off it is this
    # format's alone, so no other output pays for it.
    code = (
        "import sys\n"
        "from pokrovsk_cli.cli.entry import main\n"
        f"sys.argv = ['pokrovsk', 'timeline', '-f', 'csv', *{DATA!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('sqlite3' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "POKROVSK_NO_CACHE": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr


# --- the real consumers ----------------------------------------------------------------------


def console_script(name: str) -> Path:
    """A console script installed beside this Python, or skip the test."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        pytest.skip(f"{name} is not installed beside {sys.executable}")
    return path


def test_sqlite_utils_lists_the_tables_and_their_counts(bundled_db, bundled):
    sqlite_utils = console_script("sqlite-utils")
    result = subprocess.run(
        [str(sqlite_utils), "tables", str(bundled_db), "--counts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    counts = {entry["table"]: entry["count"] for entry in json.loads(result.stdout)}
    assert set(counts) == TABLES
    assert counts["events"] == len(bundled.events)
    assert counts["places"] == len(bundled.places)
    assert counts["sources"] == len(bundled.sources)
    assert counts["actors"] == len(bundled.actors)
    assert counts["facts"] == len(bundled.facts)
    assert counts["corrections"] == len(bundled.corrections)
    assert counts["event_places"] == sum(len(set(e.places)) for e in bundled.events)
    views = subprocess.run(
        [str(sqlite_utils), "views", str(bundled_db)], capture_output=True, text=True, timeout=120
    )
    assert {entry["view"] for entry in json.loads(views.stdout)} == VIEWS


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch_json(url: str, server: subprocess.Popen, log: Path, deadline: float) -> object:
    """The JSON at url, retried while the server starts, until the deadline."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read().decode("utf-8"))
        except OSError as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"datasette did not answer {url} ({exc}):\n{log.read_text()}")
            time.sleep(0.2)


def test_datasette_serves_the_events(bundled_db, bundled, tmp_path):
    datasette = console_script("datasette")
    port = free_port()
    log = tmp_path / "datasette.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(datasette), "serve", str(bundled_db), "-h", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}/events"
        deadline = time.monotonic() + 20  # a bound on waiting, not a timed assertion
        served = fetch_json(f"{base}/events.json?_shape=array&_size=max", server, log, deadline)
        by_id = {row["id"]: row for row in served}
        assert sorted(by_id) == sorted(e.id for e in bundled.events)
        falls = by_id["avdiivka-falls"]
        assert (falls["date"], falls["status"]) == ("2024-02-17", "confirmed")
        assert json.loads(falls["places"]) == ["avdiivka"]
        claims = fetch_json(
            f"{base}/claims.json?_shape=array&status=disputed", server, log, deadline
        )
        assert claims and {row["status"] for row in claims} == {"disputed"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

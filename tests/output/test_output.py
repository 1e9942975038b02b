"""--output: atomic files, no clobbering, formats from extensions, '-' for stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.errors import UsageError
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.write import atomic_file, emit
from tests.conftest import SMALL, SMALL_IN_ORDER, bundled_raw

DATA = ["--no-bundled", "--data", str(SMALL)]
# small.yaml's events of 2025 and later, in date order.
SINCE_2025 = ["month-event", "approx-event", "claimed-capture"]
# The bundled file as written, read without our loader.
RAW = bundled_raw()


def run(runner, *args):
    return runner.invoke(app, list(args))


def table_rows(text):
    return [" ".join(line.split()) for line in text.splitlines()]


def ics_uids(text):
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    return re.findall(r"^UID:(.+)@pokrovsk-cli\r$", text, re.M)


def markdown_ids(text):
    assert text.startswith("| id | date |")
    return [line.split(" | ")[0].removeprefix("| ") for line in text.splitlines()[2:]]


def tsv_ids(text):
    assert text.startswith("id\tdate\t")
    return [line.split("\t")[0] for line in text.splitlines()[1:]]


def geojson_ids(text):
    document = json.loads(text)
    assert document["type"] == "FeatureCollection"
    return [feature["id"] for feature in document["features"]]


def html_ids(text):
    assert text.startswith("<!DOCTYPE html>")
    return re.findall(r'<article id="([^"]+)">', text)


@pytest.mark.parametrize(
    ("name", "read", "expected"),
    [
        (
            "events.csv",
            lambda text: [row["id"] for row in csv.DictReader(io.StringIO(text))],
            SINCE_2025,
        ),
        ("events.tsv", tsv_ids, SINCE_2025),
        ("events.json", lambda text: [e["id"] for e in json.loads(text)["events"]], SINCE_2025),
        (
            "events.jsonl",
            lambda text: [json.loads(row)["id"] for row in text.splitlines()],
            SINCE_2025,
        ),
        ("events.md", markdown_ids, SINCE_2025),
        ("events.ics", ics_uids, SINCE_2025),
        ("events.geojson", geojson_ids, [*SINCE_2025, "place:pokrovsk"]),  # and the place named
        ("events.html", html_ids, SINCE_2025),
        (
            "events.txt",
            table_rows,
            [
                "Date ID Event Category Places Status Sources",
                "Jan 2025 month-event Mine work stops economic Pokrovsk reported Example Wire +1",
                "20 Nov 2025 ≈ approx-event Roughly late November political ⚑ claimed; claimed by"
                " Ministry Ministry Bulletin",
                "1 Dec 2025 claimed-capture Capture claimed military Pokrovsk ⚠ disputed; claimed"
                " by Ministry Ministry Bulletin",
            ],
        ),
    ],
)
def test_the_extension_picks_the_format(runner, tmp_path, name, read, expected):
    path = tmp_path / name
    result = run(runner, "timeline", *DATA, "--since", "2025", "--output", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert read(path.read_bytes().decode("utf-8")) == expected
    assert "\x1b" not in path.read_text(encoding="utf-8")  # a file is never a screen


def test_format_beats_the_extension(runner, tmp_path):
    path = tmp_path / "events.txt"
    assert run(runner, "timeline", *DATA, "-f", "json", "-o", str(path)).exit_code == 0
    document = json.loads(path.read_text())
    assert document["schema_version"] == 5
    assert [event["id"] for event in document["events"]] == SMALL_IN_ORDER


def test_an_unknown_extension_needs_a_format(runner, tmp_path):
    result = run(runner, "timeline", "-o", str(tmp_path / "events.xyz"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: cannot tell the format from {str(tmp_path / 'events.xyz')!r}",
        "hint: give --format, or use one of: .txt (table), .csv (csv), .tsv (tsv), .tab (tsv),"
        " .json (json), .jsonl (jsonl), .ndjson (jsonl), .md (markdown), .markdown (markdown),"
        " .ics (ics), .geojson (geojson), .yaml (yaml), .yml (yaml), .html (html), .htm (html),"
        " .db (sqlite), .sqlite (sqlite), .sqlite3 (sqlite)",
    ]
    assert list(tmp_path.iterdir()) == []


def test_dash_means_stdout(runner):
    result = run(runner, "timeline", *DATA, "--since", "2025", "-f", "csv", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("id,date,")
    assert [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))] == SINCE_2025


def test_an_existing_file_is_kept_unless_forced(runner, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("precious\n")
    result = run(runner, "timeline", "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: {str(path)!r} already exists",
        "hint: add --force to replace it",
    ]
    assert path.read_text() == "precious\n"
    assert run(runner, "timeline", *DATA, "-o", str(path), "--force").exit_code == 0
    assert path.read_text().startswith("id,date,")
    assert [row["id"] for row in csv.DictReader(io.StringIO(path.read_text()))] == SMALL_IN_ORDER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_a_missing_folder_is_a_clear_error(runner, tmp_path):
    result = run(runner, "timeline", "-o", str(tmp_path / "no" / "events.csv"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: no folder {str(tmp_path / 'no')!r}",
        "hint: create it first",
    ]


def test_no_events_writes_no_file(runner, tmp_path):
    path = tmp_path / "events.csv"
    result = run(runner, "timeline", "--since", "2030", "-o", str(path))
    assert result.exit_code == 1 and not path.exists()
    assert result.stderr.splitlines() == [
        "pokrovsk: error: no events match: the data ends on 19 Mar 2026, before 2030",
        "hint: the curators last checked the news then; see 'pokrovsk about'",
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_the_old_file_and_no_temporary(tmp_path, small, monkeypatch):
    import pokrovsk_cli.output.write as output

    path = tmp_path / "events.csv"
    path.write_text("old and good\n")

    def failing_writer(listing, stream, options):
        stream.write("half a file")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(output, "get_writer", lambda name, kind: failing_writer)
    listing = Listing("events", small.events, small)
    with pytest.raises(RuntimeError, match="^disk on fire$"):
        emit(listing, "csv", str(path), force=True, options=OutputOptions())
    assert path.read_text() == "old and good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_the_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_file(tmp_path / "out.txt", force=False) as stream:
            stream.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


def test_a_folder_is_not_a_file(tmp_path):
    said = f"^--output: {re.escape(repr(str(tmp_path)))} is a folder$"
    with pytest.raises(UsageError, match=said) as info:
        with atomic_file(tmp_path, force=True):
            pass
    assert info.value.hint == "give a file name"


@pytest.mark.parametrize(
    ("command", "ids", "expected"),
    [
        (
            ["places"],
            lambda d: sorted(p["id"] for p in d["places"]),
            sorted(p["id"] for p in RAW["places"]),
        ),
        (
            ["sources"],
            lambda d: sorted(s["id"] for s in d["sources"]),
            sorted(s["id"] for s in RAW["sources"]),
        ),
        (["fact"], lambda d: [f["id"] for f in d["facts"]], [f["id"] for f in RAW["facts"]]),
        (["show", "avdiivka-falls"], lambda d: d["event"]["id"], "avdiivka-falls"),
    ],
)
def test_other_commands_write_files_too(runner, tmp_path, command, ids, expected):
    path = tmp_path / "out.json"
    result = run(runner, *command, "-o", str(path))
    assert result.exit_code == 0, result.output
    document = json.loads(path.read_text())
    assert document["schema_version"] == 5
    assert ids(document) == expected

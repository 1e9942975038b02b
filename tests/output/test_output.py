"""--output: atomic files, no clobbering, formats from extensions, '-' for stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.errors import UsageError
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.write import atomic_file, emit


def run(runner, *args):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("events.csv", lambda text: next(csv.reader(io.StringIO(text)))[0] == "id"),
        ("events.tsv", lambda text: text.startswith("id\tdate\t")),
        ("events.json", lambda text: "events" in json.loads(text)),
        ("events.jsonl", lambda text: json.loads(text.splitlines()[0])["id"]),
        ("events.md", lambda text: text.startswith("| id | date |")),
        ("events.ics", lambda text: text.startswith("BEGIN:VCALENDAR\r\n")),
        ("events.geojson", lambda text: json.loads(text)["type"] == "FeatureCollection"),
        ("events.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("events.txt", lambda text: text.startswith("Date ")),
    ],
)
def test_the_extension_picks_the_format(runner, tmp_path, name, check):
    path = tmp_path / name
    result = run(runner, "timeline", "--since", "2025", "--output", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert check(path.read_bytes().decode("utf-8"))
    assert "\x1b" not in path.read_text(encoding="utf-8")  # a file is never a screen


def test_format_beats_the_extension(runner, tmp_path):
    path = tmp_path / "events.txt"
    assert run(runner, "timeline", "-f", "json", "-o", str(path)).exit_code == 0
    assert json.loads(path.read_text())["schema_version"] == 1


def test_an_unknown_extension_needs_a_format(runner, tmp_path):
    result = run(runner, "timeline", "-o", str(tmp_path / "events.xyz"))
    assert result.exit_code == 2
    assert "cannot tell the format from" in result.stderr and ".csv (csv)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_dash_means_stdout(runner):
    result = run(runner, "timeline", "--since", "2026", "-f", "csv", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("id,date,")


def test_an_existing_file_is_kept_unless_forced(runner, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("precious\n")
    result = run(runner, "timeline", "-o", str(path))
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert path.read_text() == "precious\n"
    assert run(runner, "timeline", "-o", str(path), "--force").exit_code == 0
    assert path.read_text().startswith("id,date,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_a_missing_folder_is_a_clear_error(runner, tmp_path):
    result = run(runner, "timeline", "-o", str(tmp_path / "no" / "events.csv"))
    assert result.exit_code == 2 and "no folder" in result.stderr


def test_no_events_writes_no_file(runner, tmp_path):
    path = tmp_path / "events.csv"
    result = run(runner, "timeline", "--since", "2030", "-o", str(path))
    assert result.exit_code == 1 and not path.exists()
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
    with pytest.raises(RuntimeError):
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
    with pytest.raises(UsageError, match="is a folder"):
        with atomic_file(tmp_path, force=True):
            pass


@pytest.mark.parametrize("command", [["places"], ["sources"], ["fact"], ["show", "avdiivka-falls"]])
def test_other_commands_write_files_too(runner, tmp_path, command):
    path = tmp_path / "out.json"
    result = run(runner, *command, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text())["schema_version"] == 1

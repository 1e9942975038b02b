"""The command line through Typer's runner: every option, both machine formats, every error."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from pokrovsk_cli import __version__
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.errors import NotFoundError
from pokrovsk_cli.output.columns import EVENT_COLUMNS
from tests.conftest import (
    BUNDLED_FILE,
    HOSTILE,
    HOSTILE_TEXT,
    SMALL,
    SMALL_IN_ORDER,
    serve,
    with_hostile_text,
)

DATA = ["--no-bundled", "--data", str(SMALL)]


def run(runner, *args, catch=True):
    return runner.invoke(app, list(args), catch_exceptions=catch)


def csv_rows(result):
    text = result.stdout_bytes.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], SMALL_IN_ORDER),
        (["--since", "2025"], ["month-event", "approx-event", "claimed-capture"]),
        (["--since", "Feb 2024", "--until", "2024"], ["day-event", "mid-year"]),
        (["--until", "17 February 2024"], ["year-event", "day-event"]),
        (["--on", "2024-07"], ["mid-year"]),
        (["--category", "economic", "--category", "HISTORY"], ["year-event", "month-event"]),
        (["--tag", "mine"], ["month-event"]),
        (["--place", "Dimitrov"], ["day-event"]),
        (["--place", "krasnoarmeysk", "--since", "2025"], ["month-event", "claimed-capture"]),
        (["--status", "disputed", "--status", "claimed"], ["approx-event", "claimed-capture"]),
        (["--search", "SPAN"], ["mid-year"]),
        (["--limit", "1"], ["year-event"]),
        (["--reverse", "--limit", "2"], ["claimed-capture", "approx-event"]),
    ],
)
def test_timeline_options(runner, args, expected):
    result = run(runner, "timeline", *DATA, *args, "--format", "csv", catch=False)
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in csv_rows(result)] == expected
    assert result.stderr == ""


def test_csv_is_rfc4180_with_stable_columns(runner, small):
    result = run(runner, "timeline", *DATA, "-f", "csv", catch=False)
    raw = result.stdout_bytes.decode("utf-8")
    assert raw.split("\r\n")[0] == ",".join(EVENT_COLUMNS)
    assert raw.endswith("\r\n")
    rows = csv_rows(result)
    by_id = {row["id"]: row for row in rows}
    day = by_id["day-event"]
    assert day["summary"] == 'An exact day, with a comma, and "quotes".'
    assert day["tags"] == "fall;town"
    assert (day["date"], day["date_start"], day["date_end"]) == ("2024-02-17",) * 3
    month = by_id["month-event"]
    assert (month["date"], month["date_start"], month["date_end"]) == (
        "2025-01",
        "2025-01-01",
        "2025-01-31",
    )
    assert month["precision"] == "month" and month["sources"] == "src-a;src-b"
    for event in small.events:
        row = by_id[event.id]
        assert (row["title"], row["status"], row["category"]) == (
            event.title,
            event.status.value,
            event.category.value,
        )
        assert row["claimed_by"] == ";".join(event.claimed_by)


def test_json_is_one_document_with_the_same_fields(runner, small):
    result = run(runner, "timeline", *DATA, "--format", "json", catch=False)
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    events = document["events"]
    assert [e["id"] for e in events][0] == "year-event"
    assert set(events[0]) == set(EVENT_COLUMNS)
    mid = next(e for e in events if e["id"] == "mid-year")
    assert mid["date"] == "2024-06/2024-08" and mid["date_end"] == "2024-08-31"
    assert mid["note"] == "One source says it began earlier."
    disputed = next(e for e in events if e["id"] == "claimed-capture")
    # Actors are referred to by id in machine output; tables show their names.
    assert disputed["claimed_by"] == ["ministry"] and disputed["denied_by"] == ["general-staff"]
    cited = {s["id"] for s in document["sources"]}
    assert cited == {s for e in small.events for s in e.sources}


def test_bundled_timeline_since_2024(runner, bundled):
    result = run(runner, "timeline", "--since", "2024", "-f", "json", catch=False)
    assert result.exit_code == 0
    events = json.loads(result.stdout)["events"]
    expected = [e for e in bundled.events if e.date.last.year >= 2024]
    assert len(events) == len(expected) > 40
    assert all(e["date_end"] >= "2024-01-01" for e in events)
    assert [e["date_start"] for e in events] == sorted(e["date_start"] for e in events)


def test_piped_table_has_no_colour_or_boxes(runner):
    result = run(runner, "timeline", *DATA, catch=False)
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out
    assert not set("─│┃━┏┗╭╰") & set(out)
    assert "17 Feb 2024" in out and "mid-2024" in out and "Jan 2025" in out
    assert "⚠ disputed; claimed by Ministry" in out
    lines = out.splitlines()
    assert lines[0].split() == ["Date", "ID", "Event", "Category", "Places", "Status", "Sources"]
    assert all(line == line.rstrip() for line in lines)


def test_show_prints_everything(runner):
    result = run(runner, "show", "day-event", *DATA, catch=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in [
        "A day in February 2024",
        "17 Feb 2024",
        "day precision",
        "Myrnohrad (Dymytrov, Dimitrov)",
        "“We held” — A commander",
        "Example Wire",
        "https://example.org/a",
        "confirmed",
    ]:
        assert expected in out


def test_show_disputed_names_both_sides(runner):
    out = run(runner, "show", "claimed-capture", *DATA, catch=False).stdout
    assert "claimed by Ministry" in out and "denied by General Staff" in out


def test_show_json(runner):
    result = run(runner, "show", "month-event", *DATA, "-f", "json", catch=False)
    event = json.loads(result.stdout)["event"]
    assert [s["url"] for s in event["sources"]] == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert event["places"][0]["other_names"][0] == "Покровськ"


def test_show_unknown_id_suggests(runner):
    result = run(runner, "show", "capture", *DATA)
    assert result.exit_code == 1
    assert result.stdout == ""
    error, hint = result.stderr.splitlines()
    assert error == "pokrovsk: error: no event with id 'capture'"
    assert hint.startswith("hint: closest ids: claimed-capture")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["timeline", "--since", "garbage"],
            2,
            "Invalid value for '--since': 'garbage' is not a date",
        ),
        (["timeline", "--until", "31 Fbr"], 2, "Invalid value for '--until'"),
        (
            ["timeline", "--since", "2025", "--until", "2024"],
            2,
            "--since 2025 is later than --until 2024",
        ),
        (["timeline", "--limit", "0"], 2, "Invalid value for '--limit'"),
        (["timeline", "--format", "xml"], 2, "Invalid value for '--format'"),
        (["timeline", "--category", "sports"], 2, "Invalid value for '--category'"),
        (["timeline", "--place", "Atlantis"], 2, "--place: no place called 'Atlantis'"),
        (["timeline", "--bogus"], 2, "No such option: --bogus"),
        (["timeline", "--search", "zzzz-nothing"], 1, "no events match these filters"),
        (
            ["timeline", "--no-bundled", "--data", "/nonexistent/data.yaml"],
            1,
            "/nonexistent/data.yaml: no such file",
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "bad-date.yaml")],
            1,
            "bad-date.yaml:19:11: bad date",
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "not-yaml.yaml")],
            1,
            "not-yaml.yaml:21:12: not valid YAML",
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "duplicate-id.yaml")],
            1,
            "duplicate event id",
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "unknown-source.yaml")],
            1,
            "unknown source 'src-b'",
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "wrong-type.yaml")],
            1,
            "must be a list of text",
        ),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(runner, args, code, message):
    result = run(runner, *args)
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("pokrovsk: error: ")
    assert message in lines[0]
    assert len(lines) <= 2 and all(line.startswith("hint: ") for line in lines[1:])
    assert "Traceback" not in result.output


def test_bad_date_lists_accepted_forms(runner):
    result = run(runner, "timeline", "--since", "yesteryear")
    assert "accepted forms: 2024, 2024-02, 2024-02-17" in result.stderr


def test_empty_machine_output_is_still_parseable(runner):
    result = run(runner, "timeline", *DATA, "--search", "zzz", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["events"] == []
    result = run(runner, "timeline", *DATA, "--search", "zzz", "-f", "csv")
    assert result.exit_code == 1
    assert csv_rows(result) == []


def test_debug_shows_the_traceback(runner):
    result = run(runner, "--debug", "timeline", "--no-bundled", "--data", "/nonexistent.yaml")
    assert result.exit_code == 1
    assert result.exception is not None and "no such file" in str(result.exception)


def test_version(runner):
    result = run(runner, "--version", catch=False)
    assert result.exit_code == 0
    # The bundled data's own dataset block, read without our loader.
    info = yaml.safe_load(BUNDLED_FILE.read_text(encoding="utf-8"))["dataset"]
    as_of = info["curated_through"]
    expected = f"pokrovsk {__version__}, data {info['version']}, as of {as_of.day} {as_of:%b %Y}"
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("command", [[], ["timeline"], ["show"]])
def test_help_has_examples(runner, command):
    result = run(runner, *command, "--help", catch=False)
    assert result.exit_code == 0
    assert "pokrovsk" in result.stdout
    if command:
        assert "Examples" in result.stdout


def test_no_arguments_prints_help(runner):
    result = run(runner)
    assert result.exit_code == 0
    assert "timeline" in result.stdout and "show" in result.stdout


def test_debug_does_not_stick_to_later_runs(runner):
    with pytest.raises(NotFoundError):  # --debug lets our error through, with its traceback
        run(runner, "--debug", "show", "no-such-event", *DATA, catch=False)
    result = run(runner, "show", "no-such-event", *DATA)
    assert result.exit_code == 1
    assert result.stderr.startswith("pokrovsk: error: no event with id 'no-such-event'")


@pytest.fixture
def hostile_data(monkeypatch, small):
    serve(monkeypatch, with_hostile_text(small, HOSTILE_TEXT))


def test_a_data_file_with_escapes_is_refused_where_they_stand(runner, tmp_path):
    path = tmp_path / "hostile.yaml"
    text = SMALL.read_text(encoding="utf-8").replace(
        "title: A day in February 2024", f"title: {json.dumps(HOSTILE_TEXT)}"
    )
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(json.dumps(HOSTILE_TEXT))].count("\n") + 1  # column 12: the value
    result = run(runner, "timeline", "--no-bundled", "--data", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"pokrovsk: error: {path}:{line}:12: 'title' holds a control or bidi-override character"
        " (\\x1b)"
    )
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("command", [["timeline"], ["show", "day-event"]])
def test_markup_and_escapes_are_printed_literally(runner, hostile_data, command):
    result = run(runner, *command, catch=False)
    out = result.stdout
    assert "[bold red]BOOM[/]" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred" in out


def test_json_escapes_control_characters(runner, hostile_data):
    result = run(runner, "timeline", "-f", "json", catch=False)
    assert "\x1b" not in result.stdout
    titles = [e["title"] for e in json.loads(result.stdout)["events"]]
    assert HOSTILE_TEXT in titles  # the data itself is kept exactly

"""The command line through Typer's runner: every option, both machine formats, every error."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from pokrovsk_cli import __version__
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.errors import NotFoundError
from pokrovsk_cli.output.columns import EVENT_COLUMNS
from tests.conftest import (
    HOSTILE,
    HOSTILE_TEXT,
    SMALL,
    SMALL_IN_ORDER,
    bundled_raw,
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


def test_csv_is_rfc4180_with_stable_columns(runner):
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
    # small.yaml's events as the file writes them.
    expected = {
        "year-event": ("Something during 2023", "reported", "history", ""),
        "day-event": ("A day in February 2024", "confirmed", "military", ""),
        "month-event": ("Mine work stops", "reported", "economic", ""),
        "mid-year": ("Summer offensive", "reported", "military", ""),
        "claimed-capture": ("Capture claimed", "disputed", "military", "ministry"),
        "approx-event": ("Roughly late November", "claimed", "political", "ministry"),
    }
    assert {
        ident: (row["title"], row["status"], row["category"], row["claimed_by"])
        for ident, row in by_id.items()
    } == expected


def test_json_is_one_document_with_the_same_fields(runner):
    result = run(runner, "timeline", *DATA, "--format", "json", catch=False)
    document = json.loads(result.stdout)
    assert document["schema_version"] == 5
    events = document["events"]
    assert [e["id"] for e in events] == SMALL_IN_ORDER
    assert set(events[0]) == set(EVENT_COLUMNS)
    mid = next(e for e in events if e["id"] == "mid-year")
    assert mid["date"] == "2024-06/2024-08" and mid["date_end"] == "2024-08-31"
    assert mid["note"] == "One source says it began earlier."
    disputed = next(e for e in events if e["id"] == "claimed-capture")
    # Actors are referred to by id in machine output; tables show their names.
    assert disputed["claimed_by"] == ["ministry"] and disputed["denied_by"] == ["general-staff"]
    assert [s["id"] for s in document["sources"]] == ["src-a", "src-b"]  # both are cited


def last_year(date: str) -> int:
    """The year a date as written in a data file ends in: 2024, 2024-02-17~, 2023/2024-08."""
    return int(date.split("/")[-1][:4])


def test_bundled_timeline_since_2024(runner):
    result = run(runner, "timeline", "--since", "2024", "-f", "json", catch=False)
    assert result.exit_code == 0
    events = json.loads(result.stdout)["events"]
    # The bundled file's own events that end in 2024 or later, read without our loader.
    raw = bundled_raw()["events"]
    expected = [e["id"] for e in raw if last_year(str(e["date"])) >= 2024]
    assert sorted(e["id"] for e in events) == sorted(expected) and len(expected) > 40
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
    assert result.stdout.splitlines() == [  # every field small.yaml gives day-event
        "A day in February 2024",
        "id        day-event",
        "date      17 Feb 2024   (day precision; data: 2024-02-17)",
        "category  military",
        "tags      fall, town",
        "status    ✓ confirmed",
        "places    Myrnohrad (Dymytrov, Dimitrov) · 48.2911, 37.2681",
        'summary   An exact day, with a comma, and "quotes".',
        "quote     “We held” — A commander",
        'sources   1. Example Wire — Town falls, "officials" say; 3,000 left (17 Feb 2024)',
        "             https://example.org/a",
        f"dataset   {SMALL}",
    ]


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
    assert [(p["id"], p["other_names"]) for p in event["places"]] == [
        ("pokrovsk", ["Покровськ", "Krasnoarmeysk", "Krasnoarmiisk"])
    ]


def test_show_unknown_id_suggests(runner):
    result = run(runner, "show", "capture", *DATA)
    assert result.exit_code == 1
    assert result.stdout == ""
    error, hint = result.stderr.splitlines()
    assert error == "pokrovsk: error: no event with id 'capture'"
    assert hint == "hint: closest ids: claimed-capture, approx-event"


ACCEPTED = (
    "accepted forms: 2024, 2024-02, 2024-02-17, 'Feb 2024', '17 February 2024', 'today',"
    " 'yesterday', '7 days ago', 'last week', 'last month', 'this year'"
)
SEE_HELP = "hint: see 'pokrovsk timeline --help'"
DATA_HINT = "hint: use YYYY, YYYY-MM, YYYY-MM-DD, optionally ending in ~ or ?, or an interval A/B"


@pytest.mark.parametrize(
    ("args", "code", "lines"),
    [
        (
            ["timeline", "--since", "garbage"],
            2,
            [f"Invalid value for '--since': 'garbage' is not a date; {ACCEPTED}", SEE_HELP],
        ),
        (
            ["timeline", "--until", "31 Fbr"],
            2,
            [f"Invalid value for '--until': '31 Fbr' is not a date; {ACCEPTED}", SEE_HELP],
        ),
        (
            ["timeline", "--since", "2025", "--until", "2024"],
            2,
            ["--since 2025 is later than --until 2024", "hint: swap the two dates"],
        ),
        (
            ["timeline", "--limit", "0"],
            2,
            ["Invalid value for '--limit': 0 is not in the range x>=1.", SEE_HELP],
        ),
        (
            ["timeline", "--format", "xml"],
            2,
            [
                "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'csv', 'tsv',"
                " 'json', 'jsonl', 'markdown', 'ics', 'geojson', 'timelinejs', 'yaml', 'html',"
                " 'sqlite'.",
                SEE_HELP,
            ],
        ),
        (
            ["timeline", "--category", "sports"],
            2,
            [
                "Invalid value for '--category': 'sports' is not one of 'history', 'military',"
                " 'civilian', 'economic', 'political'.",
                SEE_HELP,
            ],
        ),
        (
            ["timeline", "--place", "Atlantis"],
            2,
            ["--place: no place called 'Atlantis'", "hint: run 'pokrovsk places' to list them"],
        ),
        (  # a typo gets the place meant (small.yaml's myrnohrad), not the list
            ["timeline", *DATA, "--place", "Myrnohrd"],
            2,
            ["--place: no place called 'Myrnohrd'", "hint: did you mean: myrnohrad?"],
        ),
        (  # Click's own message, with its own guess at the option meant
            ["timeline", "--bogus"],
            2,
            ["No such option: --bogus (Possible options: --columns)", SEE_HELP],
        ),
        (
            ["timeline", "--search", "zzzz-nothing"],
            1,
            ["no events match these filters", "hint: try fewer or wider filters"],
        ),
        (
            ["timeline", "--no-bundled", "--data", "/nonexistent/data.yaml"],
            1,
            [
                "/nonexistent/data.yaml: no such file",
                "hint: check the path given to --data or POKROVSK_DATA",
            ],
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "bad-date.yaml")],
            1,
            [
                f"{HOSTILE / 'bad-date.yaml'}:19:11: bad date in 'date': '2024-13-45' is not a"
                " real calendar date (month must be in 1..12)",
                DATA_HINT,
            ],
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "not-yaml.yaml")],
            1,
            [
                f"{HOSTILE / 'not-yaml.yaml'}:21:12: not valid YAML: did not find expected ','"
                " or ']'"
            ],
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "duplicate-id.yaml")],
            1,
            [
                f"{HOSTILE / 'duplicate-id.yaml'}:25:9: duplicate event id 'same' (first defined"
                " on line 18)"
            ],
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "unknown-source.yaml")],
            1,
            [
                f"{HOSTILE / 'unknown-source.yaml'}:24:14: event cites unknown source 'src-b' in"
                " 'sources'",
                "hint: did you mean 'src-a'?",
            ],
        ),
        (
            ["timeline", "--no-bundled", "--data", str(HOSTILE / "wrong-type.yaml")],
            1,
            [
                f"{HOSTILE / 'wrong-type.yaml'}:23:13: 'places' must be a list of text, not a"
                " mapping"
            ],
        ),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(runner, args, code, lines):
    result = run(runner, *args)
    assert result.exit_code == code, result.output
    error, *hint = lines
    assert result.stderr.splitlines() == [f"pokrovsk: error: {error}", *hint]
    assert result.stdout == ""


def test_bad_date_lists_accepted_forms(runner):
    result = run(runner, "timeline", "--since", "yesteryear")
    assert result.stderr.splitlines() == [
        "pokrovsk: error: Invalid value for '--since': 'yesteryear' is not a date; accepted forms:"
        " 2024, 2024-02, 2024-02-17, 'Feb 2024', '17 February 2024', 'today',"
        " 'yesterday', '7 days ago', 'last week', 'last month', 'this year'",
        "hint: see 'pokrovsk timeline --help'",
    ]


def test_empty_machine_output_is_still_parseable(runner):
    result = run(runner, "timeline", *DATA, "--search", "zzz", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["events"] == []
    result = run(runner, "timeline", *DATA, "--search", "zzz", "-f", "csv")
    assert result.exit_code == 1
    assert csv_rows(result) == []


def test_debug_shows_the_traceback():
    # As a user sees it: a real process, whose stderr gets Python's own report.
    argv = ["--debug", "timeline", "--no-bundled", "--data", "/nonexistent.yaml"]
    result = subprocess.run(
        [sys.executable, "-m", "pokrovsk_cli", *argv], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-1] == "pokrovsk_cli.errors.DataError: /nonexistent.yaml: no such file"
    assert not any(line.startswith("pokrovsk: error:") for line in lines)  # not the short form


def test_version(runner):
    result = run(runner, "--version", catch=False)
    assert result.exit_code == 0
    # The bundled data's own dataset block, read without our loader.
    info = bundled_raw()["dataset"]
    as_of = info["curated_through"]
    expected = f"pokrovsk {__version__}, data {info['version']}, as of {as_of.day} {as_of:%b %Y}"
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("command", "usage", "examples"),
    [
        (
            [],
            "Usage: pokrovsk [OPTIONS] COMMAND [ARGS]...",
            [  # the epilog, wrapped at 100 columns
                "Examples: pokrovsk timeline --since 2024 · pokrovsk fact prewar population ·"
                " pokrovsk show",
                "avdiivka-falls",
            ],
        ),
        (
            ["timeline"],
            "Usage: pokrovsk timeline [OPTIONS]",
            [
                "Examples:",
                "pokrovsk timeline --since 2024",
                'pokrovsk timeline --since "Oct 2025" --status disputed',
                "pokrovsk timeline --place Krasnoarmeysk --search evacuation",
                "pokrovsk timeline --since 2025 --format csv > events.csv",
                "pokrovsk timeline --output pokrovsk.ics",
                "pokrovsk timeline -f csv --columns date,id,title --excel -o events.csv",
            ],
        ),
        (
            ["show"],
            "Usage: pokrovsk show [OPTIONS] ",  # then the argument, as Typer spells it
            [
                "Examples:",
                "pokrovsk show avdiivka-falls",
                "pokrovsk show avdiivka-falls --format json",
            ],
        ),
    ],
)
def test_help_has_examples(runner, command, usage, examples):
    result = run(runner, *command, "--help", catch=False)
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert (lines[0] + " ").startswith(usage), lines[0]
    at = lines.index(examples[0])
    assert lines[at : at + len(examples)] == examples


def test_no_arguments_prints_help(runner):
    result = run(runner)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].strip() == "Usage: pokrovsk [OPTIONS] COMMAND [ARGS]..."
    box = lines[lines.index(next(li for li in lines if "─ Commands ─" in li)) + 1 :]
    rows = box[: next(n for n, line in enumerate(box) if line.startswith("╰"))]
    assert [row.split()[1] for row in rows] == [
        "timeline", "latest", "show", "fact", "cite", "changes", "places", "sources", "actors",
        "about", "chart", "validate", "schema", "new",
    ]  # fmt: skip


def test_no_arguments_prints_the_help_once(runner):
    result = run(runner)
    assert result.exit_code == 0
    assert result.stdout.count("Usage: pokrovsk [OPTIONS] COMMAND [ARGS]...") == 1


def test_debug_does_not_stick_to_later_runs(runner):
    # --debug lets our error through, with its traceback
    with pytest.raises(NotFoundError, match="^no event with id 'no-such-event'$"):
        run(runner, "--debug", "show", "no-such-event", *DATA, catch=False)
    result = run(runner, "show", "no-such-event", *DATA)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "pokrovsk: error: no event with id 'no-such-event'",
        "hint: closest ids: month-event, approx-event, day-event",
    ]


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
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {path}:{line}:12: 'title' holds a control or bidi-override character"
        " (\\x1b)",
        "hint: remove it: data text must be plain, and only summary, note and answer may span"
        " lines",
    ]
    assert "\x1b" not in result.stderr


# HOSTILE_TEXT as a person must see it: the markup literal, every escape spelled out.
INERT = r"[bold red]BOOM[/] \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07"


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["timeline"], f"17 Feb 2024   day-event       {INERT} military"),
        (["show", "day-event"], f"{INERT}\nid        day-event\n"),
    ],
)
def test_markup_and_escapes_are_printed_literally(runner, hostile_data, command, shown):
    result = run(runner, *command, catch=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[bold red]BOOM[/]" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[31mred" in out
    assert shown in out, out


def test_json_escapes_control_characters(runner, hostile_data):
    result = run(runner, "timeline", "-f", "json", catch=False)
    assert "\x1b" not in result.stdout
    titles = {e["id"]: e["title"] for e in json.loads(result.stdout)["events"]}
    assert titles["day-event"] == HOSTILE_TEXT  # the data itself is kept exactly

"""`pokrovsk latest [N]`: the newest events, how many days ago each was, every timeline filter."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from pokrovsk_cli.answers.latest import Recent, ago_text
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.columns import EVENT_COLUMNS
from tests.conftest import SMALL

DATA = ["--no-bundled", "--data", str(SMALL)]
NEWEST_FIRST = ["claimed-capture", "approx-event", "month-event", "mid-year", "day-event"]


def run(runner, *args):
    return runner.invoke(app, ["latest", *args], catch_exceptions=False)


def csv_rows(result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result.stdout_bytes.decode(), newline="")))


def test_default_is_the_ten_newest_newest_first(runner):
    result = run(runner, *DATA, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert [row["id"] for row in csv_rows(result)] == [*NEWEST_FIRST, "year-event"]  # all 6


def test_n_and_the_timeline_filters_apply(runner):
    assert [r["id"] for r in csv_rows(run(runner, "2", *DATA, "-f", "csv"))] == NEWEST_FIRST[:2]
    by_status = run(runner, *DATA, "--status", "reported", "-f", "csv")
    assert [r["id"] for r in csv_rows(by_status)] == ["month-event", "mid-year", "year-event"]
    by_place = run(runner, "1", *DATA, "--place", "Krasnoarmeysk", "-f", "csv")
    assert [r["id"] for r in csv_rows(by_place)] == ["claimed-capture"]
    until = run(runner, *DATA, "--until", "2024", "-f", "csv")
    assert [r["id"] for r in csv_rows(until)] == ["mid-year", "day-event", "year-event"]


def test_days_ago_count_from_today_to_each_end_of_the_span(runner):
    today = date.today()
    rows = {r["id"]: r for r in csv_rows(run(runner, *DATA, "-f", "csv"))}
    assert list(rows["claimed-capture"])[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
    day = (today - date(2025, 12, 1)).days
    assert (
        rows["claimed-capture"]["days_since_end"],
        rows["claimed-capture"]["days_since_start"],
    ) == (
        str(day),
        str(day),
    )
    # Known to the month (January 2025): since 31 January, and since 1 January.
    month = rows["month-event"]
    assert month["days_since_end"] == str((today - date(2025, 1, 31)).days)
    assert month["days_since_start"] == str((today - date(2025, 1, 1)).days)


def test_json_carries_today_and_the_data_as_of_date(runner):
    document = json.loads(run(runner, "2", *DATA, "-f", "json").stdout)
    assert document["today"] == date.today().isoformat()
    assert document["schema_version"] == 5
    assert [e["id"] for e in document["events"]] == NEWEST_FIRST[:2]
    assert [s["id"] for s in document["sources"]] == ["src-b"]
    assert document["events"][1]["days_since_end"] == (date.today() - date(2025, 11, 20)).days


def test_the_table_says_how_long_ago_and_how_current_the_data_is():
    from pokrovsk_cli.answers.latest import recent
    from pokrovsk_cli.data.load import load_dataset
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing
    from pokrovsk_cli.output.terminal.events import write_latest_table

    dataset = load_dataset([SMALL], bundled=False)
    newest = [e for e in dataset.events if e.id in ("claimed-capture", "month-event")][::-1]
    stream = io.StringIO()
    latest = recent(newest, date(2026, 12, 2))
    options = OutputOptions(terminal=True, width=80, color=False)
    write_latest_table(Listing("latest", latest, dataset), stream, options)
    lines = [line.rstrip() for line in stream.getvalue().splitlines()]
    # At 80 columns the days ago go under the date, leaving the status room.
    assert lines[0].split() == ["Date", "Event", "Places", "Status"]
    assert lines[2].split()[:5] == ["1", "Dec", "2025", "Capture", "claimed"]
    assert lines[3].split()[:3] == ["366", "days", "ago"]
    assert lines[6].startswith("670–700 days ago  month-event")
    assert "2 most recent event(s), newest first · today 2 Dec 2026" in lines
    assert "data as of: not stated" in lines


def test_nothing_matching_exits_1_and_json_stays_a_document(runner):
    result = runner.invoke(app, ["latest", *DATA, "--since", "2099"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("pokrovsk: error: no events match these filters")
    empty = runner.invoke(app, ["latest", *DATA, "--since", "2099", "-f", "json"])
    assert empty.exit_code == 1 and json.loads(empty.stdout)["events"] == []


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("0", "Invalid value for '[N]': 0 is not in the range x>=1."),
        ("five", "Invalid value for '[N]': 'five' is not a valid int range."),
    ],
)
def test_a_count_that_is_no_count_is_a_usage_error(runner, word, message):
    result = runner.invoke(app, ["latest", word, *DATA])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {message}",
        "hint: see 'pokrovsk latest --help'",
    ]


def _row(first: date, last: date, today: date) -> Recent:
    from pokrovsk_cli.answers.latest import recent
    from pokrovsk_cli.data.model import Category, DateSpan, Event, Precision, Status

    span = DateSpan("x", first, last, Precision.DAY, interval=first != last)
    event = Event("e", span, "t", "s", Category.MILITARY, (), (), (), Status.REPORTED, (), (), ())
    return recent([event], today).rows[0]


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (date(2026, 12, 2), date(2026, 12, 2), "today"),
        (date(2026, 12, 1), date(2026, 12, 1), "1 day ago"),
        (date(2023, 1, 1), date(2023, 1, 1), "1,431 days ago"),
        (date(2026, 11, 1), date(2026, 11, 30), "2–31 days ago"),
        (date(2026, 11, 1), date(2026, 12, 31), "ongoing"),
        (date(2027, 1, 1), date(2027, 1, 1), "to come"),
    ],
)
def test_the_ago_cell(first, last, text):
    assert ago_text(_row(first, last, date(2026, 12, 2))) == text


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "markdown"])
def test_the_other_row_formats_read_back_to_the_same_events(runner, fmt):
    from tests.output.test_formats import markdown_cells

    text = run(runner, "3", *DATA, "-f", fmt).stdout
    if fmt == "tsv":
        found = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    elif fmt == "jsonl":
        found = [json.loads(line) for line in text.splitlines()]
    else:
        header, *body = markdown_cells(text)
        found = [dict(zip(header, row, strict=True)) for row in body]
    assert [r["id"] for r in found] == NEWEST_FIRST[:3]
    day = (date.today() - date(2025, 12, 1)).days
    assert str(found[0]["days_since_end"]) == str(day)

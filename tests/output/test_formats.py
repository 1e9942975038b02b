"""Every export format, read back by the tool that format belongs to, with nothing lost.

Each format round-trips the whole bundled dataset and the awkward fixture (separators, quotes,
newlines, formulas, Cyrillic, markup) through its real consumer: Python's csv module and
DuckDB, json and jq, markdown-it-py, icalendar, geojson, an HTML parser and headless Chromium.

No expected value here comes from the code under test. The awkward and small fixtures' records
are written out by hand below; the bundled dataset's come from data/events.yaml as PyYAML reads
it (what the curators wrote), with the days a date spans worked out here from its text
(`span_of`) and spot-checked against literal days. The small fixture's exact bytes, in every
format, are in test_golden.py.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
import yaml

from pokrovsk_cli.cli.app import app
from tests.conftest import BUNDLED_FILE, FIXTURES, SMALL

AWKWARD = FIXTURES / "datasets" / "awkward.yaml"
AWKWARD_DATA = ["--no-bundled", "--data", str(AWKWARD)]
SMALL_DATA = ["--no-bundled", "--data", str(SMALL)]

# The contract of README "Machine output", written out: columns are only ever appended.
EVENT_COLUMNS = [
    "id",
    "date",
    "date_start",
    "date_end",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "category",
    "tags",
    "places",
    "actors",
    "status",
    "claimed_by",
    "denied_by",
    "sources",
    "quote",
    "quote_by",
    "note",
    "dataset",
    "assessed_by",
    "added",  # schema 3
    "updated",
    "corrections",
    "aliases",  # schema 4
    "fatalities",  # schema 5
]
PLACE_COLUMNS = [
    "id",
    "name",
    "other_names",
    "kind",
    "oblast",
    "country",
    "lat",
    "lon",
    "distance_km",
    "bearing_deg",
    "compass",
    "sources",
    "dataset",
    "added",
    "updated",
]
SOURCE_COLUMNS = [
    "id",
    "publisher",
    "title",
    "url",
    "published",
    "events",
    "facts",
    "places",
    "dataset",
    "copy_url",
    "added",
    "updated",
]
FACT_COLUMNS = [
    "id",
    "question",
    "aliases",
    "answer",
    "value",
    "unit",
    "as_of",
    "status",
    "attributed_to",
    "sources",
    "note",
    "dataset",
    "low",
    "high",
    "added",
    "updated",
    "corrections",
]
ACTOR_COLUMNS = [
    "id",
    "name",
    "other_names",
    "side",
    "kind",
    "events",
    "claims",
    "denials",
    "assessments",
    "note",
    "dataset",
]
COLUMNS = {
    "places": PLACE_COLUMNS,
    "sources": SOURCE_COLUMNS,
    "fact": FACT_COLUMNS,
    "actors": ACTOR_COLUMNS,
}


def event_row(id, date, date_start, date_end, precision, title, summary, category, status, **rest):
    """One event's record as the README defines it, with the defaults of a sparse entry."""
    record = {
        "id": id,
        "date": date,
        "date_start": date_start,
        "date_end": date_end,
        "precision": precision,
        "approximate": False,
        "uncertain": False,
        "title": title,
        "summary": summary,
        "category": category,
        "tags": [],
        "places": [],
        "actors": [],
        "status": status,
        "claimed_by": [],
        "denied_by": [],
        "sources": [],
        "quote": None,
        "quote_by": None,
        "note": None,
        "dataset": str(AWKWARD),
        "assessed_by": [],
        "added": None,  # awkward.yaml, a user's file, gives no curation dates
        "updated": None,
        "corrections": [],
        "aliases": [],
        "fatalities": None,
    }
    assert set(rest) <= set(record), rest
    record.update(rest)
    return record


# awkward.yaml by hand, in date order.
AWKWARD_EVENTS = [
    event_row(
        "year-only",
        "2023",
        "2023-01-01",
        "2023-12-31",
        "year",
        "A whole year",
        "Stored as a year.",
        "history",
        "reported",
        sources=["src-a"],
    ),
    event_row(
        "formula-title",
        "2024-02",
        "2024-02-01",
        "2024-02-29",  # a leap year
        "month",
        '=HYPERLINK("http://evil","click") | pipe',
        'Line one, with a comma.\nLine two: "quoted" | piped\ttabbed <b>bold</b> *star* _under_'
        " [link](x) \\ back",
        "military",
        "claimed",
        tags=["-minus", "+plus"],
        places=["pokrovsk", "myrnohrad"],
        claimed_by=["minus-side", "at-side"],
        sources=["src-a"],
        note="Мирноград — Покровськ",
    ),
    event_row(
        "approximate-span",
        "2024-06~/2024-08",
        "2024-06-01",
        "2024-08-31",
        "month",
        "Summer, roughly",
        "An approximate interval.",
        "civilian",
        "confirmed",
        approximate=True,
        places=["myrnohrad"],
        sources=["src-a"],
    ),
]
AWKWARD_SOURCE = {
    "id": "src-a",
    "publisher": 'Wire | "Quoted", Inc.',
    "title": "Title, with comma; and 'quotes'",
    "url": "https://example.org/a?x=1&y=<2>",
    "published": "2024-02",
    "copy_url": None,
    "added": None,
    "updated": None,
}


# --- what data/events.yaml itself says -------------------------------------------------------


def read_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


BUNDLED_RAW = read_yaml(BUNDLED_FILE)


def _point(text: str, *, last: bool) -> tuple[date, str]:
    parts = [int(part) for part in text.rstrip("~?").split("-")]
    if len(parts) == 1:
        return (date(parts[0], 12, 31) if last else date(parts[0], 1, 1)), "year"
    if len(parts) == 2:
        year, month = parts
        day = calendar.monthrange(year, month)[1] if last else 1
        return date(year, month, day), "month"
    return date(*parts), "day"


def span_of(text: str) -> tuple[str, str, str]:
    """(first day, last day, precision) of a date in the data's EDTF subset (README "The
    data"): a year is its whole year, a month its whole month, an interval the coarser end."""
    start, _, end = text.partition("/")
    first, start_precision = _point(start, last=False)
    last, end_precision = _point(end or start, last=True)
    coarser = max(start_precision, end_precision, key=["day", "month", "year"].index)
    return first.isoformat(), last.isoformat(), coarser


def test_span_of_reads_the_data_the_way_the_readme_says():
    # The helper above is the oracle for the bundled data, so it is checked too.
    assert span_of("2024-02-17") == ("2024-02-17", "2024-02-17", "day")
    assert span_of("2024-02") == ("2024-02-01", "2024-02-29", "month")
    assert span_of("2023") == ("2023-01-01", "2023-12-31", "year")
    assert span_of("2024-06~/2024-08") == ("2024-06-01", "2024-08-31", "month")
    assert span_of("1875/1884-05") == ("1875-01-01", "1884-05-31", "year")
    assert span_of("2025-11-30/2025-12-02") == ("2025-11-30", "2025-12-02", "day")


def text(value) -> str | None:
    """A YAML scalar as the text the data means (PyYAML reads 2024-02-17 as a date)."""
    return None if value is None else str(value)


def bundled_event(raw: dict) -> dict:
    """One event of data/events.yaml as its record must read."""
    when = text(raw["date"])
    first, last, precision = span_of(when)
    quote = raw.get("quote") or {}
    return {
        "id": raw["id"],
        "date": when,
        "date_start": first,
        "date_end": last,
        "precision": precision,
        "approximate": "~" in when,
        "uncertain": "?" in when,
        "title": raw["title"],
        "summary": raw["summary"],
        "category": raw["category"],
        "tags": raw.get("tags", []),
        "places": raw.get("places", []),
        "actors": raw.get("actors", []),
        "status": raw["status"],
        "claimed_by": raw.get("claimed_by", []),
        "denied_by": raw.get("denied_by", []),
        "sources": raw["sources"],
        "quote": quote.get("text"),
        "quote_by": quote.get("by"),
        "note": raw.get("note"),
        "dataset": "bundled",
        "assessed_by": raw.get("assessed_by", []),
        "added": text(raw["added"]),
        "updated": text(raw.get("updated")),
        "corrections": [c["id"] for c in BUNDLED_RAW["corrections"] if c["entry"] == raw["id"]],
        "aliases": raw.get("aliases", []),
        "fatalities": raw.get("fatalities"),
    }


BUNDLED_EVENTS = [bundled_event(raw) for raw in BUNDLED_RAW["events"]]


def cell(value, separator: str = ";") -> str:
    """A record's value as one CSV/TSV/Markdown cell (README: lists joined with ';')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return separator.join(value)
    return str(value)


def cells(record: dict, separator: str = ";") -> dict[str, str]:
    return {column: cell(value, separator) for column, value in record.items()}


@pytest.fixture(params=["bundled", "awkward"])
def dataset(request):
    """(the command's data options, the records it must give back, whether their order is
    known here). The bundled order is checked as a property: days never go backwards."""
    if request.param == "bundled":
        return [], BUNDLED_EVENTS, False
    return AWKWARD_DATA, AWKWARD_EVENTS, True


def assert_same_records(actual: list[dict], expected: list[dict], ordered: bool) -> None:
    if ordered:
        assert actual == expected
        return
    assert len(actual) == len(expected)  # nothing doubled or lost
    assert sorted(actual, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    starts = [record["date_start"] for record in actual]
    assert starts == sorted(starts)


def export(runner, *args) -> bytes:
    result = runner.invoke(app, ["timeline", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


# --- csv and tsv ------------------------------------------------------------------------------


def table_records(rows: list[list[str]], columns: list[str]) -> list[dict[str, str]]:
    assert rows[0] == columns
    return [dict(zip(columns, row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_round_trip_through_the_csv_module(runner, dataset, fmt, delimiter):
    args, expected, ordered = dataset
    raw = export(runner, *args, "-f", fmt).decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))
    actual = table_records(rows, EVENT_COLUMNS)
    assert_same_records(actual, [cells(r) for r in expected], ordered)


# Literal days, worked out by hand from the data: the oracle above is not the only check.
SPOT_CHECKS = {
    "bundled": {
        "avdiivka-falls": ("2024-02-17", "2024-02-17", "2024-02-17", "day"),
        "russia-claims-capture": ("2025-11-30/2025-12-02", "2025-11-30", "2025-12-02", "day"),
        "grishino-station-founded": ("1875/1884-05", "1875-01-01", "1884-05-31", "year"),
        "offensive-begins-mid-2024": ("2024-06/2024-08", "2024-06-01", "2024-08-31", "month"),
    },
    "awkward": {
        "formula-title": ("2024-02", "2024-02-01", "2024-02-29", "month"),
        "approximate-span": ("2024-06~/2024-08", "2024-06-01", "2024-08-31", "month"),
        "year-only": ("2023", "2023-01-01", "2023-12-31", "year"),
    },
}


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_round_trip_through_duckdb(runner, tmp_path, dataset, fmt, delimiter):
    duckdb = pytest.importorskip("duckdb")
    args, expected, ordered = dataset
    path = tmp_path / f"events.{fmt}"
    path.write_bytes(export(runner, *args, "-f", fmt))
    relation = duckdb.read_csv(
        str(path), delimiter=delimiter, header=True, all_varchar=True, quotechar='"'
    )
    assert relation.columns == EVENT_COLUMNS
    actual = [
        dict(zip(EVENT_COLUMNS, [value or "" for value in row], strict=True))
        for row in relation.fetchall()
    ]
    assert_same_records(actual, [cells(r) for r in expected], ordered)
    spots = SPOT_CHECKS["awkward" if args else "bundled"]
    query = (
        "SELECT id, date, date_start, date_end, precision FROM read_csv(?, delim = ?,"
        " header = true, all_varchar = true, quote = '\"') WHERE list_contains(?, id) ORDER BY id"
    )
    found = duckdb.execute(query, [str(path), delimiter, sorted(spots)]).fetchall()
    assert found == [(key, *spots[key]) for key in sorted(spots)]


def test_columns_pick_and_order(runner):
    raw = export(runner, "-f", "csv", "--columns", "title, id,date").decode()
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert rows[0] == ["title", "id", "date"]
    assert ["Avdiivka falls; Ukrainian troops withdraw", "avdiivka-falls", "2024-02-17"] in rows
    assert len(rows) == len(BUNDLED_EVENTS) + 1


def test_an_unknown_column_is_a_usage_error_listing_the_valid_ones(runner):
    result = runner.invoke(app, ["timeline", "-f", "csv", "--columns", "id,colour"])
    assert result.exit_code == 2
    assert "pokrovsk: error: --columns: no column 'colour'" in result.stderr
    assert f"valid columns: {', '.join(EVENT_COLUMNS)}" in result.stderr
    assert result.stdout == ""


def test_no_header(runner):
    raw = export(runner, "-f", "tsv", "--no-header", "--columns", "id", "--limit", "2").decode()
    assert raw == "grishino-station-founded\nsoviet-renamings\n"


def test_excel_writes_a_bom_and_defuses_formulas(runner):
    raw = export(runner, *AWKWARD_DATA, "-f", "csv", "--excel")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[1].startswith(b'"year-only","2023","2023-01-01"')  # all quoted
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    row = dict(zip(rows[0], rows[2], strict=True))
    assert row["id"] == "formula-title"
    assert row["title"] == '\'=HYPERLINK("http://evil","click") | pipe'
    assert row["tags"] == "'-minus;+plus"  # the cell starts with '-', so quoted
    assert row["summary"] == AWKWARD_EVENTS[1]["summary"]  # ordinary text is untouched
    assert row["date_end"] == "2024-02-29"


def test_without_excel_the_bytes_are_exact(runner):
    raw = export(runner, *AWKWARD_DATA, "-f", "csv")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b'"=HYPERLINK(""http://evil"",""click"") | pipe"' in raw
    assert b",'" not in raw  # no formula guard without --excel


@pytest.mark.parametrize("option", [["--excel"], ["--no-header"], ["--columns", "id"]])
def test_table_options_are_refused_where_they_do_not_apply(runner, option):
    result = runner.invoke(app, ["timeline", "-f", "ics", *option])
    assert result.exit_code == 2
    assert f"{option[0]} does not apply to --format ics" in result.stderr
    assert result.stdout == ""


# --- json and jsonl -----------------------------------------------------------------------------


def test_json_round_trips(runner, dataset):
    args, expected, ordered = dataset
    document = json.loads(export(runner, *args, "-f", "json"))
    assert list(document) == ["schema_version", "data_as_of", "data_version", "events", "sources"]
    assert document["schema_version"] == 5
    for record in document["events"]:
        assert list(record) == EVENT_COLUMNS
    assert_same_records(document["events"], expected, ordered)
    if args:
        assert (document["data_as_of"], document["data_version"]) == (None, None)
        assert document["sources"] == [AWKWARD_SOURCE]
        return
    header = BUNDLED_RAW["dataset"]
    assert document["data_as_of"] == text(header["curated_through"])
    assert document["data_version"] == header["version"]
    cited = {source for event in BUNDLED_EVENTS for source in event["sources"]}
    raw_sources = {source["id"]: source for source in BUNDLED_RAW["sources"]}
    assert sorted(source["id"] for source in document["sources"]) == sorted(cited)
    for source in document["sources"]:
        raw = raw_sources[source["id"]]
        assert (source["publisher"], source["title"]) == (raw["publisher"], raw["title"])
        assert source["published"] == text(raw.get("published"))


def test_jsonl_round_trips_one_record_a_line(runner, dataset):
    args, expected, ordered = dataset
    lines = export(runner, *args, "-f", "jsonl").decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    for record in records:
        assert list(record) == EVENT_COLUMNS
    assert_same_records(records, expected, ordered)


JQ = shutil.which("jq")


@pytest.mark.skipif(JQ is None, reason="jq is not installed (Debian: apt-get install jq)")
@pytest.mark.parametrize(
    ("fmt", "program"),
    [("json", "[.events[] | .summary]"), ("jsonl", "[inputs | .summary]")],
)
def test_jq_reads_json_and_jsonl(runner, fmt, program):
    raw = export(runner, *AWKWARD_DATA, "-f", fmt)
    flags = ["-n"] if fmt == "jsonl" else []
    result = subprocess.run([JQ, *flags, "-c", program], input=raw, capture_output=True, check=True)
    assert json.loads(result.stdout) == [
        "Stored as a year.",
        'Line one, with a comma.\nLine two: "quoted" | piped\ttabbed <b>bold</b> *star* _under_'
        " [link](x) \\ back",
        "An approximate interval.",
    ]


# --- markdown -------------------------------------------------------------------------------


def markdown_cells(text: str) -> list[list[str]]:
    """The cells of the first table as markdown-it-py reads them (GitHub-style tables)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows, row, cell = [], None, None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            cell = []
        elif token.type == "inline" and cell is not None:
            for child in token.children:
                if child.type == "html_inline" and child.content == "<br>":
                    cell.append("\n")
                else:
                    cell.append(child.content)
        elif token.type in ("th_close", "td_close"):
            row.append("".join(cell))
            cell = None
        elif token.type == "tr_close":
            rows.append(row)
    return rows


def test_markdown_is_a_table_a_markdown_reader_gives_back_exactly(runner, dataset):
    args, expected, ordered = dataset
    text = export(runner, *args, "-f", "markdown").decode("utf-8")
    actual = table_records(markdown_cells(text), EVENT_COLUMNS)
    assert_same_records(actual, [cells(r) for r in expected], ordered)


# --- ics ------------------------------------------------------------------------------------------


def is_year_only(when: str) -> bool:
    """Known only to a year at either end: such an event is not a calendar day."""
    return any(re.fullmatch(r"\d{4}[~?]?", part) for part in when.split("/"))


def test_ics_is_parsed_by_icalendar(runner, dataset):
    icalendar = pytest.importorskip("icalendar")
    args, expected, ordered = dataset
    raw = export(runner, *args, "-f", "ics")
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    vevents = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    actual = [
        {
            "id": str(vevent["UID"]),
            "title": str(vevent["SUMMARY"]),
            "date_start": vevent.decoded("DTSTART").isoformat(),
            "dtend": vevent.decoded("DTEND").isoformat(),
            "description": str(vevent["DESCRIPTION"]),
        }
        for vevent in vevents
    ]
    # Events known only to a year are left out: an all-day event a year long helps nobody.
    in_calendar = [record for record in expected if not is_year_only(record["date"])]
    summaries = {f"{r['id']}@pokrovsk-cli": r["summary"] for r in in_calendar}
    wanted = [
        {
            "id": f"{record['id']}@pokrovsk-cli",
            "title": record["title"],
            "date_start": record["date_start"],
            # DTEND is the day after the last (RFC 5545 3.6.1, all-day events)
            "dtend": (date.fromisoformat(record["date_end"]) + timedelta(days=1)).isoformat(),
        }
        for record in in_calendar
    ]
    for event in actual:  # the description starts with the event's own summary
        description = event.pop("description")
        assert description.startswith(summaries.get(event["id"], "?") + "\nStatus: ")
    assert_same_records(actual, wanted, ordered)
    if not args:  # literal days, by hand: 30 Nov to 2 Dec ends on the morning of 3 Dec
        capture = next(e for e in actual if e["id"] == "russia-claims-capture@pokrovsk-cli")
        assert (capture["date_start"], capture["dtend"]) == ("2025-11-30", "2025-12-03")


def test_ics_month_and_year_events_span_their_precision(runner):
    icalendar = pytest.importorskip("icalendar")
    raw = export(runner, *AWKWARD_DATA, "-f", "ics")
    by_uid = {str(v["UID"]): v for v in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    assert sorted(by_uid) == ["approximate-span@pokrovsk-cli", "formula-title@pokrovsk-cli"]
    month = by_uid["formula-title@pokrovsk-cli"]
    assert (month.decoded("DTSTART").isoformat(), month.decoded("DTEND").isoformat()) == (
        "2024-02-01",
        "2024-03-01",
    )
    span = by_uid["approximate-span@pokrovsk-cli"]
    assert (span.decoded("DTSTART").isoformat(), span.decoded("DTEND").isoformat()) == (
        "2024-06-01",
        "2024-09-01",
    )
    assert "year-only@pokrovsk-cli" not in by_uid  # dated only to 2023: not a calendar day
    description = str(icalendar.Calendar.from_ical(raw)["X-WR-CALDESC"])
    assert description.endswith(" - 1 event(s) dated only to a year are left out")
    assert str(month["URL"]) == "https://example.org/a?x=1&y=<2>"
    assert str(month["STATUS"]) == "TENTATIVE"
    assert str(span["STATUS"]) == "CONFIRMED"


def test_ics_uids_are_stable_between_runs(runner, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = export(runner, "-f", "ics")
    assert first == export(runner, "-f", "ics")
    assert b"\r\nDTSTAMP:20231114T221320Z\r\n" in first  # 1700000000 s after the epoch


# --- geojson --------------------------------------------------------------------------------------

# Where each awkward event is drawn: at its first place with coordinates, as [lon, lat].
AWKWARD_POINTS = {
    "year-only": None,
    "formula-title": [37.1828, 48.2828],  # Pokrovsk
    "approximate-span": [37.2681, 48.2911],  # Myrnohrad
}


def bundled_points() -> dict:
    places = {place["id"]: place for place in BUNDLED_RAW["places"]}
    points = {}
    for event in BUNDLED_EVENTS:
        located = [places[p] for p in event["places"] if places[p].get("lat") is not None]
        points[event["id"]] = [located[0]["lon"], located[0]["lat"]] if located else None
    return points


def test_geojson_is_valid_and_lon_lat(runner, dataset):
    geojson = pytest.importorskip("geojson")
    args, expected, ordered = dataset
    collection = geojson.loads(export(runner, *args, "-f", "geojson").decode("utf-8"))
    assert collection.is_valid, collection.errors()
    events = [f for f in collection["features"] if f["properties"]["feature"] == "event"]
    points = AWKWARD_POINTS if args else bundled_points()
    for feature in events:
        coordinates = feature["geometry"]["coordinates"] if feature["geometry"] else None
        assert coordinates == points[feature["id"]], feature["id"]
        assert feature["id"] == feature["properties"]["id"]
        assert list(feature["properties"]) == ["feature", *EVENT_COLUMNS]
    properties = [{k: v for k, v in f["properties"].items() if k != "feature"} for f in events]
    assert_same_records(properties, expected, ordered)
    places = {f["id"] for f in collection["features"] if f["properties"]["feature"] == "place"}
    assert places == {f"place:{p}" for r in expected for p in r["places"]}


def test_places_geojson(runner):
    geojson = pytest.importorskip("geojson")
    result = runner.invoke(app, ["places", "-f", "geojson"], catch_exceptions=False)
    collection = geojson.loads(result.stdout)
    assert collection.is_valid
    names = {f["properties"]["name"]: f for f in collection["features"]}
    assert sorted(names) == sorted(place["name"] for place in BUNDLED_RAW["places"])
    kramatorsk = names["Kramatorsk"]
    assert kramatorsk["geometry"]["coordinates"] == [37.5839, 48.7392]
    assert list(kramatorsk["properties"]) == ["feature", *PLACE_COLUMNS]
    # 58.72 km at 30.06 degrees from Pokrovsk by a haversine worked out apart from the tool.
    found = {k: kramatorsk["properties"][k] for k in ("distance_km", "bearing_deg", "compass")}
    assert found == {"distance_km": 58.7, "bearing_deg": 30, "compass": "NNE"}


# --- timelinejs ----------------------------------------------------------------------------


def timelinejs_date(part: str) -> dict[str, int]:
    numbers = [int(n) for n in part.rstrip("~?").split("-")]
    return dict(zip(("year", "month", "day"), numbers, strict=False))


def test_timelinejs_dates_keep_their_precision(runner, dataset):
    args, expected, _ = dataset
    document = json.loads(export(runner, *args, "-f", "timelinejs"))
    assert document["title"]["text"]["headline"] == "The battle for Pokrovsk"
    slides = {s["unique_id"]: s for s in document["events"]}
    assert len(slides) == len(document["events"]) == len(expected)
    assert sorted(slides) == sorted(r["id"] for r in expected)
    for record in expected:
        slide = slides[record["id"]]
        start, _, end = record["date"].partition("/")
        assert slide["start_date"] == timelinejs_date(start), record["id"]
        assert slide.get("end_date") == (timelinejs_date(end) if end else None), record["id"]
        assert slide["group"] == record["category"]
    if args:
        assert slides["year-only"]["start_date"] == {"year": 2023}
        assert slides["formula-title"]["start_date"] == {"year": 2024, "month": 2}
        assert slides["approximate-span"]["end_date"] == {"year": 2024, "month": 8}
        assert [slides[i]["display_date"] for i in ("year-only", "formula-title")] == [
            "2023",
            "Feb 2024",
        ]
        headline = slides["formula-title"]["text"]["headline"]
        assert headline == "=HYPERLINK(&quot;http://evil&quot;,&quot;click&quot;) | pipe"
        body = slides["formula-title"]["text"]["text"]
        assert "<b>" not in body and "&lt;b&gt;bold&lt;/b&gt;" in body  # data HTML is escaped
        assert "<em>Status: claimed; claimed by -Minus side, @At side</em>" in body


# --- html ---------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.links, self.rows = [], [], [], []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def test_html_escapes_data_and_fetches_nothing(runner):
    page = export(runner, *AWKWARD_DATA, "-f", "html").decode("utf-8")
    parsed = _Page()
    parsed.feed(page)
    text = "".join(parsed.text)
    for record in AWKWARD_EVENTS:
        assert record["title"] in text and record["summary"] in text
    assert "b" not in parsed.tags and "script" not in parsed.tags  # <b> in data stays text
    assert not {"img", "link", "iframe"} & set(parsed.tags)
    assert "default-src 'none'" in page and 'name="viewport"' in page
    assert set(parsed.links) == {"https://example.org/a?x=1&y=<2>"}  # escaped, read back whole
    assert "Мирноград" in text


def test_html_for_every_bundled_event(runner):
    page = export(runner, "-f", "html").decode("utf-8")
    articles = re.findall(r'<article id="([^"]+)">', page)
    assert sorted(articles) == sorted(event["id"] for event in BUNDLED_EVENTS)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_html_renders_in_headless_chromium(runner, tmp_path):
    page = tmp_path / "timeline.html"
    page.write_bytes(export(runner, "-f", "html"))
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=390,844",  # a phone
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5_000


# --- the registry ------------------------------------------------------------------------------

EVENT_FORMATS = [
    "table",
    "csv",
    "tsv",
    "json",
    "jsonl",
    "markdown",
    "ics",
    "geojson",
    "timelinejs",
    "yaml",
    "html",
    "sqlite",
]


def test_every_format_writes_events_and_help_lists_them(runner):
    from pokrovsk_cli.output.formats import FORMATS, formats_for

    assert formats_for("events") == EVENT_FORMATS
    assert list(FORMATS) == [*EVENT_FORMATS, "atom", "text", "csl-json", "bibtex", "ris"]
    result = runner.invoke(app, ["timeline", "--help"], env={"COLUMNS": "200"})
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("│ --format")]
    # The choices exactly, in registry order ("json" alone would also match "jsonl").
    choices = "<table|csv|tsv|json|jsonl|markdown|ics|geojson|timelinejs|yaml|html|sqlite>"
    assert line.split()[1:4] == ["--format", "-f", choices]


# small.yaml's other listings, by hand (distance and bearing: 6.378 km at 81.65 degrees by a
# haversine worked out apart from the tool; 78.75-101.25 degrees is E).
SMALL_LISTINGS = {
    "places": [
        {
            "id": "pokrovsk",
            "name": "Pokrovsk",
            "other_names": ["Покровськ", "Krasnoarmeysk", "Krasnoarmiisk"],
            "kind": "city",
            "oblast": "Donetsk",
            "country": "Ukraine",
            "lat": 48.2828,
            "lon": 37.1828,
            "distance_km": None,
            "bearing_deg": None,
            "compass": None,
            "sources": ["src-a"],
            "dataset": str(SMALL),
            "added": None,
            "updated": None,
        },
        {
            "id": "myrnohrad",
            "name": "Myrnohrad",
            "other_names": ["Dymytrov", "Dimitrov"],
            "kind": "city",
            "oblast": "Donetsk",
            "country": "Ukraine",
            "lat": 48.2911,
            "lon": 37.2681,
            "distance_km": 6.4,
            "bearing_deg": 82,
            "compass": "E",
            "sources": ["src-a"],
            "dataset": str(SMALL),
            "added": None,
            "updated": None,
        },
    ],
    "sources": [
        {
            "id": "src-a",
            "publisher": "Example Wire",
            "title": 'Town falls, "officials" say; 3,000 left',
            "url": "https://example.org/a",
            "published": "2024-02-17",
            "events": 4,  # year-event, day-event, mid-year, month-event
            "facts": 1,
            "places": 2,
            "dataset": str(SMALL),
            "copy_url": None,
            "added": None,
            "updated": None,
        },
        {
            "id": "src-b",
            "publisher": "Ministry Bulletin",
            "title": "Claims of capture",
            "url": "https://example.org/b",
            "published": "2025-11",
            "events": 3,  # month-event, approx-event, claimed-capture
            "facts": 0,
            "places": 0,
            "dataset": str(SMALL),
            "copy_url": None,
            "added": None,
            "updated": None,
        },
    ],
    "fact": [
        {
            "id": "prewar-population",
            "question": "What was the prewar population?",
            "aliases": ["population before the war"],
            "answer": "About 60,000 people lived there before the war.",
            "value": 60000,
            "unit": "people",
            "as_of": "2022-01",
            "status": "reported",
            "attributed_to": "Example Wire",
            "sources": ["src-a"],
            "note": None,
            "dataset": str(SMALL),
            "low": None,
            "high": None,
            "added": None,
            "updated": None,
            "corrections": [],
        }
    ],
    "actors": [
        {
            "id": "ministry",
            "name": "Ministry",
            "other_names": [],
            "side": "russia",
            "kind": "government",
            "events": 2,  # claims approx-event and claimed-capture
            "claims": 2,
            "denials": 0,
            "assessments": 0,
            "note": None,
            "dataset": str(SMALL),
        },
        {
            "id": "general-staff",
            "name": "General Staff",
            "other_names": [],
            "side": "ukraine",
            "kind": "military",
            "events": 1,  # denies claimed-capture
            "claims": 0,
            "denials": 1,
            "assessments": 0,
            "note": None,
            "dataset": str(SMALL),
        },
        {
            "id": "monitor",
            "name": "A front-line monitor",
            "other_names": [],
            "side": "independent",
            "kind": "monitor",
            "events": 0,
            "claims": 0,
            "denials": 0,
            "assessments": 0,
            "note": None,
            "dataset": str(SMALL),
        },
    ],
}
JSON_KEYS = {"places": "places", "sources": "sources", "fact": "facts", "actors": "actors"}


def read_listing(fmt: str, raw: str, command: str) -> tuple[list, list]:
    """(records as read back by the format's consumer, what small.yaml says they hold)."""
    columns, expected = COLUMNS[command], SMALL_LISTINGS[command]
    if fmt in ("csv", "tsv"):
        rows = list(
            csv.reader(io.StringIO(raw, newline=""), delimiter="," if fmt == "csv" else "\t")
        )
        return table_records(rows, columns), [cells(r) for r in expected]
    if fmt == "markdown":
        return table_records(markdown_cells(raw), columns), [cells(r) for r in expected]
    if fmt == "html":
        page = _Page()
        page.feed(raw)
        return table_records(page.rows, columns), [cells(r, ", ") for r in expected]
    if fmt == "jsonl":
        return [json.loads(line) for line in raw.splitlines()], expected
    document = json.loads(raw)
    if command == "fact":
        for fact in document["facts"]:
            assert fact.pop("history") == []
    return document[JSON_KEYS[command]], expected


@pytest.mark.parametrize(
    ("fmt", "command"),
    [
        (fmt, command)
        for fmt in ["csv", "tsv", "json", "jsonl", "markdown", "html"]
        for command in ["places", "sources", "fact", "actors"]
        # Facts and places are cards in HTML, not table rows: tests/output/test_html.py reads them.
        if not (fmt == "html" and command in ("places", "fact"))
    ],
)
def test_list_formats_work_for_other_commands(runner, command, fmt):
    result = runner.invoke(app, [command, *SMALL_DATA, "-f", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    actual, expected = read_listing(fmt, result.stdout, command)
    assert actual == expected


@pytest.mark.parametrize("command", ["places", "sources", "fact", "actors"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_records_keep_the_column_order(runner, command, fmt):
    raw = runner.invoke(app, [command, *SMALL_DATA, "-f", fmt], catch_exceptions=False).stdout
    records, expected = read_listing(fmt, raw, command)
    assert [list(record) for record in records] == [COLUMNS[command]] * len(expected)


def test_a_format_that_makes_no_sense_is_refused(runner):
    result = runner.invoke(app, ["sources", "-f", "ics"])
    assert result.exit_code == 2
    assert result.stderr == (
        "pokrovsk: error: Invalid value for '--format' / '-f': 'ics' is not one of 'table',"
        " 'csv', 'tsv', 'json', 'jsonl', 'markdown', 'html'.\nhint: see 'pokrovsk sources --help'\n"
    )
    assert result.stdout == ""


NUMBERS = {"lat", "lon", "value", "low", "high"}  # the rest are text (a YAML 2023 is "2023")


# What data/events.yaml says of each place, source and fact (the columns the tool computes,
# distances and citation counts, are checked on small.yaml above and in test_golden.py).
def _verbatim(kind: str, raw: dict) -> dict:
    lists = {"places": ("other_names", "sources"), "sources": (), "facts": ("aliases", "sources")}
    fields = {
        "places": ("id", "name", "other_names", "kind", "oblast", "country", "lat", "lon"),
        "sources": ("id", "publisher", "title", "url", "published", "copy_url"),
        "facts": ("id", "question", "aliases", "answer", "value", "unit", "as_of")
        + ("attributed_to", "sources", "note", "low", "high"),
    }[kind]
    record = {}
    for field in fields:
        value = raw.get(field, [] if field in lists[kind] else None)
        record[field] = value if field in lists[kind] or field in NUMBERS else text(value)
    if kind == "facts":
        record["status"] = raw.get("status", "reported")
    record["dataset"] = "bundled"
    return record


@pytest.mark.parametrize(
    ("command", "kind"),
    [(["places"], "places"), (["sources"], "sources"), (["fact"], "facts")],
)
@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "markdown"])
def test_other_listings_round_trip_too(runner, command, kind, fmt):
    raw = runner.invoke(app, [*command, "-f", fmt], catch_exceptions=False).stdout
    columns = COLUMNS[command[0]]
    if fmt == "jsonl":
        records = [json.loads(line) for line in raw.splitlines()]
        assert [list(record) for record in records] == [columns] * len(records)
    elif fmt == "markdown":
        records = table_records(markdown_cells(raw), columns)
    else:
        delimiter = "," if fmt == "csv" else "\t"
        records = table_records(
            list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter)), columns
        )
    expected = [_verbatim(kind, item) for item in BUNDLED_RAW[kind]]
    if fmt != "jsonl":
        expected = [cells(record) for record in expected]
    actual = [{key: record[key] for key in expected[0]} for record in records]
    assert sorted(actual, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    assert len(actual) == len(expected)

"""Every export format, read back by the tool that format belongs to, with nothing lost.

Each format round-trips the whole bundled dataset and the awkward fixture (separators, quotes,
newlines, formulas, Cyrillic, markup) through its real consumer: Python's csv module and
DuckDB, json and jq, markdown-it-py, icalendar, geojson, an HTML parser and headless Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.columns import EVENT_COLUMNS, PLACE_COLUMNS
from pokrovsk_cli.output.files.text_formats import cell_text
from pokrovsk_cli.output.formats import FORMATS, formats_for
from pokrovsk_cli.output.records import event_record
from tests.conftest import FIXTURES

AWKWARD = FIXTURES / "datasets" / "awkward.yaml"


@pytest.fixture(scope="module")
def awkward():
    from pokrovsk_cli.data.load import load_dataset

    return load_dataset([AWKWARD], bundled=False)


@pytest.fixture(params=["bundled", "awkward"])
def dataset_and_args(request, bundled, awkward):
    if request.param == "bundled":
        return bundled, []
    return awkward, ["--no-bundled", "--data", str(AWKWARD)]


def export(runner, *args) -> bytes:
    result = runner.invoke(app, ["timeline", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def in_order(dataset):
    from pokrovsk_cli.answers.query import EventFilter, select_events

    return select_events(dataset.events, EventFilter(), dataset.places)


def expected_rows(dataset, columns=EVENT_COLUMNS):
    return [
        [cell_text(event_record(event)[column]) for column in columns]
        for event in in_order(dataset)
    ]


# --- csv and tsv ------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_round_trip_through_the_csv_module(runner, dataset_and_args, fmt, delimiter):
    dataset, args = dataset_and_args
    raw = export(runner, *args, "-f", fmt).decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))
    assert rows[0] == list(EVENT_COLUMNS)
    assert rows[1:] == expected_rows(dataset)


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_round_trip_through_duckdb(runner, tmp_path, dataset_and_args, fmt, delimiter):
    duckdb = pytest.importorskip("duckdb")
    dataset, args = dataset_and_args
    path = tmp_path / f"events.{fmt}"
    path.write_bytes(export(runner, *args, "-f", fmt))
    relation = duckdb.read_csv(
        str(path), delimiter=delimiter, header=True, all_varchar=True, quotechar='"'
    )
    assert relation.columns == list(EVENT_COLUMNS)
    rows = [[cell or "" for cell in row] for row in relation.fetchall()]
    assert rows == expected_rows(dataset)


def test_columns_pick_and_order(runner):
    raw = export(runner, "-f", "csv", "--columns", "title, id,date").decode()
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert rows[0] == ["title", "id", "date"]
    assert ["Avdiivka falls; Ukrainian troops withdraw", "avdiivka-falls", "2024-02-17"] in rows


def test_an_unknown_column_is_a_usage_error_listing_the_valid_ones(runner):
    result = runner.invoke(app, ["timeline", "-f", "csv", "--columns", "id,colour"])
    assert result.exit_code == 2
    assert "pokrovsk: error: --columns: no column 'colour'" in result.stderr
    assert "valid columns: id, date, date_start" in result.stderr
    assert result.stdout == ""


def test_no_header(runner):
    raw = export(runner, "-f", "tsv", "--no-header", "--columns", "id", "--limit", "2").decode()
    assert raw == "grishino-station-founded\nsoviet-renamings\n"


def test_excel_writes_a_bom_and_defuses_formulas(runner):
    raw = export(runner, "--no-bundled", "--data", str(AWKWARD), "-f", "csv", "--excel")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    row = dict(zip(rows[0], rows[2], strict=True))
    assert row["id"] == "formula-title"
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["tags"] == "'-minus;+plus"  # the cell starts with '-', so quoted
    assert row["summary"].startswith("Line one")  # ordinary text is untouched


def test_without_excel_the_bytes_are_exact(runner, awkward):
    raw = export(runner, "--no-bundled", "--data", str(AWKWARD), "-f", "csv")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b'"=HYPERLINK(""http://evil"",""click"") | pipe"' in raw


@pytest.mark.parametrize("option", [["--excel"], ["--no-header"], ["--columns", "id"]])
def test_table_options_are_refused_where_they_do_not_apply(runner, option):
    result = runner.invoke(app, ["timeline", "-f", "ics", *option])
    assert result.exit_code == 2
    assert "does not apply to --format ics" in result.stderr


# --- json and jsonl -----------------------------------------------------------------------------


def test_json_round_trips(runner, dataset_and_args):
    dataset, args = dataset_and_args
    document = json.loads(export(runner, *args, "-f", "json"))
    assert document["events"] == [event_record(e) for e in in_order(dataset)]


def test_jsonl_round_trips_one_record_a_line(runner, dataset_and_args):
    dataset, args = dataset_and_args
    lines = export(runner, *args, "-f", "jsonl").decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [event_record(e) for e in in_order(dataset)]


JQ = shutil.which("jq")


@pytest.mark.skipif(JQ is None, reason="jq is not installed (Debian: apt-get install jq)")
@pytest.mark.parametrize(
    ("fmt", "program"),
    [("json", "[.events[] | .summary]"), ("jsonl", "[inputs | .summary]")],
)
def test_jq_reads_json_and_jsonl(runner, awkward, fmt, program):
    raw = export(runner, "--no-bundled", "--data", str(AWKWARD), "-f", fmt)
    flags = ["-n"] if fmt == "jsonl" else []
    result = subprocess.run([JQ, *flags, "-c", program], input=raw, capture_output=True, check=True)
    assert json.loads(result.stdout) == [e.summary for e in in_order(awkward)]


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


def test_markdown_is_a_table_a_markdown_reader_gives_back_exactly(runner, dataset_and_args):
    dataset, args = dataset_and_args
    text = export(runner, *args, "-f", "markdown").decode("utf-8")
    rows = markdown_cells(text)
    assert rows[0] == list(EVENT_COLUMNS)
    assert rows[1:] == expected_rows(dataset)


# --- ics ------------------------------------------------------------------------------------------


def test_ics_is_parsed_by_icalendar(runner, dataset_and_args):
    icalendar = pytest.importorskip("icalendar")
    dataset, args = dataset_and_args
    raw = export(runner, *args, "-f", "ics")
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    vevents = calendar.walk("VEVENT")
    # Events known only to a year are left out: an all-day event a year long helps nobody.
    events = [event for event in in_order(dataset) if event.date.precision.value != "year"]
    assert len(vevents) == len(events)
    for vevent, event in zip(vevents, events, strict=True):
        assert str(vevent["UID"]) == f"{event.id}@pokrovsk-cli"
        assert str(vevent["SUMMARY"]) == event.title
        assert vevent.decoded("DTSTART") == event.date.first
        assert vevent.decoded("DTEND") == event.date.last + timedelta(days=1)
        assert event.summary in str(vevent["DESCRIPTION"])


def test_ics_month_and_year_events_span_their_precision(runner):
    icalendar = pytest.importorskip("icalendar")
    raw = export(runner, "--no-bundled", "--data", str(AWKWARD), "-f", "ics")
    by_uid = {str(v["UID"]): v for v in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
    month = by_uid["formula-title@pokrovsk-cli"]
    assert (month.decoded("DTSTART").isoformat(), month.decoded("DTEND").isoformat()) == (
        "2024-02-01",
        "2024-03-01",
    )
    assert "year-only@pokrovsk-cli" not in by_uid  # dated only to 2023: not a calendar day
    description = str(icalendar.Calendar.from_ical(raw)["X-WR-CALDESC"])
    assert description.endswith(" - 1 event(s) dated only to a year are left out")
    assert str(month["URL"]) == "https://example.org/a?x=1&y=<2>"
    assert str(month["STATUS"]) == "TENTATIVE"


def test_ics_uids_are_stable_between_runs(runner, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert export(runner, "-f", "ics") == export(runner, "-f", "ics")


# --- geojson --------------------------------------------------------------------------------------


def test_geojson_is_valid_and_lon_lat(runner, dataset_and_args):
    geojson = pytest.importorskip("geojson")
    dataset, args = dataset_and_args
    collection = geojson.loads(export(runner, *args, "-f", "geojson").decode("utf-8"))
    assert collection.is_valid, collection.errors()
    events = [f for f in collection["features"] if f["properties"]["feature"] == "event"]
    assert [f["id"] for f in events] == [e.id for e in in_order(dataset)]
    for feature, event in zip(events, in_order(dataset), strict=True):
        located = [dataset.places[p] for p in event.places if dataset.places[p].lat is not None]
        if located:  # the first place with coordinates
            assert feature["geometry"]["coordinates"] == [located[0].lon, located[0].lat]
        else:
            assert feature["geometry"] is None
        assert feature["properties"]["summary"] == event.summary
    places = {f["id"] for f in collection["features"] if f["properties"]["feature"] == "place"}
    assert places == {f"place:{p}" for e in dataset.events for p in e.places}


def test_places_geojson(runner, bundled):
    geojson = pytest.importorskip("geojson")
    result = runner.invoke(app, ["places", "-f", "geojson"], catch_exceptions=False)
    collection = geojson.loads(result.stdout)
    assert collection.is_valid
    names = {f["properties"]["name"]: f for f in collection["features"]}
    assert len(names) == len(bundled.places)
    assert names["Kramatorsk"]["geometry"]["coordinates"] == [37.5839, 48.7392]
    assert set(PLACE_COLUMNS) <= set(names["Kramatorsk"]["properties"])


# --- timelinejs ----------------------------------------------------------------------------


def test_timelinejs_dates_keep_their_precision(runner, dataset_and_args):
    dataset, args = dataset_and_args
    document = json.loads(export(runner, *args, "-f", "timelinejs"))
    slides = {s["unique_id"]: s for s in document["events"]}
    assert set(slides) == {e.id for e in dataset.events}
    assert document["title"]["text"]["headline"]
    for event in dataset.events:
        slide = slides[event.id]
        assert slide["start_date"]["year"] == event.date.first.year
        assert slide["group"] == event.category.value
        assert ("end_date" in slide) == event.date.interval
    if args:
        assert slides["year-only"]["start_date"] == {"year": 2023}
        assert slides["formula-title"]["start_date"] == {"year": 2024, "month": 2}
        assert slides["approximate-span"]["end_date"] == {"year": 2024, "month": 8}
        headline = slides["formula-title"]["text"]["headline"]
        assert headline == "=HYPERLINK(&quot;http://evil&quot;,&quot;click&quot;) | pipe"
        assert "<b>" not in slides["formula-title"]["text"]["text"]  # data HTML is escaped


# --- html ---------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_data_and_fetches_nothing(runner, awkward):
    page = export(runner, "--no-bundled", "--data", str(AWKWARD), "-f", "html").decode("utf-8")
    parsed = _Page()
    parsed.feed(page)
    text = "".join(parsed.text)
    for event in awkward.events:
        assert event.title in text and event.summary in text
    assert "b" not in parsed.tags and "script" not in parsed.tags  # <b> in data stays text
    assert not {"img", "link", "iframe"} & set(parsed.tags)
    assert "default-src 'none'" in page and 'name="viewport"' in page
    assert set(parsed.links) == {"https://example.org/a?x=1&y=<2>"}  # escaped, read back whole
    assert "Мирноград" in text


def test_html_for_every_bundled_event(runner, bundled):
    page = export(runner, "-f", "html").decode("utf-8")
    for event in bundled.events:
        assert f'<article id="{event.id}">' in page


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


def test_every_format_writes_events_and_help_lists_them(runner):
    assert formats_for("events") == list(FORMATS)
    result = runner.invoke(app, ["timeline", "--help"], env={"COLUMNS": "200"})
    for name in FORMATS:
        assert name in result.stdout


@pytest.mark.parametrize("command", ["places", "sources", "fact"])
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "markdown", "html"])
def test_list_formats_work_for_other_commands(runner, command, fmt):
    result = runner.invoke(app, [command, "-f", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout


def test_a_format_that_makes_no_sense_is_refused(runner):
    result = runner.invoke(app, ["sources", "-f", "ics"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("command", "kind"),
    [(["places"], "places"), (["sources"], "sources"), (["fact"], "facts")],
)
@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "markdown"])
def test_other_listings_round_trip_too(runner, bundled, command, kind, fmt):
    from pokrovsk_cli.answers.citations import count_citations
    from pokrovsk_cli.answers.geo import distances_from
    from pokrovsk_cli.output.records import Listing, tabulate

    items = {
        "places": lambda: distances_from(bundled.places["pokrovsk"], bundled.places.values()),
        "sources": lambda: count_citations(bundled),
        "facts": lambda: bundled.facts,
    }[kind]()
    columns, records = tabulate(Listing(kind, items, bundled))
    records = list(records)
    raw = runner.invoke(app, [*command, "-f", fmt], catch_exceptions=False).stdout
    if fmt == "jsonl":
        assert [json.loads(line) for line in raw.splitlines()] == records
        return
    expected = [list(columns)] + [[cell_text(r[c]) for c in columns] for r in records]
    if fmt == "markdown":
        assert markdown_cells(raw) == expected
    else:
        delimiter = "," if fmt == "csv" else "\t"
        assert list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter)) == expected

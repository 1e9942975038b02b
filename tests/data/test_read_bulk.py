"""Bulk event layers: CSV and JSON Lines in the export's own columns (read_bulk.py), ACLED CSV,
and the dispatch by file name (files.read_document). Every bad input gives `file:line:` (the
header's line for a column problem); an export of the tool loads back as the same events."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data import files
from pokrovsk_cli.data.files import BUNDLED, bundled_file, read_bytes, read_document, read_yaml
from pokrovsk_cli.data.layers import check_layers
from pokrovsk_cli.data.read_bulk import REQUIRED
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.output.columns import EVENT_COLUMNS
from tests.conftest import FIXTURES, SMALL

TODAY = date(2030, 1, 1)  # after every curation date
ACLED = FIXTURES / "acled"
ROOT = Path(__file__).resolve().parents[2]
# One good event citing the bundled data (a source, a place, actors), as a record of the export.
GOOD = {
    "id": "bulk-one",
    "date": "2024-02-17",
    "title": "A bulk event",
    "summary": "One row of a bulk layer.",
    "category": "military",
    "tags": ["bulk", "test"],
    "places": ["pokrovsk"],
    "status": "claimed",
    "claimed_by": ["ru-mod"],
    "sources": ["kyivindependent-2025-01-06"],
}


def csv_text(*records: dict, columns=EVENT_COLUMNS, ending: str = "\r\n") -> str:
    """An export with these records (GOOD with the given values), as `timeline -f csv` writes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=ending)
    writer.writerow(columns)
    for record in records:
        values = {**GOOD, **record}
        writer.writerow([cell(values.get(column)) for column in columns])
    return out.getvalue()


def cell(value) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def jsonl_text(*records: dict) -> str:
    return "".join(json.dumps({**GOOD, **record}) + "\n" for record in records)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def error_of(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    return caught.value


def checked_on_bundled(path: Path):
    """The file read by name and checked on top of the bundled data."""
    bundled = (bundled_file(), BUNDLED, read_yaml(bundled_file()))
    return check_layers([bundled, (str(path), str(path), read_document(path))], today=TODAY)


def without_dataset(events) -> dict:
    return {event.id: dataclasses.replace(event, dataset="-") for event in events}


# --- round trips: what the tool exports, it reads back ---------------------------------------


def export(runner, *args: str) -> bytes:
    result = runner.invoke(app, ["timeline", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def reference_layers(path: str) -> tuple[tuple[str, str, dict], set[str]]:
    """A data file's layer without its events, and the ids of those events."""
    doc = read_yaml(path)
    ids = {event["id"] for event in doc.pop("events")}
    return (path, "reference", doc), ids


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("csv", ".csv"), ("jsonl", ".jsonl"), ("csv", ".CSV"), ("jsonl", ".ndjson")]
)
def test_the_bundled_export_loads_back_as_the_same_events(runner, tmp_path, fmt, suffix):
    exported = write(tmp_path, f"events{suffix}", export(runner, "-f", fmt))
    original = check_layers([(bundled_file(), BUNDLED, read_yaml(bundled_file()))], today=TODAY)
    # The bundled sources, places, actors, facts and corrections, then the export's events.
    rest, ids = reference_layers(bundled_file())
    checked = check_layers(
        [rest, (str(exported), str(exported), read_document(exported))], today=TODAY
    )
    assert checked.problems == []
    assert len(ids) == len(checked.dataset.events) > 80
    assert without_dataset(checked.dataset.events) == without_dataset(original.dataset.events)
    assert {event.dataset for event in checked.dataset.events} == {str(exported)}
    assert any(event.aliases for event in checked.dataset.events)  # nothing was lost
    assert any(event.quote for event in checked.dataset.events)


def test_an_excel_export_loads_back_too(runner, tmp_path):
    raw = export(runner, "-f", "csv", "--excel")
    assert raw.startswith("\ufeff".encode())  # a byte order mark, every cell quoted
    exported = write(tmp_path, "excel.csv", raw)
    rest, _ = reference_layers(bundled_file())
    checked = check_layers(
        [rest, (str(exported), str(exported), read_document(exported))], today=TODAY
    )
    assert checked.problems == []
    original = check_layers([(bundled_file(), BUNDLED, read_yaml(bundled_file()))], today=TODAY)
    assert without_dataset(checked.dataset.events) == without_dataset(original.dataset.events)


def load_generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_thousand_generated_events_load_back(runner, tmp_path, fmt):
    generated = write(tmp_path, "generated.yaml", load_generator().generate(1000))
    exported = write(
        tmp_path,
        f"generated.{fmt}",
        export(runner, "--no-bundled", "--data", str(generated), "-f", fmt),
    )
    original = check_layers([(str(generated), "g", read_yaml(generated))], today=TODAY)
    rest, ids = reference_layers(str(generated))
    checked = check_layers(
        [rest, (str(exported), str(exported), read_document(exported))], today=TODAY
    )
    assert checked.problems == []
    assert len(checked.dataset.events) == len(ids) == 1000
    assert without_dataset(checked.dataset.events) == without_dataset(original.dataset.events)


def test_a_good_row_reads_as_the_fields_read_events_reads(tmp_path):
    path = write(
        tmp_path,
        "one.csv",
        csv_text(
            {
                "date": "2024-06/2024-08~",
                "date_start": "2024-06-01",
                "date_end": "2024-08-31",
                "precision": "month",
                "approximate": True,
                "uncertain": False,
                "quote": "We held",
                "quote_by": "A commander",
                "aliases": ["first alias", "second alias"],
                "dataset": "anything: ignored",
                "corrections": ["ignored-too"],
                "added": "2026-01-02",
            }
        ),
    )
    doc = read_document(path)
    (event,) = doc["events"]
    assert set(event) == set(GOOD) | {"quote", "aliases", "added", "date"}
    assert event["quote"] == {"text": "We held", "by": "A commander"}
    assert event["aliases"] == ["first alias", "second alias"]
    assert (event.line, doc["events"].positions) == (2, [(2, None)])
    checked = checked_on_bundled(path)
    assert checked.problems == []
    (read,) = [e for e in checked.dataset.events if e.id == "bulk-one"]
    assert read.dataset == str(path)  # the layer's own label, never the column
    assert read.date.approximate and read.date.interval


# --- file-level forms: empty, header only, byte order mark, line ends --------------------------


def test_a_zero_byte_csv_is_an_error_on_line_1(tmp_path):
    problem = error_of(write(tmp_path, "empty.csv", b""))
    assert (problem.line, "empty" in problem.problem) == (1, True)


def test_a_zero_byte_jsonl_file_holds_no_events(tmp_path):
    doc = read_document(write(tmp_path, "empty.jsonl", b""))
    assert doc["events"] == []
    assert check_layers([("empty.jsonl", "empty.jsonl", doc)], today=TODAY).problems == []


def test_a_header_only_csv_holds_no_events(tmp_path):
    path = write(tmp_path, "header.csv", csv_text())
    doc = read_document(path)
    assert doc["events"] == []
    assert checked_on_bundled(path).problems == []


@pytest.mark.parametrize("ending", ["\r\n", "\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_line_ends_and_a_byte_order_mark_read_the_same(tmp_path, ending, bom):
    text = bom + csv_text({"id": "one"}, {"id": "two", "summary": "Two lines:\nthe second."})
    path = write(tmp_path, "ends.csv", text.replace("\r\n", ending))
    events = read_document(path)["events"]
    assert [(e["id"], e.line) for e in events] == [("one", 2), ("two", 3)]
    assert events[1]["summary"] == "Two lines:\nthe second."
    assert checked_on_bundled(path).problems == []


def test_a_file_with_only_carriage_returns_reads_by_them(tmp_path):
    path = write(tmp_path, "mac.csv", csv_text({"id": "one"}, {"id": "two"}, ending="\r"))
    assert [(e["id"], e.line) for e in read_document(path)["events"]] == [("one", 2), ("two", 3)]


def test_a_windows_line_break_inside_a_cell_is_a_line_break(tmp_path):
    path = write(tmp_path, "crlf.csv", csv_text({"summary": "One.\r\nTwo."}))
    assert read_document(path)["events"][0]["summary"] == "One.\nTwo."


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_jsonl_lines_are_numbered_and_blank_lines_skipped(tmp_path, ending):
    text = "\ufeff" + jsonl_text({"id": "one"}) + "\n" + jsonl_text({"id": "two"})
    path = write(tmp_path, "events.jsonl", text.replace("\n", ending))
    events = read_document(path)["events"]
    assert [(e["id"], e.line) for e in events] == [("one", 1), ("two", 3)]
    assert checked_on_bundled(path).problems == []


# --- column problems: on the header line -------------------------------------------------------


def test_an_unknown_column_names_the_one_meant(tmp_path):
    columns = [*EVENT_COLUMNS[:-1], "alias"]
    problem = error_of(write(tmp_path, "x.csv", csv_text(GOOD, columns=columns)))
    assert (problem.line, problem.problem) == (1, "unknown column 'alias'")
    assert problem.hint == "did you mean 'aliases'?"
    assert str(problem).startswith(f"{tmp_path / 'x.csv'}:1: unknown column")


def test_a_column_named_twice_is_an_error_on_the_header(tmp_path):
    columns = [*EVENT_COLUMNS, "tags"]
    problem = error_of(write(tmp_path, "x.csv", csv_text(GOOD, columns=columns)))
    assert (problem.line, problem.problem) == (1, "the header names column 'tags' twice")


@pytest.mark.parametrize("missing", REQUIRED)
def test_a_missing_required_column_is_named(tmp_path, missing):
    columns = [column for column in EVENT_COLUMNS if column != missing]
    problem = error_of(write(tmp_path, "x.csv", csv_text(GOOD, columns=columns)))
    assert (problem.line, problem.problem) == (1, f"missing required column(s): {missing}")


def test_the_required_columns_are_enough(tmp_path):
    path = write(tmp_path, "few.csv", csv_text({"status": "reported"}, columns=REQUIRED))
    assert checked_on_bundled(path).problems == []


# --- row problems: on the line where the row starts --------------------------------------------


def test_a_row_of_the_wrong_width_is_an_error_at_its_first_line(tmp_path):
    text = csv_text({"summary": "Spans\ntwo lines."}) + "short,row\r\n"
    problem = error_of(write(tmp_path, "x.csv", text))
    assert (problem.line, problem.problem) == (4, f"this row has 2 fields, the header {27}")
    assert len(EVENT_COLUMNS) == 27


def test_unreadable_csv_is_an_error_at_its_line(tmp_path):
    text = csv_text() + 'id,"unclosed\r\n'
    problem = error_of(write(tmp_path, "x.csv", text))
    assert problem.line == 2 and problem.problem.startswith("not readable as CSV")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"date_start": "2024-02-16"}, "date_start '2024-02-16' does not agree with date"),
        ({"date_end": "2024-02-18"}, "date_end '2024-02-18' does not agree with date"),
        ({"precision": "month"}, "precision 'month' does not agree with date"),
        ({"approximate": True}, "approximate 'true' does not agree with date"),
        ({"uncertain": "yes"}, "uncertain 'yes' is not true or false"),
        ({"replaces": "maybe"}, "replaces 'maybe' is not true or false"),
        ({"quote": "Words"}, "quote is given without quote_by"),
        ({"quote_by": "Someone"}, "quote_by is given without quote"),
    ],
)
def test_a_bad_value_is_an_error_at_its_row(tmp_path, values, message):
    columns = [*EVENT_COLUMNS, "replaces"]
    text = csv_text(
        {"id": "fine", "summary": "Two\nlines."}, {**values, "id": "bad"}, columns=columns
    )
    problem = error_of(write(tmp_path, "x.csv", text))
    assert problem.line == 4
    assert problem.problem.startswith(message), problem.problem


def test_derived_columns_that_agree_or_are_empty_are_accepted(tmp_path):
    agreeing = {
        "date": "2024-02~",
        "date_start": "2024-02-01",
        "date_end": "2024-02-29",
        "precision": "month",
        "approximate": True,
        "uncertain": False,
    }
    path = write(tmp_path, "x.csv", csv_text(agreeing, {"id": "bulk-two", "date": "2025"}))
    assert checked_on_bundled(path).problems == []


def test_a_bad_date_is_the_checkers_at_its_line_not_a_derived_mismatch(tmp_path):
    text = csv_text({"id": "fine"}, {"id": "bad", "date": "2024-13-45", "date_start": "x"})
    checked = checked_on_bundled(write(tmp_path, "x.csv", text))
    assert [(p.line, p.column) for p in checked.problems] == [(3, None)]
    assert "bad date in 'date'" in checked.problems[0].problem


def test_every_bad_entry_is_a_problem_at_its_own_line(tmp_path):
    text = csv_text(
        {"id": "ok"},
        {"id": "no-place", "places": ["nowhere"]},
        {"id": "Not Kebab"},
        {"id": "no-summary", "summary": ""},
        {"id": "empty-tag", "tags": ["a", ""]},
        {"id": "ok", "title": "the same id again"},
    )
    path = write(tmp_path, "x.csv", text)
    problems = checked_on_bundled(path).problems
    found = [(p.line, p.problem) for p in problems]
    assert found == [
        (3, "event cites unknown place 'nowhere' in 'places'"),
        (4, "id 'Not Kebab' is not kebab-case"),
        (5, "event is missing required field 'summary'"),
        (6, "'tags' must hold only non-empty text, found ''"),
        (7, "duplicate event id 'ok' (first defined on line 2)"),
    ]
    assert all(str(p).startswith(f"{path}:{p.line}: ") for p in problems)


def test_an_id_the_bundled_data_has_needs_replaces(tmp_path):
    clash = csv_text({"id": "avdiivka-falls"})
    problems = checked_on_bundled(write(tmp_path, "x.csv", clash)).problems
    assert [p.line for p in problems] == [2]
    assert "duplicate event id 'avdiivka-falls'" in problems[0].problem
    columns = [*EVENT_COLUMNS, "replaces"]
    fixed = csv_text({"id": "avdiivka-falls", "replaces": True}, columns=columns)
    checked = checked_on_bundled(write(tmp_path, "y.csv", fixed))
    assert checked.problems == []
    (event,) = [e for e in checked.dataset.events if e.id == "avdiivka-falls"]
    assert event.title == GOOD["title"]


# --- JSON Lines problems -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message", "column"),
    [
        ('{"id": "x", ', "not valid JSON: Expecting property name enclosed in double quotes", 13),
        ("[1, 2]", "each line must be a JSON object (one event), not a list", None),
        ('"text"', "each line must be a JSON object (one event), not text", None),
        ('{"id": "x", "id": "y"}', "the key 'id' appears twice", None),
        ('{"tagz": []}', "unknown key 'tagz'", None),
        ('{"title": 5}', "'title' must be text, not a number", None),
        ('{"tags": "one"}', "'tags' must be a list of text, not text", None),
        ('{"tags": ["a", 1]}', "'tags' must be a list of text, not a list", None),
        ('{"approximate": "true"}', "'approximate' must be true or false, not text", None),
        ('{"replaces": 1}', "'replaces' must be true or false, not a number", None),
        ('{"date_start": 20240217}', "'date_start' must be text, not a number", None),
        ('{"quote": {"text": "a", "by": "b"}}', "'quote' must be text, not a mapping", None),
        ('{"title": "\\ud800"}', "holds a lone surrogate escape", None),
        ("[" * 100_000, "not valid JSON: nested too deeply", None),
    ],
)
def test_a_bad_jsonl_line_is_an_error_at_its_line(tmp_path, line, message, column):
    text = jsonl_text({"id": "fine"}) + "\n" + line + "\n"
    problem = error_of(write(tmp_path, "x.jsonl", text))
    assert (problem.line, problem.column) == (3, column)
    assert problem.problem.startswith(message), problem.problem


def test_an_unknown_jsonl_key_names_the_one_meant(tmp_path):
    problem = error_of(write(tmp_path, "x.jsonl", '{"sumary": "x"}\n'))
    assert problem.hint == "did you mean 'summary'?"


def test_jsonl_nulls_and_empty_values_are_no_value(tmp_path):
    record = {"note": None, "quote": None, "quote_by": None, "tags": [], "actors": None}
    record |= {"dataset": 5, "corrections": {"ignored": True}, "approximate": False}
    path = write(tmp_path, "x.jsonl", jsonl_text(record))
    (event,) = read_document(path)["events"]
    assert set(event) == set(GOOD) - {"tags"}
    assert checked_on_bundled(path).problems == []


def test_a_missing_jsonl_field_is_the_checkers_at_its_line(tmp_path):
    text = jsonl_text({"id": "one"}) + json.dumps({"id": "two"}) + "\n"
    problems = checked_on_bundled(write(tmp_path, "x.jsonl", text)).problems
    assert {(p.line, p.problem) for p in problems} >= {
        (2, "event is missing required field 'date'"),
        (2, "event is missing required field 'sources'"),
    }


# --- hostile text is data ----------------------------------------------------------------------


def test_a_terminal_escape_is_refused_with_its_line_and_column(tmp_path):
    text = csv_text({"id": "fine"}, {"title": "red \x1b[31mtext\x1b[0m"})
    third = text.split("\r\n")[2]
    problem = error_of(write(tmp_path, "x.csv", text))
    assert (problem.line, problem.column) == (3, third.index("\x1b") + 1)
    assert "\x1b" not in str(problem) and "\\x1b" in problem.problem
    assert problem.problem.endswith("which a dataset file may not hold")


def test_an_escape_written_as_json_escape_is_refused_by_the_checker(tmp_path):
    path = write(tmp_path, "x.jsonl", "\n" + jsonl_text({"title": "red \x1b[31m"}))
    assert "\\u001b" in path.read_text()
    problems = checked_on_bundled(path).problems
    assert [(p.line, "control or bidi" in p.problem) for p in problems] == [(2, True)]
    assert "\x1b" not in str(problems[0])


def test_a_bidi_override_is_refused_at_its_row(tmp_path):
    text = csv_text({"id": "fine"}, {"title": "abc\u202edef"})
    problems = checked_on_bundled(write(tmp_path, "x.csv", text)).problems
    assert [(p.line, "control or bidi" in p.problem) for p in problems] == [(3, True)]
    assert "\u202e" not in str(problems[0])


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil","x")', "+1+1", "@SUM(A1)", "-2"])
def test_a_formula_like_cell_stays_text(tmp_path, formula):
    path = write(tmp_path, "x.csv", csv_text({"title": formula, "summary": formula}))
    checked = checked_on_bundled(path)
    assert checked.problems == []
    (event,) = [e for e in checked.dataset.events if e.id == "bulk-one"]
    assert (event.title, event.summary) == (formula, formula)


def test_a_long_field_is_the_checkers_and_a_huge_one_the_csv_modules(tmp_path):
    long = csv_text({"id": "fine"}, {"summary": "x" * 50_000})
    problems = checked_on_bundled(write(tmp_path, "long.csv", long)).problems
    assert [(p.line, p.problem) for p in problems] == [
        (3, "'summary' is 50,000 characters, over the 600 allowed")
    ]
    huge = csv_text({"id": "fine"}, {"summary": "x" * 200_000})
    problem = error_of(write(tmp_path, "huge.csv", huge))
    assert problem.line == 3 and "field larger than field limit" in problem.problem


def test_sql_and_markup_in_cells_are_plain_text(tmp_path):
    title = "[bold red]BOOM[/] '); drop table events; -- %s ?"
    path = write(tmp_path, "x.csv", csv_text({"title": title}))
    (event,) = [e for e in checked_on_bundled(path).dataset.events if e.id == "bulk-one"]
    assert event.title == title


# --- dispatch and limits -----------------------------------------------------------------------


def test_a_yaml_file_reads_as_before(tmp_path):
    assert read_document(bundled_file()) == read_yaml(bundled_file())


def test_a_csv_with_an_acled_header_reads_as_acled(tmp_path):
    doc = read_document(ACLED / "good.csv")
    assert [source["id"] for source in doc["sources"]] == ["acled-good"]
    assert len(doc["events"]) == 6


def test_an_acled_file_missing_columns_says_which(tmp_path):
    problem = error_of(ACLED / "missing-columns.csv")
    assert problem.line == 1
    assert "missing column(s)" in problem.problem and "fatalities" in problem.problem


def test_an_acled_file_with_a_terminal_escape_is_refused_at_its_line():
    problem = error_of(ACLED / "hostile-ansi.csv")
    assert problem.line == 4 and "\\x1b" in problem.problem


def test_two_acled_exports_layer_together():
    bundled = (bundled_file(), BUNDLED, read_yaml(bundled_file()))
    layers = [bundled] + [
        (str(path), str(path), read_document(path))
        for path in (ACLED / "good.csv", ACLED / "good-second.csv")
    ]
    checked = check_layers(layers, today=TODAY)
    assert checked.problems == []
    ids = set(checked.dataset.sources)
    assert {"acled-good", "acled-good-second"} <= ids
    by_file = {e.id: e.sources for e in checked.dataset.events if e.id.startswith("acled-")}
    assert by_file["acled-ukr900001"] == ("acled-good",)
    assert by_file["acled-ukr900101"] == ("acled-good-second",)
    # The same file twice is the same events twice: a duplicate, said at its line.
    again = [*layers[:2], (str(ACLED / "copy.csv"), "copy", read_document(ACLED / "good.csv"))]
    problems = check_layers(again, today=TODAY).problems
    assert problems and all("duplicate" in p.problem for p in problems)


def test_not_utf8_is_an_error_at_its_line(tmp_path):
    raw = csv_text({"id": "fine"}).encode() + "bad,caf\xe9\r\n".encode("latin-1")
    problem = error_of(write(tmp_path, "x.csv", raw))
    assert (problem.line, problem.problem) == (3, "is not UTF-8 text")


def test_bulk_files_have_their_own_larger_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(files, "MAX_BULK_BYTES", 1000)
    body = b"x" * 500
    for name in ("big.yaml", "big.yml", "big"):
        with pytest.raises(DataError, match="MB limit"):
            read_bytes(write(tmp_path, name, body))
    for name in ("big.csv", "big.jsonl", "big.ndjson", "BIG.CSV"):
        assert read_bytes(write(tmp_path, name, body)) == body
        with pytest.raises(DataError):
            read_bytes(write(tmp_path, name, body * 3))
    assert files.size_limit("a.csv") == 1000 and files.size_limit("a.yaml") == 100


def test_the_real_bulk_limit_is_2_gib():
    assert files.MAX_BULK_BYTES == 2 * 1024**3 > files.MAX_FILE_BYTES


# --- property: whatever text an event holds, the real writers' CSV and JSONL read back -------

REFS = """
schema_version: 1
sources:
  - {id: src-a, publisher: Example Wire, title: A headline, url: "https://example.org/a"}
places:
  - {id: town, name: Town, kind: city, oblast: Donetsk, country: Ukraine, lat: 48.0, lon: 37.0,
     sources: [src-a]}
actors:
  - {id: ministry, name: A ministry, side: russia, kind: government}
"""
PLAIN = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn")),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() == text and text != "")
DATES = st.sampled_from(["2024", "2024-02", "2024-02-17", "2024-02~", "2024-06/2024-08", "2025?"])


@pytest.fixture(scope="module")
def refs_dir(tmp_path_factory) -> Path:
    """A folder of this module's own (Hypothesis reruns a test body; tmp_path is per test)."""
    folder = tmp_path_factory.mktemp("bulk")
    (folder / "refs.yaml").write_text(REFS, encoding="utf-8")
    return folder


@given(
    title=PLAIN,
    summary=PLAIN,
    note=st.none() | PLAIN,
    quote=st.none() | st.tuples(PLAIN, PLAIN),
    tags=st.lists(PLAIN.filter(lambda t: ";" not in t), max_size=3),
    aliases=st.lists(PLAIN.filter(lambda t: ";" not in t), max_size=3),
    when=DATES,
    fmt=st.sampled_from(["csv", "jsonl"]),
)
@settings(max_examples=60, deadline=None)
def test_any_plain_event_round_trips_through_the_writers(
    refs_dir, title, summary, note, quote, tags, aliases, when, fmt
):
    from pokrovsk_cli.data.model import Dataset
    from pokrovsk_cli.output.files.text_formats import write_csv, write_jsonl
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing

    values = {"date": when, "title": title, "summary": summary, "category": "military"}
    values |= {"status": "claimed", "claimed_by": ["ministry"], "sources": ["src-a"]}
    values |= {"places": ["town"], "tags": tags, "aliases": aliases}
    if note is not None:
        values["note"] = note
    if quote is not None:
        values["quote"] = {"text": quote[0], "by": quote[1]}
    refs_file = refs_dir / "refs.yaml"
    refs = (str(refs_file), "refs", read_yaml(refs_file))
    source = refs_dir / "prop.json"  # JSON is YAML: the event as a curator would write it
    text = json.dumps({"events": [{"id": "prop-event", **values}]}, ensure_ascii=False)
    source.write_text(text, encoding="utf-8")
    original = check_layers([refs, (str(source), "p", read_yaml(source))], today=TODAY)
    assert original.problems == [], original.problems
    (event,) = original.dataset.events
    dataset = Dataset("x", {}, {}, (event,), (), {})
    out = io.StringIO()
    writer = write_csv if fmt == "csv" else write_jsonl
    writer(Listing("events", [event], dataset), out, OutputOptions())
    exported = refs_dir / f"prop.{fmt}"
    exported.write_bytes(out.getvalue().encode("utf-8"))
    again = check_layers([refs, (str(exported), "e", read_document(exported))], today=TODAY)
    assert again.problems == [], again.problems
    assert without_dataset(again.dataset.events) == without_dataset([event])


# --- every bad row is a problem of its own ---------------------------------------------------


def test_validate_lists_every_bad_row_and_checks_the_good_ones(tmp_path):
    from pokrovsk_cli.data.load import validate_files

    path = tmp_path / "rows.csv"
    path.write_text(
        "id,date,title,summary,category,status,sources\r\n"
        "short,2024-01-01,T\r\n"  # line 2: too few fields
        "good,2024-02-30,T,S,military,reported,src-a\r\n"  # line 3: read, then refused
        "long,2024-01-01,T,S,military,reported,src-a,extra\r\n"  # line 4: too many
        "flag,2024-01-01,T,S,military,reported,src-a\r\n",  # line 5: fine
        encoding="utf-8",
    )
    checked = validate_files([SMALL, path], bundled=False)
    said = [(p.path, p.line, p.problem) for p in checked.problems]
    assert said == [
        (str(path), 2, "this row has 3 fields, the header 7"),
        (str(path), 3, "bad date in 'date': '2024-02-30' is not a real calendar date"
         " (day is out of range for month)"),
        (str(path), 4, "this row has 8 fields, the header 7"),
    ]  # fmt: skip


def test_jsonl_lines_that_are_not_events_are_each_a_problem(tmp_path):
    from pokrovsk_cli.data.load import validate_files

    path = tmp_path / "rows.jsonl"
    path.write_text('{"id": "x"\n[1, 2]\n"text"\n', encoding="utf-8")
    checked = validate_files([SMALL, path], bundled=False)
    assert [(p.line, p.problem) for p in checked.problems] == [
        (1, "not valid JSON: Expecting ',' delimiter"),
        (2, "each line must be a JSON object (one event), not a list"),
        (3, "each line must be a JSON object (one event), not text"),
    ]


def test_a_run_names_the_first_bad_row_and_how_many_more(tmp_path):
    from pokrovsk_cli.data.load import load_dataset

    path = tmp_path / "my rows.csv"
    path.write_text(
        "id,date,title,summary,category,status,sources\r\na,b\r\nc\r\nd,e,f\r\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as raised:
        load_dataset([SMALL, path], bundled=False)
    assert str(raised.value) == f"{path}:2: this row has 2 fields, the header 7"
    assert raised.value.hint.endswith(
        f"(2 more bad row(s); 'pokrovsk validate '{path}'' lists them all)"
    )


# --- fatalities: a whole number, in every kind of file ---------------------------------------


@pytest.mark.parametrize(("name", "maker"), [("f.csv", csv_text), ("f.jsonl", jsonl_text)])
def test_fatalities_are_read_as_a_whole_number(tmp_path, name, maker):
    value = "12" if maker is csv_text else 12
    checked = checked_on_bundled(write(tmp_path, name, maker({"fatalities": value})))
    assert not checked.problems, checked.problems
    (event,) = [e for e in checked.dataset.events if e.dataset == str(tmp_path / name)]
    assert event.fatalities == 12


@pytest.mark.parametrize("figure", ["three", "-1", "2.5", "1e3", "٣"])
def test_fatalities_that_are_not_a_whole_number_are_an_error_at_the_row(tmp_path, figure):
    problem = error_of(write(tmp_path, "f.csv", csv_text({"fatalities": figure})))
    assert problem.line == 2
    assert problem.problem == f"fatalities {figure!r} is not a whole number"


@pytest.mark.parametrize("figure", ["12", 2.5, True, [1]])
def test_a_json_lines_figure_must_be_a_number(tmp_path, figure):
    problem = error_of(write(tmp_path, "f.jsonl", jsonl_text({"fatalities": figure})))
    assert problem.line == 1 and "'fatalities' must be a whole number" in problem.problem


@pytest.mark.parametrize(
    ("figure", "said"),
    [
        ("-3", "'fatalities' is -3, outside 0..10,000,000"),
        ("20000000", "'fatalities' is 20000000, outside 0..10,000,000"),
        ('"many"', "'fatalities' must be a whole number, not 'many'"),
        ("true", "'fatalities' must be a whole number, not True"),
    ],
)
def test_a_yaml_event_with_a_bad_figure_is_refused(tmp_path, figure, said):
    path = tmp_path / "f.yaml"
    text = SMALL.read_text(encoding="utf-8").replace(
        "    title: Summer offensive", f"    title: Summer offensive\n    fatalities: {figure}"
    )
    path.write_text(text, encoding="utf-8")
    checked = check_layers([(str(path), str(path), read_document(path))], today=TODAY)
    assert [p.problem for p in checked.problems] == [said]


# --- a name that says nothing: a pipe, /dev/stdin -------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (csv_text({}), "csv"),
        ("\ufeff" + csv_text({}), "csv"),  # with --excel's byte order mark
        (jsonl_text({}), "jsonl"),
        ((ACLED / "good.csv").read_text(encoding="utf-8"), "acled"),
        (SMALL.read_text(encoding="utf-8"), "yaml"),
        ("schema_version: 1\nevents: []\n", "yaml"),
        ("# id,date\nschema_version: 1\n", "yaml"),  # a comment that looks like a header
    ],
)
def test_a_file_without_a_telling_name_is_read_by_its_first_line(tmp_path, text, kind):
    path = write(tmp_path, "piped", text)  # as --data <(...) names it: /dev/fd/63
    document = read_document(path)
    events = document.get("events") or []
    if kind == "acled":
        assert events and str(events[0]["id"]).startswith("acled-")
    elif kind in ("csv", "jsonl"):
        assert [e["id"] for e in events] == [GOOD["id"]]
    else:
        assert document["schema_version"] == 1

"""ACLED exports read as dataset documents: the header, every mapping rule, the spans of each
time precision, and errors at the CSV line where their row starts. The fixtures in
tests/fixtures/acled/ are synthetic rows in ACLED's column layout, not real events."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pokrovsk_cli.data.entries import SUMMARY_LIMIT, TEXT_LIMIT, TEXT_LIMITS
from pokrovsk_cli.data.files import BUNDLED, bundled_file, read_yaml
from pokrovsk_cli.data.layers import check_layers
from pokrovsk_cli.data.model import Category, Precision, Status
from pokrovsk_cli.data.read_acled import (
    ACLED_REQUIRED,
    ATTRIBUTION,
    PUBLISHER,
    acled_document,
    is_acled_header,
    slug,
)
from pokrovsk_cli.data.yaml_located import LocatedDict, LocatedList
from pokrovsk_cli.errors import DataError

ACLED = Path(__file__).resolve().parents[1] / "fixtures" / "acled"
# ACLED's export columns, in its order (ACLED Codebook, "ACLED Data Columns at a Glance").
HEADER = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1"
    " assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region"
    " country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale"
    " notes fatalities tags timestamp"
).split()
BASE = {
    **dict.fromkeys(HEADER, ""),
    "event_id_cnty": "UKR900100",
    "event_date": "2024-02-17",
    "year": "2024",
    "time_precision": "1",
    "disorder_type": "Political violence",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "actor1": "Synthetic Actor A",
    "country": "Ukraine",
    "admin1": "Donetsk",
    "admin2": "Pokrovskyi",
    "admin3": "Pokrovska",
    "location": "Pokrovsk",
    "latitude": "48.2829",
    "longitude": "37.1757",
    "geo_precision": "1",
    "source": "Synthetic Outlet A",
    "notes": "SYNTHETIC TEST ROW, not a real event.",
    "fatalities": "0",
    "timestamp": "1708473600",  # 2024-02-21 00:00 UTC
}
TODAY = date(2030, 1, 1)  # after the bundled data's curation dates


def csv_text(
    *rows: dict[str, str], header: list[str] = HEADER, quoting: int = csv.QUOTE_MINIMAL
) -> str:
    """An export with these rows, each BASE with the given values, through the csv module."""
    out = io.StringIO()
    # With "\n" ending records, the writer quotes a field holding "\n" but not one holding a
    # lone "\r" (which readers take for a line break too): QUOTE_ALL for text that may.
    writer = csv.writer(out, lineterminator="\n", quoting=quoting)
    writer.writerow(header)
    for row in rows:
        values = {**BASE, **row}
        writer.writerow([values.get(column, "") for column in header])
    return out.getvalue()


def document(*rows: dict[str, str], header: list[str] = HEADER, name: str = "export.csv"):
    return acled_document(name, csv_text(*rows, header=header))


def event(**row: str) -> LocatedDict:
    (only,) = document(row)["events"]
    return only


def place(**row: str) -> LocatedDict:
    (only,) = document(row)["places"]
    return only


def check(doc, name: str = "export.csv"):
    return check_layers([(name, name, doc)], today=TODAY)


def read(fixture: str) -> str:
    return (ACLED / fixture).read_text(encoding="utf-8")


def error_of(name: str, text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        acled_document(name, text)
    return caught.value


# --- the header ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (HEADER, True),
        ([name.upper() for name in HEADER], True),  # older exports write EVENT_ID_CNTY
        (["\ufeffevent_id_cnty", "event_date", "notes"], True),  # a byte-order mark leads
        ([" event_id_cnty ", "Event_Date"], True),
        (["event_id_cnty", "notes"], False),
        (["event_date", "notes"], False),
        (["date", "id", "title", "dataset"], False),  # pokrovsk's own CSV
        ([], False),
    ],
)
def test_is_acled_header(fields, expected):
    assert is_acled_header(fields) is expected


def test_the_required_columns_are_the_documented_ones_this_reader_uses():
    assert set(ACLED_REQUIRED) <= set(HEADER)
    assert {"event_id_cnty", "event_date", "time_precision", "notes", "fatalities"} <= set(
        ACLED_REQUIRED
    )
    # Exports without the optional columns still read.
    lean = list(ACLED_REQUIRED)
    (only,) = document({}, header=lean)["events"]
    assert only["added"] == "2024-02-17"  # no timestamp column: the event's day


# --- the fixture as a whole ------------------------------------------------------------------


def test_the_good_fixture_checks_clean():
    doc = acled_document("good.csv", read("good.csv"))
    checked = check(doc, "good.csv")
    assert checked.problems == []
    assert checked.warnings == []
    dataset = checked.dataset
    assert [e.id for e in dataset.events] == [f"acled-ukr90000{n}" for n in range(1, 7)]
    assert len(dataset.places) == 4  # rows 1, 4 and 5 share Pokrovsk
    assert list(dataset.sources) == ["acled-good"]  # the file's own source
    assert all(e.status is Status.REPORTED and e.sources == ("acled-good",) for e in dataset.events)


def test_the_good_fixture_layers_on_the_bundled_data():
    bundled = (bundled_file(), BUNDLED, read_yaml(bundled_file()))
    doc = acled_document("good.csv", read("good.csv"))
    checked = check_layers([bundled, ("good.csv", "good.csv", doc)], today=TODAY)
    assert checked.problems == []
    assert {e.id for e in checked.dataset.events} >= {"acled-ukr900001", "acled-ukr900006"}


def test_every_entry_starts_at_its_rows_first_line():
    doc = acled_document("good.csv", read("good.csv"))
    # Row 4 holds a quoted line break (lines 5 and 6), so row 5 starts on line 7.
    assert [e.line for e in doc["events"]] == [2, 3, 4, 5, 7, 8]
    assert [p.line for p in doc["places"]] == [2, 3, 4, 8]  # where each place is first named
    assert doc["sources"][0].line == 1


def _walk(value, seen):
    if isinstance(value, dict):
        assert isinstance(value, LocatedDict)
        assert isinstance(value.line, int) and isinstance(value.column, int)
        assert set(value.positions) == set(value)
        for item in value.values():
            _walk(item, seen)
    elif isinstance(value, list):
        assert isinstance(value, LocatedList)
        assert len(value.positions) == len(value)
        for item in value:
            _walk(item, seen)
    seen.append(value)


def test_the_document_has_load_located_shape():
    doc = acled_document("good.csv", read("good.csv"))
    assert set(doc) == {"schema_version", "sources", "places", "events"}
    assert doc["schema_version"] == 1
    seen: list = []
    _walk(doc, seen)
    assert len(seen) > 100


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "day", "text", "first", "last", "kept"),
    [
        ("1", "2024-02-17", "2024-02-17", "2024-02-17", "2024-02-17", Precision.DAY),
        ("2", "2024-02-17", "2024-02-14/2024-02-20", "2024-02-14", "2024-02-20", Precision.DAY),
        ("3", "2024-02-17", "2024-02", "2024-02-01", "2024-02-29", Precision.MONTH),
        # A week across a leap day and a month's end, and across a year's end.
        ("2", "2024-03-01", "2024-02-27/2024-03-04", "2024-02-27", "2024-03-04", Precision.DAY),
        ("2", "2024-12-30", "2024-12-27/2025-01-02", "2024-12-27", "2025-01-02", Precision.DAY),
        # A month coded at its first or last day ("the beginning / end of the month").
        ("3", "2024-02-01", "2024-02", "2024-02-01", "2024-02-29", Precision.MONTH),
        ("3", "2024-02-29", "2024-02", "2024-02-01", "2024-02-29", Precision.MONTH),
    ],
)
def test_each_time_precision_is_its_honest_span(precision, day, text, first, last, kept):
    doc = document({"time_precision": precision, "event_date": day})
    assert doc["events"][0]["date"] == text
    (read_back,) = check(doc).dataset.events
    assert (read_back.date.first.isoformat(), read_back.date.last.isoformat()) == (first, last)
    assert read_back.date.precision is kept
    assert read_back.date.interval is (precision == "2")


@pytest.mark.parametrize(
    "written", ["17 February 2024", "17 february 2024", "17 Feb 2024", "17-February-2024"]
)
def test_older_exports_write_the_month_in_words(written):
    assert event(event_date=written)["date"] == "2024-02-17"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2024-02-30", "not a real calendar date"),
        ("30 February 2024", "not a real calendar date"),
        ("17/02/2024", "is not a date"),
        ("17 Febtember 2024", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_a_bad_event_date_is_an_error_at_its_line(written, said):
    problem = error_of("x.csv", csv_text({}, {"event_date": written}))
    assert problem.line == 3
    assert said in problem.message


@pytest.mark.parametrize("code", ["0", "4", "", "1.0", "day"])
def test_a_bad_time_precision_is_an_error_at_its_line(code):
    problem = error_of("x.csv", csv_text({"time_precision": code}))
    assert problem.line == 2
    assert "time_precision" in problem.message
    assert "Codebook" in problem.hint


def test_a_week_past_the_calendar_is_an_error_not_a_crash():
    problem = error_of("x.csv", csv_text({"event_date": "9999-12-30", "time_precision": "2"}))
    assert problem.line == 2


# --- curation dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timestamp", "added"),
    [
        ("1708473600", "2024-02-21"),  # 00:00:00 UTC
        ("1708473599", "2024-02-20"),  # one second before: still the 20th in UTC
        ("", "2024-02-17"),  # none given: the event's coded day
    ],
)
def test_added_is_acleds_upload_day(timestamp, added):
    assert event(timestamp=timestamp)["added"] == added


@pytest.mark.parametrize("timestamp", ["yesterday", "1.7e9", "-5", "99999999999999"])
def test_a_bad_timestamp_is_an_error_at_its_line(timestamp):
    problem = error_of("x.csv", csv_text({"timestamp": timestamp}))
    assert problem.line == 2
    assert problem.problem.startswith("timestamp")


def test_the_source_was_added_on_the_newest_upload():
    doc = document(
        {"timestamp": "1708473600"}, {"event_id_cnty": "UKR2", "timestamp": "1709000000"}
    )
    assert doc["sources"][0]["added"] == "2024-02-27"


def test_an_upload_after_today_is_the_checkers_error():
    problems = check(document({"timestamp": "1900000000"})).problems  # 2030
    assert any("in the future" in str(p) and p.line == 2 for p in problems)


# --- events ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "ident"),
    [("UKR12345", "acled-ukr12345"), ("ukr12345", "acled-ukr12345"), ("UKR-1", "acled-ukr-1")],
)
def test_the_event_id_is_acleds_in_lower_case(raw, ident):
    assert event(event_id_cnty=raw)["id"] == ident


@pytest.mark.parametrize("raw", ["UKR 12345", "UKR_1", "", "UKR12345-", "УКР1"])
def test_an_id_that_cannot_be_kebab_case_is_an_error_at_its_line(raw):
    problem = error_of("x.csv", csv_text({}, {}, {"event_id_cnty": raw}))
    assert problem.line == 4
    assert "event_id_cnty" in problem.message


def test_a_repeated_event_id_is_the_checkers_duplicate_at_the_second_row():
    (problem,) = check(document({}, {"location": "Rodynske"})).problems
    assert problem.line == 3
    assert "duplicate event id 'acled-ukr900100'" in problem.message


@pytest.mark.parametrize(
    ("geo", "title"),
    [
        ("1", "Shelling/artillery/missile attack in Pokrovsk"),
        ("2", "Shelling/artillery/missile attack near Pokrovsk"),
        ("3", "Shelling/artillery/missile attack in Donetsk region"),
        ("", "Shelling/artillery/missile attack in Pokrovsk"),
    ],
)
def test_the_title_says_where_as_surely_as_acled_does(geo, title):
    assert event(geo_precision=geo)["title"] == title


def test_the_title_falls_back_to_the_event_type_and_is_bounded():
    assert event(sub_event_type="")["title"] == "Explosions/Remote violence in Pokrovsk"
    long = event(location="L" * 400)["title"]
    assert len(long) == TEXT_LIMIT and long.endswith("…")
    # The place's name is the location as given, so the checker refuses that, not the title.
    problems = check(document({"location": "L" * 400})).problems
    assert "'name' is 400 characters, over the 300 allowed" in [p.problem for p in problems]
    assert not any("'title'" in p.problem for p in problems)


def test_the_summary_is_acleds_notes_cut_to_the_limit():
    assert event(notes="  SYNTHETIC short note.  ")["summary"] == "SYNTHETIC short note."
    long = event(notes="SYNTHETIC " * 200)["summary"]
    assert len(long) == SUMMARY_LIMIT and long.endswith("…")
    assert check(document({"notes": "SYNTHETIC " * 200})).problems == []
    assert event(notes="")["summary"] == "Shelling/artillery/missile attack in Pokrovsk"


@pytest.mark.parametrize(
    ("event_type", "category"),
    [
        ("Battles", Category.MILITARY),
        ("Explosions/Remote violence", Category.MILITARY),
        ("Strategic developments", Category.MILITARY),
        ("Strategic Developments", Category.MILITARY),
        ("Violence against civilians", Category.CIVILIAN),
        ("Protests", Category.POLITICAL),
        ("Riots", Category.POLITICAL),
    ],
)
def test_the_category_comes_from_the_event_type(event_type, category):
    (read_back,) = check(document({"event_type": event_type})).dataset.events
    assert read_back.category is category


def test_an_unknown_event_type_is_an_error_at_its_line():
    problem = error_of("x.csv", csv_text({}, {"event_type": "Earthquakes"}))
    assert problem.line == 3
    assert "Battles" in problem.hint


def test_tags_are_acled_and_the_slugged_types():
    assert event()["tags"] == [
        "acled",
        "explosions-remote-violence",
        "shelling-artillery-missile-attack",
    ]
    assert event(event_type="Protests", sub_event_type="")["tags"] == ["acled", "protests"]


def test_the_note_holds_acleds_sources_and_actors_and_fatalities_are_a_figure():
    coded = event(source="Outlet A; Outlet B", actor1="Actor A", actor2="Actor B", fatalities="3")
    assert coded["note"] == "Sources (ACLED): Outlet A; Outlet B. Actors (ACLED): Actor A; Actor B."
    assert coded["fatalities"] == 3
    assert event(fatalities="007")["fatalities"] == 7
    assert event(actor2="", fatalities="0")["note"].endswith("Actors (ACLED): Synthetic Actor A.")
    assert event(fatalities="0")["fatalities"] == 0
    long = event(source="S" * 3000)["note"]
    assert len(long) == TEXT_LIMITS["note"] and long.endswith("…")


def test_fatalities_come_through_to_the_event_and_its_export():
    from pokrovsk_cli.data.layers import check_layers

    document = acled_document("x.csv", csv_text({"fatalities": "12"}))
    checked = check_layers([("x.csv", "x.csv", document)])
    assert not checked.problems
    (only,) = checked.dataset.events
    assert only.fatalities == 12


@pytest.mark.parametrize("figure", ["", "three", "-1", "2.5"])
def test_a_bad_fatalities_figure_is_an_error_at_its_line(figure):
    problem = error_of("x.csv", csv_text({"fatalities": figure}))
    assert problem.line == 2
    assert "fatalities" in problem.message


# --- places ----------------------------------------------------------------------------------


def test_a_place_per_distinct_location():
    doc = document(
        {"event_id_cnty": "UKR1"},
        {"event_id_cnty": "UKR2"},  # the same place again
        {"event_id_cnty": "UKR3", "geo_precision": "2"},  # the same town, less sure
        {"event_id_cnty": "UKR4", "latitude": "48.2830"},  # other coordinates
        {"event_id_cnty": "UKR5", "admin3": "Other"},
    )
    events = doc["events"]
    assert events[0]["places"] == events[1]["places"]
    assert len(doc["places"]) == 4
    assert len({e["places"][0] for e in events}) == 4


def test_a_place_reads_from_its_row():
    found = place(location="Мирноград", geo_precision="2", latitude="48.3", longitude="-37.26")
    assert re.fullmatch(r"acled-myrnohrad-[0-9a-f]{8}", found["id"])
    assert found["name"] == "Мирноград"
    assert found["kind"] == "near settlement"
    assert (found["oblast"], found["country"]) == ("Donetsk", "Ukraine")
    assert (found["lat"], found["lon"]) == (48.3, -37.26)
    assert found["sources"] == ["acled-export"]  # export.csv's source
    assert found["added"] == "2024-02-21"


@pytest.mark.parametrize(
    ("geo", "kind"),
    [("1", "settlement"), ("2", "near settlement"), ("3", "region-level"), ("", "location")],
)
def test_the_place_kind_comes_from_geo_precision(geo, kind):
    assert place(geo_precision=geo)["kind"] == kind


def test_a_bad_geo_precision_is_an_error_at_its_line():
    problem = error_of("x.csv", csv_text({"geo_precision": "4"}))
    assert (problem.line, "geo_precision" in problem.message) == (2, True)


def test_a_place_id_is_stable_for_a_file_and_its_own_in_each_file():
    one = document({"event_id_cnty": "UKR1"})["places"][0]["id"]
    again = document({"event_id_cnty": "UKR9", "event_date": "2025-01-01"})["places"][0]["id"]
    other = document({"event_id_cnty": "UKR9", "event_date": "2025-01-01"}, name="b.csv")
    assert again == one  # the same place in the same file: the same id in every read
    # Another file's place is its own (it cites that file's source): no id defined twice.
    assert other["places"][0]["id"] != one
    assert other["places"][0]["sources"] == ["acled-b"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Покровськ", "pokrovsk"),
        ("Мирноград", "myrnohrad"),
        ("Ясинувата", "yasynuvata"),
        ("Мар'їнка", "marinka"),  # ї after the apostrophe is i, as on the signs
        ("Sélidove", "selidove"),
        ("Kostiantynivka (Donetsk)", "kostiantynivka-donetsk"),
        ("Zhovti Vody's", "zhovti-vodys"),
        ("漢字", ""),
    ],
)
def test_slugs_are_readable_ascii(name, expected):
    assert slug(name) == expected


def test_a_location_with_no_latin_slug_still_gets_an_id():
    assert re.fullmatch(r"acled-place-[0-9a-f]{8}", place(location="漢字")["id"])


@pytest.mark.parametrize("latitude", ["forty-eight", "", "48,28", "nan", "inf", "1_0", "1e3"])
def test_a_bad_latitude_is_an_error_at_its_line(latitude):
    problem = error_of("x.csv", csv_text({}, {"latitude": latitude}))
    assert problem.line == 3
    assert problem.problem.startswith("latitude")


def test_a_coordinate_off_the_globe_is_the_checkers_error_at_its_line():
    problems = check(document({}, {"event_id_cnty": "UKR2", "longitude": "190"})).problems
    assert problems[0].problem == "'lon' is 190.0, outside -180..180"
    assert [p.line for p in problems] == [3, 3]  # and the event citing that place


# --- the source ------------------------------------------------------------------------------


def test_one_source_names_the_export_and_acled():
    (source,) = document({}, {"event_id_cnty": "UKR2"}, name="/some/where/acled-2024.csv")[
        "sources"
    ]
    assert source["id"] == "acled-2024"  # the file's name, less its "acled"
    assert source["publisher"] == PUBLISHER
    assert source["title"] == "ACLED event export acled-2024.csv"
    assert source["url"] == "https://acleddata.com/"
    assert source["note"] == ATTRIBUTION
    assert "www.acleddata.com" in ATTRIBUTION


def test_a_header_only_export_is_empty_but_valid():
    doc = acled_document("x.csv", csv_text())
    assert (doc["events"], doc["places"]) == ([], [])
    checked = check(doc, "x.csv")
    assert checked.problems == []
    assert [w.line for w in checked.warnings] == [1, 1]  # an uncited source, and no added


# --- errors at their lines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "line", "said"),
    [
        ("missing-columns.csv", 1, "missing column(s) notes, fatalities"),
        ("wrong-width.csv", 4, "this row has 30 fields, the header 31"),
        ("bad-date.csv", 4, "event_date '2024-02-30' is not a real calendar date"),
        ("bad-latitude.csv", 4, "latitude 'forty-eight' is not a decimal number"),
        ("bad-precision.csv", 4, "time_precision '4' is not one of ACLED's codes"),
    ],
)
def test_broken_fixtures_fail_at_their_line(fixture, line, said):
    # Each broken row follows one whose notes span lines 2 and 3.
    problem = error_of(fixture, read(fixture))
    assert problem.line == line
    assert said in problem.message
    assert str(problem).startswith(f"{fixture}:{line}: ")


def test_missing_columns_are_all_named_with_the_codebook():
    header = [c for c in HEADER if c not in ("latitude", "longitude", "event_type")]
    problem = error_of("x.csv", csv_text(header=header))
    assert problem.line == 1
    assert "event_type, latitude, longitude" in problem.message
    assert "ACLED Codebook" in problem.hint


def test_a_column_named_twice_is_an_error_on_line_1():
    problem = error_of("x.csv", csv_text(header=[*HEADER, "Notes"]))
    assert (problem.line, "'notes' twice" in problem.message) == (1, True)


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n", ",,\n"])
def test_an_empty_file_is_an_error_on_line_1(text):
    assert error_of("x.csv", text).line == 1


def test_a_quote_never_closed_is_an_error_where_its_row_starts():
    text = csv_text({}) + 'UKR2,"2024-02-17,1\nmore\nand more\n'
    problem = error_of("x.csv", text)
    assert problem.line == 3
    assert "not readable as CSV" in problem.message


def test_a_stray_quote_is_an_error_at_its_line():
    text = csv_text({}, {"notes": "two\nlines"}) + 'UKR3,2024-02-17,"a"b\n'
    assert error_of("x.csv", text).line == 5


def test_a_bom_crlf_and_blank_lines_do_not_move_the_lines():
    plain = csv_text({}, {"event_id_cnty": "UKR2", "notes": "one\ntwo"}, {"event_id_cnty": "UKR3"})
    windows = "\ufeff" + plain.replace("\n", "\r\n")
    for text in (plain, windows):
        assert [e.line for e in acled_document("x.csv", text)["events"]] == [2, 3, 5]
    spaced = plain.replace("\nUKR3", "\n\n\nUKR3")
    assert [e.line for e in acled_document("x.csv", spaced)["events"]] == [2, 3, 7]
    # A wrong row after the blank lines is reported at its own line.
    broken = spaced.replace("UKR3,2024-02-17", "UKR3,2024-02-30")
    assert error_of("x.csv", broken).line == 7


# --- hostile text ----------------------------------------------------------------------------


def test_a_terminal_escape_in_notes_is_refused_inert_at_its_line():
    doc = acled_document("hostile-ansi.csv", read("hostile-ansi.csv"))
    checked = check(doc, "hostile-ansi.csv")
    assert checked.dataset is None
    (problem,) = checked.problems
    assert problem.line == 4  # after the row whose notes span lines 2 and 3
    assert "'summary' holds a control or bidi-override character (\\x1b)" in problem.message
    assert "\x1b" not in str(problem)


@pytest.mark.parametrize(
    ("column", "field"),
    [("location", "title"), ("actor1", "note"), ("sub_event_type", "title")],
)
def test_control_characters_anywhere_are_refused_at_their_line(column, field):
    problems = check(document({}, {"event_id_cnty": "UKR2", column: "x\u202ey"})).problems
    assert problems
    assert all(p.line == 3 and "\u202e" not in str(p) for p in problems)
    assert any(f"'{field}' holds a control" in p.message for p in problems)


def test_windows_line_breaks_inside_notes_read_as_line_breaks():
    text = csv_text({"notes": "SYNTHETIC\r\nsecond\rthird"})
    doc = acled_document("x.csv", text)
    assert doc["events"][0]["summary"] == "SYNTHETIC\nsecond\nthird"
    assert check(doc).problems == []


def test_a_line_break_is_kept_in_the_summary_but_refused_in_a_title():
    assert check(document({"notes": "SYNTHETIC\nsecond line"})).problems == []
    problems = check(document({"location": "Pokrovsk\nnext"})).problems
    assert any("'title' holds" in p.message and p.line == 2 for p in problems)


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_notes_are_kept_or_refused_at_their_line(notes):
    doc = acled_document("export.csv", csv_text({"notes": notes}, quoting=csv.QUOTE_ALL))
    problems = check(doc).problems
    assert all(p.line == 2 and "'summary'" in p.problem for p in problems)
    kept = notes.replace("\r\n", "\n").replace("\r", "\n").strip()
    assert doc["events"][0]["summary"] == (kept or doc["events"][0]["title"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_after_the_header_reads_or_is_a_data_error(rest):
    try:
        doc = acled_document("x.csv", ",".join(HEADER) + "\n" + rest)
    except DataError as problem:
        assert problem.line is not None and problem.line >= 2
    else:
        assert all(isinstance(e, LocatedDict) for e in doc["events"])


def test_show_and_the_csv_give_the_figure(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "POKROVSK_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    data = ["--no-bundled", "--data", str(ACLED / "good.csv")]

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "pokrovsk_cli", *args, *data],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "fatalities  3 (as the sources report)" in run("show", "acled-ukr900002")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("timeline", "-f", "csv")))}
    assert rows["acled-ukr900002"]["fatalities"] == "3"


def test_validate_lists_every_bad_row_of_an_acled_file(tmp_path):
    from pokrovsk_cli.data.load import validate_files

    good = (ACLED / "good.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    header, rows = good[0], good[1:]
    bad = [header, "UKR1,2024-01-01\n", *rows[:1], "UKR2\n"]
    path = tmp_path / "bad.csv"
    path.write_text("".join(bad), encoding="utf-8")
    checked = validate_files([path], bundled=False)
    said = [(p.line, p.problem.split(",")[0]) for p in checked.problems]
    assert said[0] == (2, "this row has 2 fields")
    assert said[-1][1] == "this row has 1 fields"
    assert len(said) == 2  # the good row between them is read and checks out

"""`pokrovsk fact`, `places` and `sources` through the entry point, and their output contracts."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.columns import ANSWER_COLUMNS, FACT_COLUMNS, PLACE_COLUMNS, SOURCE_COLUMNS
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.lookup import write_lookup_panel
from pokrovsk_cli.output.values import format_value
from tests.conftest import SMALL, bundled_raw, serve, with_hostile_text

DATA = ["--no-bundled", "--data", str(SMALL)]
# The bundled file as written, read without our loader: expected values come from here.
RAW = bundled_raw()


def run(runner, *args, catch=True):
    return runner.invoke(app, list(args), catch_exceptions=catch)


def csv_rows(result):
    return list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


# --- the JSON contract of `pokrovsk fact QUESTION --format json` --------------------------------

SOURCE_KEYS = {"id", "publisher", "title", "url", "published", "copy_url", "added", "updated"}
ANSWER_TYPES = {
    "kind": str,
    "id": str,
    "title": str,
    "text": str,
    "status": str,
    "score": (int, float),
    "sources": list,
    "history": list,  # a changing figure's values, oldest first; empty for the rest
    # schema_version 2:
    "confidence": (int, float),  # the share of answers at this score that were right
    "match": str,  # "answer" or "weak"
    "events": list,  # for kinds events and current: the events it rests on
    "corrections": list,  # schema_version 3: the corrections log's entries for an event or fact
}
NULLABLE = {
    "value": (int, float, str),
    "unit": str,
    "date": str,
    "attributed_to": str,
    "note": str,
    "dataset": str,  # "bundled" or the --data file; null for computed answers
    "low": (int, float),  # a figure given as a range
    "high": (int, float),
    "how": str,  # schema_version 2: how a computed answer was worked out
}


def check_answer_shape(answer):
    assert set(answer) == set(ANSWER_TYPES) | set(NULLABLE)
    for key, kind in ANSWER_TYPES.items():
        assert isinstance(answer[key], kind), key
    for key, kind in NULLABLE.items():
        assert answer[key] is None or isinstance(answer[key], kind), key
    assert answer["kind"] in ("fact", "event", "events", "current")
    assert answer["match"] in ("answer", "weak") and 0 <= answer["confidence"] <= 1
    statuses = ("reported", "claimed", "disputed", "confirmed", "assessed", "computed")
    assert answer["status"] in statuses
    assert 0 <= answer["score"] <= 1
    assert answer["sources"], "every answer cites a source"
    for source in answer["sources"]:
        assert set(source) == SOURCE_KEYS


def cited(collection: str, *ids: str) -> list[str]:
    """The sources the bundled file gives these entries, in order, each once."""
    by_id = {entry["id"]: entry for entry in RAW[collection]}
    return list(dict.fromkeys(source for ident in ids for source in by_id[ident]["sources"]))


@pytest.mark.parametrize(
    ("question", "kind", "answer_id", "sources"),
    [
        ("prewar population", "fact", "prewar-population", cited("facts", "prewar-population")),
        ("when did avdiivka fall", "event", "avdiivka-falls", cited("events", "avdiivka-falls")),
        (  # computed from the two places' coordinates: cites where those come from
            "how far is kramatorsk from pokrovsk",
            "fact",
            "computed:distance:pokrovsk:kramatorsk",
            cited("places", "pokrovsk", "kramatorsk"),
        ),
    ],
)
def test_json_contract(runner, question, kind, answer_id, sources):
    result = run(runner, "fact", question, "--format", "json", catch=False)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {
        "schema_version",
        "data_as_of",
        "data_version",
        "query",
        "answer",
        "alternatives",
        "closest",  # schema_version 2: weak matches when nothing answers with confidence
        "refusal",
        "explanation",
    }
    assert document["schema_version"] == 5 and document["query"] == question
    check_answer_shape(document["answer"])
    assert (document["answer"]["kind"], document["answer"]["id"]) == (kind, answer_id)
    assert sorted(s["id"] for s in document["answer"]["sources"]) == sorted(sources)
    assert len(document["alternatives"]) <= 5
    for alternative in document["alternatives"]:
        check_answer_shape(alternative)
        assert alternative["score"] <= document["answer"]["score"]


def test_json_keeps_values_typed_and_dates_precise(runner):
    result = run(runner, "fact", "prewar", "population", "-f", "json", catch=False)
    answer = json.loads(result.stdout)["answer"]
    assert answer["value"] == 60000 and answer["unit"] == "people"
    assert answer["date"] == "2022-01"  # a month stays a month
    event = json.loads(run(runner, "fact", "when did avdiivka fall", "-f", "json").stdout)
    assert event["answer"]["date"] == "2024-02-17" and event["answer"]["value"] is None


def test_json_all_lists_every_match(runner):
    few = json.loads(run(runner, "fact", "russian troops", "-f", "json").stdout)
    every = json.loads(run(runner, "fact", "russian troops", "-f", "json", "--all").stdout)
    assert len(few["alternatives"]) <= 5 <= len(every["alternatives"])
    assert few["alternatives"] == every["alternatives"][:5]  # the same ranking, cut


def test_no_answer_is_null_in_json_and_exit_1(runner):
    result = run(runner, "fact", "who won the world cup", "-f", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["answer"] is None and document["alternatives"] == []
    assert all(weak["match"] == "weak" for weak in document["closest"])
    error, hint = result.stderr.splitlines()
    assert error == (
        "pokrovsk: error: no answer to 'who won the world cup': no entry in the data matches 'cup'"
    )
    # Which entries come closest is the ranking's business; that they are the weak ones is not.
    closest = re.fullmatch(
        r"hint: closest \(weak\) matches: (.+); run 'pokrovsk fact' to list every fact", hint
    )
    assert closest.group(1).split(", ") == [weak["id"] for weak in document["closest"]]


def test_no_answer_in_a_table_prints_nothing_on_stdout(runner):
    result = run(runner, "fact", "xyzzy")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [  # nothing is close: no suggestions
        "pokrovsk: error: no answer to 'xyzzy': no entry in the data matches 'xyzzy'",
        "hint: run 'pokrovsk fact' to list every fact",
    ]


def test_only_question_words(runner):
    result = run(runner, "fact", "what is it?")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "pokrovsk: error: nothing to look up in 'what is it?': it has only question words",
        'hint: ask about something, e.g. pokrovsk fact "prewar population"',
    ]


# --- what a person sees ----------------------------------------------------------------------


def test_piped_answer_has_every_part(runner):
    result = run(runner, "fact", "how many russian troops", catch=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("How many Russian troops are around Pokrovsk?  (fact russian-troops")
    for label in ("answer", "value", "as of", "says so", "status", "note", "earlier", "sources"):
        assert f"\n{label} " in out, label
    # The latest estimate (data/events.yaml: 155,000 on 9 Dec 2025), then the earlier ones.
    assert "155,000 troops" in out and "9 Dec 2025   (day precision)" in out
    assert "⚑ claimed" in out and "Oleksandr Syrskyi" in out
    earlier = out.split("\nearlier ")[1].split("\nsources ")[0].splitlines()
    assert [line.strip().split(":")[0] for line in earlier] == [
        "10 Nov 2025", "3 Nov 2025", "31 Oct 2025", "27 Jun 2025"
    ]  # fmt: skip
    assert "31 Oct 2025: 170,000 troops (⚑ claimed) — Volodymyr Zelensky" in out
    assert "https://kyivindependent.com/ukraine-regains-part-of-pokrovsk" in out
    assert "Other matches (score, right share):" in out and "syrskyi-150000-troops" in out
    assert "\x1b" not in out and "╭" not in out  # no colour, no box when piped
    assert all(line == line.rstrip() for line in out.splitlines())


def test_terminal_panel(bundled):
    from datetime import date

    from pokrovsk_cli.answers.ask import look_up
    from pokrovsk_cli.answers.facts import FactIndex

    lookup = look_up(
        "when did avdiivka fall", FactIndex(bundled), today=date(2026, 12, 1), alternatives=3
    )
    stream = io.StringIO()
    options = OutputOptions(terminal=True, width=100, color=False)
    write_lookup_panel(Listing("answers", lookup, bundled), stream, options)
    out = stream.getvalue()
    lines = out.splitlines()
    assert lines[0].startswith("╭─ Avdiivka falls; Ukrainian troops withdraw ")
    assert "event avdiivka-falls · score 0.8" in out and "sure     right 9" in out
    assert "17 Feb 2024   (day precision)" in out and "✓ confirmed" in out
    links = lines.index("Links")  # below the box, each URL whole on its own line
    assert all(line.startswith("[") for line in lines[links + 1 : links + 3])
    assert max(len(line) for line in lines[:links]) <= 100
    # Only answers as sure as the bar are other matches: at most three of them.
    heading = "Other matches (score, right share):"
    others = lines[lines.index(heading) + 1 :] if heading in lines else []
    assert len([line for line in others if line.startswith(("  0.", "  1."))]) <= 3


def test_a_disputed_event_answer_names_who_claims_it(runner):
    result = run(runner, "fact", "when did russia claim to have captured pokrovsk", catch=False)
    assert "⚠ disputed" in result.stdout
    assert "claimed by Valery Gerasimov, Russian Ministry of Defence" in result.stdout


def test_a_computed_answer_says_so(runner):
    result = run(runner, "fact", "how far is kramatorsk", catch=False)
    out = result.stdout
    assert "∑ computed from coordinates" in out
    assert "in a straight line (not a road distance)" in out
    assert "\nhow      great-circle distance between Pokrovsk" in out


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (60000, "people", "60,000 people"),
        (29.57, "km2", "29.57 km2"),
        (5.6, "million tonnes a year", "5.6 million tonnes a year"),
        (2016, None, "2016"),  # without a unit, likely a year: no digit grouping
        ("Krasnoarmeysk", None, "Krasnoarmeysk"),
        (None, "km", ""),
    ],
)
def test_format_value(value, unit, shown):
    assert format_value(value, unit) == shown


# --- the fact list, places and sources -------------------------------------------------------


def test_fact_without_a_question_lists_every_fact(runner):
    result = run(runner, "fact", catch=False)
    assert result.exit_code == 0
    ids = [fact["id"] for fact in RAW["facts"]]  # in the file's order
    shown = [line.split()[0] for line in result.stdout.splitlines()[1:] if line[:1].strip()]
    assert shown == ids
    rows = csv_rows(run(runner, "fact", "-f", "csv", catch=False))
    assert list(rows[0]) == list(FACT_COLUMNS)
    assert [row["id"] for row in rows] == ids
    troops = next(row for row in rows if row["id"] == "russian-troops")
    assert troops["status"] == "claimed" and troops["value"] == "155000"
    document = json.loads(run(runner, "fact", "-f", "json").stdout)
    assert [fact["id"] for fact in document["facts"]] == ids
    cited = {s for fact in document["facts"] for s in fact["sources"]}
    assert {s["id"] for s in document["sources"]} == cited


def test_fact_csv_for_a_question_ranks_the_matches(runner):
    rows = csv_rows(run(runner, "fact", "russian troops", "-f", "csv", catch=False))
    assert list(rows[0]) == list(ANSWER_COLUMNS)
    assert [row["rank"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert rows[0]["id"] == "russian-troops" and len(rows) == 6


def test_places_distances_and_bearings(runner):
    rows = csv_rows(run(runner, "places", "--format", "csv", catch=False))
    assert list(rows[0]) == list(PLACE_COLUMNS)
    by_id = {row["id"]: row for row in rows}
    assert rows[0]["id"] == "pokrovsk" and rows[0]["distance_km"] == ""
    assert float(by_id["kramatorsk"]["distance_km"]) == pytest.approx(59, abs=3)
    assert by_id["kramatorsk"]["compass"] == "NNE"
    assert "Krasnoarmeysk" in by_id["pokrovsk"]["other_names"].split(";")
    located = [row for row in rows[1:] if row["lat"]]
    kms = [float(row["distance_km"]) for row in located]
    assert kms == sorted(kms)
    # Places without verified coordinates come last, with no distance.
    unlocated = rows[1 + len(located) :]
    assert unlocated and all(r["lat"] == r["distance_km"] == r["compass"] == "" for r in unlocated)
    assert by_id["udachne"] in unlocated


def test_places_json_and_table(runner):
    document = json.loads(run(runner, "places", "-f", "json", catch=False).stdout)
    assert document["distances_from"] == "pokrovsk"
    assert sorted(p["id"] for p in document["places"]) == sorted(p["id"] for p in RAW["places"])
    myrnohrad = next(p for p in document["places"] if p["id"] == "myrnohrad")
    assert myrnohrad["distance_km"] == pytest.approx(6.4, abs=0.1)
    # From (48.2828, 37.1828) to (48.2911, 37.2681): 0.92 km north, 6.32 km east.
    assert (myrnohrad["bearing_deg"], myrnohrad["compass"]) == (82, "E")
    table = run(runner, "places", catch=False).stdout
    assert "Kramatorsk" in table and "NNE 30°" in table


def test_places_with_a_small_dataset(runner):
    result = run(runner, "places", *DATA, "-f", "csv", catch=False)
    assert [row["id"] for row in csv_rows(result)] == ["pokrovsk", "myrnohrad"]


def test_sources_counts_add_up(runner):
    rows = csv_rows(run(runner, "sources", "--format", "csv", catch=False))
    assert list(rows[0]) == list(SOURCE_COLUMNS)
    assert {row["id"] for row in rows} == {source["id"] for source in RAW["sources"]}
    assert sum(int(row["events"]) for row in rows) == sum(len(e["sources"]) for e in RAW["events"])
    assert sum(int(row["facts"]) for row in rows) == sum(len(fact_sources(f)) for f in RAW["facts"])
    assert rows[0]["id"] == "reuters-2025-11-03"  # the base article is the most cited
    base = cited_by("reuters-2025-11-03")
    assert (rows[0]["events"], rows[0]["facts"], rows[0]["places"]) == tuple(map(str, base))
    document = json.loads(run(runner, "sources", "-f", "json").stdout)
    assert document["sources"][0]["events"] == int(rows[0]["events"])
    table = run(runner, "sources").stdout.splitlines()
    assert table[1].split()[0] == "reuters-2025-11-03"  # the first row, as in the CSV
    assert table[1].split()[-3:] == [str(count) for count in base]


def fact_sources(fact: dict) -> set[str]:
    """What a fact of the raw YAML cites: its own sources and those of its earlier values."""
    return {*fact["sources"], *(s for value in fact.get("history", ()) for s in value["sources"])}


def cited_by(source: str) -> tuple[int, int, int]:
    """How many events, facts and places of the bundled file cite `source`."""
    return (
        sum(source in event["sources"] for event in RAW["events"]),
        sum(source in fact_sources(fact) for fact in RAW["facts"]),
        sum(source in place["sources"] for place in RAW["places"]),
    )


@pytest.mark.parametrize(
    ("command", "choices"),
    [
        ("fact", "'table', 'csv', 'tsv', 'json', 'jsonl', 'markdown', 'html'"),
        ("places", "'table', 'csv', 'tsv', 'json', 'jsonl', 'markdown', 'geojson', 'html'"),
        ("sources", "'table', 'csv', 'tsv', 'json', 'jsonl', 'markdown', 'html'"),
    ],
)
def test_an_unknown_format_is_a_usage_error(runner, command, choices):
    result = run(runner, command, "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: Invalid value for '--format' / '-f': 'xml' is not one of {choices}.",
        f"hint: see 'pokrovsk {command} --help'",
    ]


# --- untrusted text ----------------------------------------------------------------------------

HOSTILE_TEXT = "[bold red]BOOM[/] \x1b[31mred\x1b[0m"


@pytest.fixture
def hostile_data(monkeypatch, small):
    # Built in-process: the loader refuses escapes in files, so this tests the writers' own wall.
    from dataclasses import replace

    dataset = with_hostile_text(small, HOSTILE_TEXT + " prewar population")
    facts = tuple(
        replace(f, answer=HOSTILE_TEXT) if f.id == "prewar-population" else f for f in dataset.facts
    )
    serve(monkeypatch, replace(dataset, facts=facts))


# HOSTILE_TEXT as a person must see it: the markup literal, the escapes spelled out.
INERT = r"[bold red]BOOM[/] \x1b[31mred\x1b[0m"


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (  # every entry's title says "prewar population": an answer or weak matches, as sure
            ["fact", "prewar population"],
            [f"prewar population {INERT} prewar population"],
        ),
        (["fact", "--explain", "prewar population"], ["top         fact prewar-population"]),
        (["fact"], [f"prewar-population prewar population {INERT} prewar population 60,000"]),
        (["places"], [f"myrnohrad Myrnohrad {INERT} prewar population Dymytrov, Dimitrov"]),
        (  # no hostile text in sources: the rows are small.yaml's own
            ["sources"],
            [
                'src-a Example Wire — Town falls, "officials" say; 3,000 left 17 Feb 2024      4'
                "     1      2",
                "src-b Ministry Bulletin — Claims of capture                  Nov 2025         3"
                "     0      0",
            ],
        ),
    ],
)
def test_data_text_is_printed_literally(runner, hostile_data, command, shown):
    result = run(runner, *command, catch=False)
    assert result.exit_code in ((0, 1) if command[0] == "fact" and len(command) > 1 else (0,))
    assert "\x1b" not in result.stdout
    if command != ["sources"]:
        assert "[bold red]BOOM[/]" in result.stdout and "\\x1b[31mred" in result.stdout
    lines = result.stdout.splitlines()
    for line in shown:
        assert any(line in shown_line for shown_line in lines), (line, lines)


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_a_blank_question_lists_every_fact(runner, blank):
    rows = csv_rows(run(runner, "fact", blank, "-f", "csv", "--columns", "id", catch=False))
    assert [row["id"] for row in rows] == [fact["id"] for fact in RAW["facts"]]


def test_a_question_of_thousands_of_words_is_echoed_cut(runner):
    question = " ".join(["zqxw"] * 3000)  # 14,999 characters
    result = run(runner, "fact", question)
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    # 119 characters of the question and an ellipsis, inside the quotes.
    assert (
        error == f"pokrovsk: error: no answer to '{question[:119]}…':"
        " no entry in the data matches 'zqxw'"
    )
    assert hint == "hint: run 'pokrovsk fact' to list every fact"

"""A corrected or retracted entry is shown as such wherever it appears: tables, `show`, answers,
records, HTML. On tests/fixtures/datasets/changes.yaml: `shelling` was re-dated, `rumour`
retracted, `capture-claim` never corrected."""

from __future__ import annotations

import io
import json

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.events import write_event_detail, write_event_table
from tests.conftest import FIXTURES

CHANGES = FIXTURES / "datasets" / "changes.yaml"
DATA = ["--no-bundled", "--data", str(CHANGES)]


def dataset():
    return load_dataset([CHANGES], bundled=False)


def draw(write, listing) -> list[str]:
    stream = io.StringIO()
    write(listing, stream, OutputOptions(terminal=True, width=120, color=False))
    return [line.rstrip() for line in stream.getvalue().splitlines()]


def test_the_timeline_marks_corrected_and_retracted_events_under_their_status():
    data = dataset()
    lines = draw(write_event_table, Listing("events", data.events, data))
    text = "\n".join(lines)
    assert text.count("✎ corrected") == 1 and text.count("✗ retracted") == 1
    shelling = next(n for n, line in enumerate(lines) if "Shelling of the centre" in line)
    rumour = next(n for n, line in enumerate(lines) if "A rumour of a ceasefire" in line)
    assert "✎ corrected" in lines[shelling + 1]
    assert "✗ retracted" in lines[rumour + 1]


def test_show_gives_each_correction_a_row_with_what_and_why():
    data = dataset()
    rumour = next(e for e in data.events if e.id == "rumour")
    lines = draw(write_event_detail, Listing("event", rumour, data))
    assert (
        "│ retracted  26 Nov 2026: No source confirmed it; the wire withdrew its report."
        in "\n".join(lines)
    )


def test_records_and_json_carry_the_corrections(runner):
    result = runner.invoke(app, ["timeline", *DATA, "-f", "json"], catch_exceptions=False)
    by_id = {e["id"]: e for e in json.loads(result.stdout)["events"]}
    assert by_id["shelling"]["corrections"] == ["shelling-date"]
    assert by_id["rumour"]["corrections"] == ["rumour-retracted"]
    assert by_id["capture-claim"]["corrections"] == []
    shown = json.loads(runner.invoke(app, ["show", "shelling", *DATA, "-f", "json"]).stdout)
    assert shown["event"]["corrections"] == [
        {
            "id": "shelling-date",
            "date": "2026-11-28",
            "entry": "shelling",
            "change": "date",
            "was": "2026-11-10",
            "now": "2026-11-09",
            "why": "The report came out on the 10th about shelling the night before.",
            "sources": ["wire"],
            "dataset": str(CHANGES),
        }
    ]
    answer = json.loads(
        runner.invoke(app, ["fact", "rumour of a ceasefire", *DATA, "-f", "json"]).stdout
    )
    best = answer["answer"] or answer["closest"][0]
    assert best["id"] == "rumour" and [c["id"] for c in best["corrections"]] == ["rumour-retracted"]


def test_the_html_card_says_so(runner):
    page = runner.invoke(app, ["timeline", *DATA, "-f", "html"], catch_exceptions=False).stdout
    assert (
        "<strong>Retracted 26 Nov 2026: No source confirmed it; the wire withdrew its report."
        in page
    )
    assert "<strong>Corrected 28 Nov 2026: date was 2026-11-10, now 2026-11-09." in page


def test_the_fact_place_and_source_tables_mark_their_corrections(tmp_path):
    from dataclasses import replace

    from pokrovsk_cli.answers.citations import count_citations
    from pokrovsk_cli.answers.geo import distances_from
    from pokrovsk_cli.data.model import Change, Correction
    from pokrovsk_cli.output.terminal.lookup import (
        write_fact_table,
        write_place_table,
        write_source_table,
    )

    data = dataset()
    log = (
        Correction(
            "f", data.events[0].added, "residents", Change.FIGURE, "900", "1000", "w", ("wire",)
        ),  # type: ignore[arg-type]
        Correction(
            "p", data.events[0].added, "pokrovsk", Change.RETRACTED, "x", None, "w", ("wire",)
        ),  # type: ignore[arg-type]
        Correction("s", data.events[0].added, "wire", Change.FIGURE, "a", "b", "w", ("wire",)),  # type: ignore[arg-type]
    )
    data = replace(data, corrections=log)
    facts = "\n".join(draw(write_fact_table, Listing("facts", data.facts, data)))
    places = "\n".join(
        draw(write_place_table, Listing("places", distances_from(None, data.places.values()), data))
    )
    sources = "\n".join(draw(write_source_table, Listing("sources", count_citations(data), data)))
    assert "✎ corrected" in facts and "✗ retracted" in places and "✎ corrected" in sources

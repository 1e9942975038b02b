"""Curators: `validate`, layered user files, `replaces`, POKROVSK_DATA, and `new event`."""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data.files import bundled_file
from pokrovsk_cli.data.templates import event_template, fresh_id
from tests.conftest import BUNDLED_FILE, FIXTURES, HOSTILE, bundled_raw

NEWSROOM = FIXTURES / "datasets" / "newsroom.yaml"
NEWSROOM_IDS = {f"newsroom-{n}" for n in ("one", "two", "three", "four", "five")}
POSITION = re.compile(r"^.+\.yaml:\d+:\d+: ")


def run(runner, *args, env=None):
    return runner.invoke(app, list(args), env=env)


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- validate ---------------------------------------------------------------------------------


def test_validate_the_bundled_data(runner):
    result = run(runner, "validate")
    assert result.exit_code == 0, result.output
    raw = bundled_raw()  # counted without our loader
    count = {kind: len(raw[kind]) for kind in ("events", "facts", "places", "sources", "actors")}
    assert result.stdout == (
        f"ok: bundled data: {count['events']} events, {count['facts']} facts,"
        f" {count['places']} places, {count['sources']} sources, {count['actors']} actors\n"
    )


UNDATED_HINT = (
    "hint: add the day each entered the data, e.g. added: 2026-12-01 ('pokrovsk changes')"
)


def test_validate_prints_every_problem_with_its_position(runner):
    files = [HOSTILE / "fact-status.yaml", HOSTILE / "not-yaml.yaml", HOSTILE / "bad-date.yaml"]
    result = run(runner, "validate", "--no-bundled", *map(str, files))
    assert result.exit_code == 1
    assert result.stderr == ""  # the problems are the output, not an error of the tool
    lines = result.stdout.splitlines()
    problems = [line for line in lines if not line.startswith(("  hint:", "ok:"))][:-1]
    assert all(POSITION.match(line) for line in problems), problems
    facts, broken, dates = files
    again = "hint: give it another id, or add 'replaces: true' to replace that one"
    assert lines == [
        f"{facts}:21:13: a fact cannot be disputed",
        "  hint: make it an event with 'denied_by'",
        f"{facts}:27:13: a claimed fact must name who claims it in 'attributed_to'",
        f"{broken}:21:12: not valid YAML: did not find expected ',' or ']'",
        # bad-date.yaml defines small ids the first file defined too
        f"{dates}:3:9: duplicate source id 'src-a': already defined at {facts}:3",
        f"  {again}",
        f"{dates}:8:9: duplicate place id 'pokrovsk': already defined at {facts}:8",
        f"  {again}",
        f"{dates}:19:11: bad date in 'date': '2024-13-45' is not a real calendar date (month must"
        " be in 1..12)",
        "  hint: use YYYY, YYYY-MM, YYYY-MM-DD, optionally ending in ~ or ?, or an interval A/B",
        # A user's file without curation dates is only warned, once per file.
        f"{facts}:3:9: warning: 4 entries have no 'added' date (the first here)",
        f"  {UNDATED_HINT}",
        f"{dates}:3:9: warning: 3 entries have no 'added' date (the first here)",
        f"  {UNDATED_HINT}",
        f"6 problem(s), 2 warning(s) in {facts}, {broken}, {dates}",
    ]


def test_validate_suggests_the_field_meant(runner):
    path = HOSTILE / "unknown-field.yaml"
    result = run(runner, "validate", "--no-bundled", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:21:13: unknown field 'sumary' in event",
        "  hint: did you mean 'summary'?",
        f"{path}:18:5: event is missing required field 'summary'",
        f"{path}:3:9: warning: 3 entries have no 'added' date (the first here)",
        f"  {UNDATED_HINT}",
        f"2 problem(s), 1 warning(s) in {path}",
    ]


def test_an_unused_source_is_a_warning_not_a_problem(runner, tmp_path):
    text = NEWSROOM.read_text(encoding="utf-8").replace(
        "events:",
        "  - id: never-cited\n    added: 2025-12-02\n    publisher: P\n    title: T\nevents:",
        1,
    )
    path = tmp_path / "warn.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(runner, "validate", str(path))
    assert result.exit_code == 0, result.output
    raw = bundled_raw()  # counted without our loader
    count = {kind: len(raw[kind]) for kind in ("events", "facts", "places", "sources", "actors")}
    assert result.stdout.splitlines() == [
        f"{path}:11: warning: source 'never-cited' is cited by no event, fact or place",
        "  hint: cite it, or remove it",
        f"ok: bundled data, {path}: {count['events'] + 5} events, {count['facts']} facts,"
        f" {count['places']} places, {count['sources'] + 2} sources, {count['actors']} actors,"
        " 1 warning(s)",  # newsroom.yaml adds 5 events, its own source and 'never-cited'
    ]


def test_validate_no_bundled_needs_a_file(runner):
    result = run(runner, "validate", "--no-bundled")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "pokrovsk: error: --no-bundled needs at least one FILE to check"
    ]


# --- layers -----------------------------------------------------------------------------------


def test_a_user_file_adds_to_the_bundled_data(runner, bundled):
    result = run(runner, "timeline", "--data", str(NEWSROOM), "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert len(rows) == len(bundled.events) + 5
    origin = {row["id"]: row["dataset"] for row in rows}
    assert {i for i, d in origin.items() if d == str(NEWSROOM)} == NEWSROOM_IDS
    assert origin["avdiivka-falls"] == "bundled"


def test_user_events_cite_bundled_sources_and_places(runner):
    result = run(runner, "show", "newsroom-two", "--data", str(NEWSROOM))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Newsroom entry two, known to the month"
    # The bundled place, actor and source, as data/events.yaml gives them.
    myrnohrad = "places    Myrnohrad (Мирноград, Dymytrov, Dimitrov, Димитров) · 48.2911, 37.2681"
    assert myrnohrad in lines
    assert "          claimed by Ukrainian armed forces" in lines
    at = lines.index("sources   1. Example Newsroom — Desk notes on Pokrovsk (Nov 2025)")
    assert lines[at + 1 : at + 3] == [
        "             https://example.org/desk/pokrovsk",
        "          2. Reuters — Explainer on Pokrovsk, key facts (exact headline not recorded)"
        " (3 Nov 2025)",
    ]
    assert f"dataset   {NEWSROOM}" in result.stdout


def test_no_bundled_uses_only_the_given_files(runner):
    result = run(runner, "timeline", "--no-bundled", "--data", str(NEWSROOM), "-f", "csv")
    # Alone, the file cites a bundled source and places it does not define.
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {NEWSROOM}:18:13: event cites unknown place 'pokrovsk' in 'places'",
        f"hint: define it under 'places' first (8 more problem(s); 'pokrovsk validate --no-bundled"
        f" {NEWSROOM}' lists them all)",
    ]


def test_pokrovsk_data_lists_files_like_path(runner, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(
        NEWSROOM.read_text(encoding="utf-8")
        .replace("newsroom-", "other-")
        .replace("other-desk", "newsroom-desk")
        .replace("id: newsroom-desk-2025-11", "id: other-desk-2025-11"),
        encoding="utf-8",
    )
    env = {"POKROVSK_DATA": os.pathsep.join([str(NEWSROOM), str(other)])}
    result = run(runner, "timeline", "--since", "2025-11", "-f", "csv", env=env)
    assert result.exit_code == 0, result.output
    datasets = {row["dataset"] for row in csv_rows(result.stdout)}
    assert datasets == {"bundled", str(NEWSROOM), str(other)}


def test_a_duplicate_id_across_files_names_both_places(runner, tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(
        NEWSROOM.read_text(encoding="utf-8").replace("id: newsroom-one", "id: avdiivka-falls"),
        encoding="utf-8",
    )
    result = run(runner, "timeline", "--data", str(path))
    assert result.exit_code == 1
    bundled = BUNDLED_FILE.read_text(encoding="utf-8")
    line = bundled[: bundled.index("  - id: avdiivka-falls\n")].count("\n") + 1
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {path}:12:9: duplicate event id 'avdiivka-falls': already defined at"
        f" {bundled_file()}:{line}",  # where the installed package keeps it
        "hint: give it another id, or add 'replaces: true' to replace that one",
    ]


def test_replaces_true_replaces_the_earlier_entry(runner, tmp_path):
    path = tmp_path / "fix.yaml"
    path.write_text(
        NEWSROOM.read_text(encoding="utf-8").replace(
            "  - id: newsroom-one\n", "  - id: avdiivka-falls\n    replaces: true\n"
        ),
        encoding="utf-8",
    )
    result = run(runner, "timeline", "--data", str(path), "--on", "2025-11-05", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in csv_rows(result.stdout)}
    assert rows["avdiivka-falls"]["title"] == "Newsroom entry one"
    assert rows["avdiivka-falls"]["dataset"] == str(path)
    assert run(runner, "timeline", "--data", str(path), "--on", "2024-02-17").exit_code == 1


def test_replaces_needs_an_earlier_entry(runner, tmp_path):
    path = tmp_path / "lonely.yaml"
    path.write_text(
        NEWSROOM.read_text(encoding="utf-8").replace(
            "  - id: newsroom-one\n", "  - id: newsroom-one\n    replaces: true\n"
        ),
        encoding="utf-8",
    )
    result = run(runner, "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:12:9: event 'newsroom-one' says 'replaces: true' but no earlier file defines it",
        "  hint: remove 'replaces', or check the id",
        f"1 problem(s) in bundled data, {path}",
    ]


# --- new event --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "ident"),
    [
        ("Drone strike on the railway station!", "drone-strike-on-the-railway-station"),
        ("Мирноград: what's next?", "whats-next"),
        ("Slov'yansk shelled", "slovyansk-shelled"),
        ("!!!", "new-event"),
        ("avdiivka falls", "avdiivka-falls-2"),
    ],
)
def test_fresh_id(title, ident):
    assert fresh_id(title, {"avdiivka-falls"}) == ident


def test_the_template_validates_as_printed(runner, tmp_path):
    result = run(runner, "new", "event", 'A "quoted": title # not a comment')
    assert result.exit_code == 0, result.output
    path = tmp_path / "mine.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    check = run(runner, "validate", str(path))
    assert check.exit_code == 0, check.output
    shown = run(runner, "timeline", "--data", str(path), "--on", "today", "-f", "csv")
    (row,) = csv_rows(shown.stdout)
    assert row["title"] == 'A "quoted": title # not a comment'
    assert row["date"] == date.today().isoformat()


def test_the_template_takes_the_date_it_is_given():
    text = event_template("Anything", date(2025, 3, 4), set())
    assert "    date: 2025-03-04\n" in text and "  - id: anything  #" in text


def test_new_event_never_touches_the_bundled_file(runner):
    from pokrovsk_cli.data.files import bundled_data_path

    before = bundled_data_path().read_bytes()
    run(runner, "new", "event", "Something")
    assert bundled_data_path().read_bytes() == before

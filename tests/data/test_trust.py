"""How current the data is, who says what, where a source was read, and figures over time.

Expected values come from the fixture files as written (read here with PyYAML or by finding the
text), not from the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from datetime import date

import pytest

from pokrovsk_cli.answers.about import stale_warning
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data.dates import parse_data_date
from pokrovsk_cli.data.layers import check_layers
from pokrovsk_cli.data.load import validate_files
from pokrovsk_cli.data.provenance import is_mirror
from tests.conftest import FIXTURES, bundled_raw, drain

CURATED = FIXTURES / "datasets" / "curated.yaml"
ONLY = ["--no-bundled", "--data", str(CURATED)]
RAW = bundled_raw()


def run(runner, *args, env=None):
    return runner.invoke(app, list(args), env=env)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first `needle` (after the first `after`) in a fixture's text."""
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def problems_of(tmp_path, text: str, today: date = date(2026, 12, 1)) -> list[str]:
    """The problem messages of one file checked on its own."""
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    from pokrovsk_cli.data.files import read_yaml

    checked = check_layers([(str(path), str(path), read_yaml(path))], today=today)
    return [problem.message.replace(str(path), "F") for problem in checked.problems]


# --- how current the data is ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "warned"),
    [
        (date(2026, 3, 19), False),
        (date(2026, 4, 18), False),  # 30 days: still fresh
        (date(2026, 4, 19), True),  # 31 days
        (date(2026, 12, 1), True),
    ],
)
def test_stale_warning_after_30_days(today, warned):
    line = stale_warning(parse_data_date("2026-03-19"), today)
    assert (line is not None) == warned
    if warned:
        days = (today - date(2026, 3, 19)).days
        assert (
            line
            == f"pokrovsk: note: the data ends on 2026-03-19, {days} days ago; see 'pokrovsk about'"
        )
        assert len(line) <= 80


def test_no_stale_warning_without_a_curated_date():
    assert stale_warning(None, date(2030, 1, 1)) is None


def _on_a_terminal(*args: str, env: dict[str, str]) -> tuple[int, str]:
    """Run pokrovsk with stderr on a pseudo-terminal; return its exit code and what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-m", "pokrovsk_cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    return process.returncode, drain(leader).decode("utf-8", "replace")


@pytest.mark.parametrize("quiet", [False, True])
def test_the_stale_note_shows_once_on_a_terminal_unless_silenced(quiet):
    env = {k: v for k, v in os.environ.items() if k != "POKROVSK_QUIET_STALE"}
    env.update({"NO_COLOR": "1", "COLUMNS": "100"})
    if quiet:
        env["POKROVSK_QUIET_STALE"] = "1"
    # Today is well past the bundled data's curated_through, whatever day the tests run.
    code, shown = _on_a_terminal("timeline", "--since", "2026", "-f", "csv", env=env)
    assert code == 0
    notes = [line for line in shown.splitlines() if line.startswith("pokrovsk: note:")]
    if quiet:
        assert notes == []
    else:
        curated = RAW["dataset"]["curated_through"]
        assert len(notes) == 1 and f"the data ends on {curated.isoformat()}" in notes[0]


def test_no_stale_note_when_stderr_is_not_a_terminal(runner):
    result = run(runner, "timeline", "--since", "2026", "-f", "csv")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_date_past_the_data_says_where_the_data_ends(runner):
    result = run(runner, "timeline", "--since", "2026-06")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "pokrovsk: error: no events match: the data ends on 19 Mar 2026, before 2026-06",
        "hint: the curators last checked the news then; see 'pokrovsk about'",
    ]
    on = run(runner, "chart", "--on", "2027")
    assert on.exit_code == 1
    assert on.stderr.splitlines() == [
        "pokrovsk: error: no events match: the data ends on 19 Mar 2026, before 2027",
        "hint: the curators last checked the news then; see 'pokrovsk about'",
    ]
    inside = run(runner, "timeline", "--on", "2026-03-18")  # inside the data, nothing that day
    assert inside.exit_code == 1
    assert inside.stderr.splitlines() == [
        "pokrovsk: error: no events match these filters",
        "hint: try fewer or wider filters",
    ]


def test_about_as_json_counts_what_the_file_holds(runner):
    document = json.loads(run(runner, "about", "-f", "json").stdout)
    assert document["data_as_of"] == RAW["dataset"]["curated_through"].isoformat()
    assert document["data_version"] == RAW["dataset"]["version"]
    curated = RAW["dataset"]["curated_through"]
    assert document["days_since_curated"] == (date.today() - curated).days
    assert document["counts"] == {
        kind: len(RAW[kind]) for kind in ("events", "facts", "places", "sources", "actors")
    }
    months = [row["month"] for row in document["events_per_month"]]
    assert len(months) == 24 and months[0] == "2024-04" and months[-1] == "2026-03"
    by_month = {row["month"]: row["events"] for row in document["events_per_month"]}
    # Events whose own date is one day or month of March 2026, read from the file itself.
    march = [e for e in RAW["events"] if str(e["date"]).startswith("2026-03")]
    within = [e for e in march if "/" not in str(e["date"]) or str(e["date"]).count("2026-03") == 2]
    assert by_month["2026-03"] == len(within) == 5
    assert document["layers"] == [
        {"dataset": "bundled", "version": "2026.12.2", "curated_through": "2026-03-19"}
    ]


def test_about_for_people_fits_80_columns(runner):
    result = run(runner, "about")
    assert result.exit_code == 0
    assert "curated through  19 Mar 2026" in result.stdout
    assert f"{len(RAW['events'])} events, {len(RAW['facts'])} facts" in result.stdout
    assert "2024-04 … 2026-03, one mark a month" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    from pokrovsk_cli.answers.about import describe
    from pokrovsk_cli.data.load import load_dataset
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing
    from pokrovsk_cli.output.terminal.lookup import write_about

    dataset = load_dataset()
    stream = io.StringIO()
    person = OutputOptions(terminal=True, width=80, color=False)
    about = describe(dataset, date(2026, 12, 1))
    write_about(Listing("about", about, dataset), stream, person)
    panel = stream.getvalue().splitlines()
    assert panel[0].startswith("╭─ pokrovsk dataset") and all(len(line) <= 80 for line in panel)
    assert "│ stale            257 days ago: newer events are not in the data" in stream.getvalue()
    assert "POKROVSK_QUIET_STALE=1 silences the note on stderr" in stream.getvalue()
    fresh = io.StringIO()
    write_about(Listing("about", describe(dataset, date(2026, 4, 1)), dataset), fresh, person)
    assert "stale" not in fresh.getvalue()
    rows = [line.strip("│ ") for line in fresh.getvalue().splitlines()[1:4]]
    assert rows == [  # curated two weeks before: no stale row between these
        f"version          {RAW['dataset']['version']}",
        "curated through  19 Mar 2026",
        f"holds            {len(RAW['events'])} events, {len(RAW['facts'])} facts,"
        f" {len(RAW['places'])} places, {len(RAW['sources'])} sources, {len(RAW['actors'])} actors",
    ]


def test_a_newer_layer_date_applies(runner, tmp_path):
    newer = tmp_path / "newer.yaml"
    newer.write_text(
        CURATED.read_text(encoding="utf-8")
        .replace("curated_through: 2026-03-19", "curated_through: 2026-04-02")
        .replace('version: "t.1"', 'version: "t.2"'),
        encoding="utf-8",
    )
    result = run(
        runner, "about", "-f", "json", "--no-bundled", "--data", str(CURATED), "--data", str(newer)
    )
    # The two files define the same ids: refused, so layer only what differs.
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {newer}:9:9: duplicate source id 'wire': already defined at {CURATED}:9",
        "hint: give it another id, or add 'replaces: true' to replace that one (12 more"
        f" problem(s); 'pokrovsk validate --no-bundled {CURATED} {newer}' lists them all)",
    ]
    own = tmp_path / "own.yaml"
    own.write_text("schema_version: 1\ndataset:\n  curated_through: 2026-04-02\n", encoding="utf-8")
    document = json.loads(run(runner, "about", "-f", "json", "--data", str(own)).stdout)
    assert document["data_as_of"] == "2026-04-02"
    assert [layer["curated_through"] for layer in document["layers"]] == [
        "2026-03-19",
        "2026-04-02",
    ]


def test_version_names_the_data(runner):
    out = run(runner, "--version").stdout.strip()
    assert out.endswith(", data 2026.12.2, as of 19 Mar 2026")


def test_every_document_format_says_how_old_the_data_is(runner):
    for args in (["timeline"], ["places"], ["sources"], ["actors"], ["fact"]):
        document = json.loads(run(runner, *args, *ONLY, "-f", "json").stdout)
        assert document["data_as_of"] == "2026-03-19" and document["data_version"] == "t.1"
    geo = json.loads(run(runner, "timeline", *ONLY, "-f", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and geo["data_as_of"] == "2026-03-19"
    html = run(runner, "timeline", *ONLY, "-f", "html").stdout
    assert "data as of 19 Mar 2026 (version t.1)" in html.split("</h1>")[1].split("</p>")[0]
    ics = run(runner, "timeline", *ONLY, "-f", "ics").stdout_bytes.decode("utf-8")
    unfolded = ics.replace("\r\n ", "")  # RFC 5545 folds long lines
    description = [line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALDESC:")]
    assert description and "data as of 19 Mar 2026 (version t.1)" in description[0]
    csv_text = run(runner, "timeline", *ONLY, "-f", "csv").stdout
    assert "2026-03-19" not in csv_text and "data as of" not in csv_text  # rows only


def test_terminal_footers_say_data_as_of(runner):
    wide = {"COLUMNS": "120"}
    for args in (["timeline"], ["fact"], ["places"], ["sources"], ["actors"]):
        result = runner.invoke(app, [*args, *ONLY], env=wide, color=False)
        assert result.exit_code == 0, result.output
    # CliRunner output is not a terminal; the renderers are checked with terminal=True here.
    from pokrovsk_cli.data.load import load_dataset
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing
    from pokrovsk_cli.output.terminal.events import write_event_detail, write_event_table

    dataset = load_dataset([CURATED], bundled=False)
    person = OutputOptions(terminal=True, width=100, color=False)
    for write, items in (
        (write_event_table, dataset.events),
        (write_event_detail, dataset.events[0]),
    ):
        stream = io.StringIO()
        write(Listing("events", items, dataset), stream, person)
        assert "data as of 19 Mar 2026 (version t.1)" in stream.getvalue()


# --- actors ---------------------------------------------------------------------------------


def test_actors_listing_counts_claims_denials_and_assessments(runner):
    rows = {row["id"]: row for row in csv_rows(run(runner, "actors", *ONLY, "-f", "csv").stdout)}
    # Most named first, then by name: "A Monitor" before "The Ministry".
    assert list(rows) == ["staff", "monitor", "ministry"]
    assert rows["staff"] == {
        "id": "staff", "name": "The General Staff", "other_names": "", "side": "ukraine",
        "kind": "military", "events": "2", "claims": "1", "denials": "1", "assessments": "0",
        "note": "", "dataset": str(CURATED),
    }  # fmt: skip
    assert (rows["monitor"]["side"], rows["monitor"]["assessments"]) == ("independent", "1")


def test_bundled_actors_are_one_registry(runner):
    rows = csv_rows(run(runner, "actors", "-f", "csv").stdout)
    assert {row["id"] for row in rows} == {actor["id"] for actor in RAW["actors"]}
    named = {
        ref
        for event in RAW["events"]
        for key in ("actors", "claimed_by", "denied_by", "assessed_by")
        for ref in event.get(key) or []
    }
    assert named <= {row["id"] for row in rows}


@pytest.mark.parametrize("who", ["gerasimov", "Valery Gerasimov", "валерий герасимов"])
def test_claimed_by_takes_an_id_or_any_name(runner, who):
    rows = csv_rows(run(runner, "timeline", "--claimed-by", who, "-f", "csv").stdout)
    expected = [e["id"] for e in RAW["events"] if "gerasimov" in (e.get("claimed_by") or [])]
    assert sorted(row["id"] for row in rows) == sorted(expected) and len(expected) == 7


def test_claimed_by_an_unknown_actor_is_a_usage_error(runner):
    result = run(runner, "timeline", "--claimed-by", "gerasimof")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "pokrovsk: error: --claimed-by: no actor called 'gerasimof'",
        "hint: did you mean: gerasimov?",
    ]


@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        (["independent"], ["village-mapped"]),
        (["russia"], ["town-claimed"]),
        (["UKRAINE"], ["staff-holds"]),
        (["russia", "ukraine"], ["town-claimed", "staff-holds"]),
        (["other"], []),
    ],
)
def test_side_keeps_what_that_sides_actors_claim_or_assess(runner, sides, expected):
    args = [arg for side in sides for arg in ("--side", side)]
    result = run(runner, "timeline", *ONLY, *args, "-f", "csv")
    assert [row["id"] for row in csv_rows(result.stdout)] == expected
    assert result.exit_code == (0 if expected else 1)


def test_side_independent_on_the_bundled_data_is_the_assessments(runner):
    rows = csv_rows(run(runner, "timeline", "--side", "independent", "-f", "csv").stdout)
    expected = [e["id"] for e in RAW["events"] if e["status"] == "assessed"]
    assert sorted(row["id"] for row in rows) == sorted(expected) and len(expected) >= 4
    assert {row["status"] for row in rows} == {"assessed"}


def test_tables_name_actors_machine_formats_give_ids(runner):
    document = json.loads(run(runner, "show", "town-claimed", *ONLY, "-f", "json").stdout)
    assert (document["event"]["claimed_by"], document["event"]["denied_by"]) == (
        ["ministry"],
        ["staff"],
    )
    shown = run(runner, "show", "town-claimed", *ONLY).stdout
    assert "claimed by The Ministry" in shown and "denied by The General Staff" in shown
    assessed = run(runner, "show", "village-mapped", *ONLY).stdout
    assert "◇ assessed" in assessed and "assessed by A Monitor" in assessed


# --- validation of the new fields -----------------------------------------------------------

BASE = CURATED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "claimed_by: [ministry]",
            "claimed_by: [ministsry]",
            "claimed_by: [ministsry]",
            "event cites unknown actor 'ministsry' in 'claimed_by'",
        ),
        (
            "    name: The General Staff\n    side: ukraine\n",
            "    name: The General Staff\n",
            "  - id: staff",
            "actor is missing required field 'side'",
        ),
        (
            "assessed_by: [monitor]",
            "assessed_by: [ministry]",
            "assessed_by: [ministry]",
            "'ministry' speaks for russia: its statement is a claim",
        ),
        (
            "claimed_by: [staff]",
            "claimed_by: [monitor]",
            "claimed_by: [monitor]",
            "'monitor' is independent: its judgement is an assessment, not a claim",
        ),
        (
            "    assessed_by: [monitor]\n",
            "",
            "status: assessed",
            "an assessed event must name whose assessment it is in 'assessed_by'",
        ),
        (
            "        as_of: 2025-01-10\n",
            "        as_of: 2024-01-10\n",
            "as_of: 2024-01-10",
            "history is out of date order: 2024-01-10 does not come after 2024-09",
        ),
        (
            "        as_of: 2025-01-10\n",
            "        as_of: 2026-03-05\n",
            "as_of: 2026-03-05",
            "history value of 2026-03-05 is not before the fact's as_of 2026-03-01",
        ),
        (
            "        as_of: 2024-09\n        sources: [both]\n",
            "        as_of: 2024-09\n",
            "      - value: 26000",
            "history entry is missing required field 'sources'",
        ),
        ("low: 15", "low: 18", "low: 18", "'low' (18) is above 'high' (17)"),
        ("    high: 17\n", "", "low: 15", "a range needs both 'low' and 'high'"),
        (
            "url: https://example.org/daily",
            "url: https://www.devdiscourse.com/article/both",
            "url: https://www.devdiscourse.com",
            "url is a copy at 'devdiscourse.com', not the publisher's own page",
        ),
        (
            "publisher: Example Daily",
            "publisher: Reuters (via Example Daily)",
            "publisher: Reuters (via",
            "publisher 'Reuters (via Example Daily)' names where a copy was read",
        ),
        (
            "    note: Coordinates not verified in any source we read.\n",
            "",
            "  - id: village",
            "a place without 'lat' and 'lon' needs a 'note' saying why",
        ),
        (
            "    lon: 37.1828\n",
            "",
            "  - id: town",
            "place is missing required field 'lon'",
        ),
        (
            "places: [village]",
            "places: [hamlet]",
            "places: [hamlet]",
            "event cites unknown place 'hamlet' in 'places'",
        ),
        (
            "curated_through: 2026-03-19",
            "curated_through: 2026-02-01",
            "curated_through: 2026-02-01",
            "curated_through 2026-02-01 is before the newest event it vouches for"
            " (staff-holds, 2026-03)",
        ),
        (
            "curated_through: 2026-03-19",
            "curated_through: 2027-01-01",
            "curated_through: 2027-01-01",
            "curated_through 2027-01-01 is in the future (today is 2026-12-01)",
        ),
        (
            "curated_through: 2026-03-19",
            "curated_through: 2026-03",
            "curated_through: 2026-03",
            "'curated_through' must be one day, like 2026-03-19",
        ),
    ],
)
def test_each_new_field_is_checked_with_its_position(tmp_path, old, new, needle, message):
    assert BASE.count(old) == 1
    text = BASE.replace(old, new)
    line = line_of(text, needle)
    problems = problems_of(tmp_path, text)
    assert any(p.startswith(f"F:{line}:") and p.endswith(message) for p in problems), problems


def test_validate_lists_a_new_field_problem_with_file_line_and_hint(runner, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BASE.replace("claimed_by: [ministry]", "claimed_by: [ministsry]"), "utf-8")
    result = run(runner, "validate", "--no-bundled", str(path))
    assert result.exit_code == 1
    line = line_of(path.read_text("utf-8"), "claimed_by: [ministsry]")
    assert result.stdout.splitlines()[:2] == [
        f"{path}:{line}:17: event cites unknown actor 'ministsry' in 'claimed_by'",
        "  hint: did you mean 'ministry'?",
    ]


def test_the_bundled_data_is_clean_and_curated_through_holds():
    checked = validate_files([])
    assert checked.problems == [] and checked.dataset is not None
    newest = max(event.date.first for event in checked.dataset.events)
    assert newest <= date(2026, 3, 19) == checked.dataset.curated_through.last


# --- where a source was read ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "mirror"),
    [
        ("https://wiki.riteme.site/wiki/Krasnoarmiysk", True),
        ("https://test.daily8.com/en/article/x", True),  # a parent domain is listed
        ("https://www.devdiscourse.com/article/x", True),
        ("https://en.wikipedia.org/wiki/Pokrovsk", False),
        ("https://kyivindependent.com/x", False),
        ("https://notdaily8.com/x", False),  # a host that only ends like a listed one
    ],
)
def test_mirror_hosts(url, mirror):
    assert is_mirror(url) is mirror


def test_no_bundled_source_url_is_a_mirror():
    for source in RAW["sources"]:
        if source.get("url"):
            assert not is_mirror(source["url"]), source["id"]
        assert "(via " not in source["publisher"], source["id"]


def test_show_puts_the_publishers_url_first_and_marks_copies(runner):
    out = run(runner, "show", "village-mapped", *ONLY).stdout
    assert "https://example.org/wire" in out
    assert "no publisher URL known; copy at wikimili.com: https://wikimili.com/en/A_village" in out
    both = run(runner, "show", "town-claimed", *ONLY).stdout
    first, copy = both.index("https://example.org/daily"), both.index("(copy at devdiscourse.com:")
    assert first < copy


def test_sources_copies_only(runner):
    rows = csv_rows(run(runner, "sources", *ONLY, "--copies-only", "-f", "csv").stdout)
    assert [(row["id"], row["url"], row["copy_url"]) for row in rows] == [
        ("mirrored", "", "https://wikimili.com/en/A_village")
    ]
    bundled = csv_rows(run(runner, "sources", "--copies-only", "-f", "csv").stdout)
    assert sorted(row["id"] for row in bundled) == sorted(
        s["id"] for s in RAW["sources"] if not s.get("url")
    )


def test_the_base_article_records_its_copy(runner):
    (base,) = [s for s in RAW["sources"] if s["id"] == "reuters-2025-11-03"]
    assert base["url"] is None and base["copy_url"].startswith("https://www.the-independent.com/")
    out = run(runner, "fact", "prewar population").stdout
    assert "no publisher URL known; copy at the-independent.com:" in out


def test_places_without_coordinates(runner):
    rows = csv_rows(run(runner, "places", *ONLY, "-f", "csv").stdout)
    village = next(row for row in rows if row["id"] == "village")
    assert (village["lat"], village["lon"], village["distance_km"]) == ("", "", "")
    geo = json.loads(run(runner, "places", *ONLY, "-f", "geojson").stdout)
    (feature,) = [f for f in geo["features"] if f["id"] == "place:village"]
    assert feature["geometry"] is None
    shown = run(runner, "show", "village-mapped", *ONLY).stdout
    assert "Village · coordinates not verified" in shown


# --- figures that change over time ----------------------------------------------------------


def test_fact_json_has_the_history_oldest_first(runner):
    document = json.loads(run(runner, "fact", "residents left", *ONLY, "-f", "json").stdout)
    answer = document["answer"]
    assert (answer["value"], answer["date"]) == (1200, "2026-03-01")
    history = answer["history"]
    assert [(h["value"], h["as_of"], h["status"], h["attributed_to"]) for h in history] == [
        (26000, "2024-09", "reported", None),
        (7000, "2025-01-10", "claimed", "The Ministry"),
        (1200, "2026-03-01", "reported", "The city"),
    ]
    assert [s["id"] for s in history[0]["sources"]] == ["both"]  # full source records
    assert history[0]["sources"][0]["copy_url"] == "https://www.devdiscourse.com/article/both"


def test_fact_panel_shows_the_latest_value_then_the_earlier_ones(runner):
    out = run(runner, "fact", "residents left", *ONLY).stdout
    assert "value    1,200 people" in out and "as of    1 Mar 2026" in out
    assert "earlier  10 Jan 2025: 7,000 people (⚑ claimed) — The Ministry" in out
    assert "         Sep 2024: 26,000 people" in out


def test_a_range_keeps_low_and_high(runner):
    document = json.loads(run(runner, "fact", "region held", *ONLY, "-f", "json").stdout)
    assert (document["answer"]["low"], document["answer"]["high"]) == (15, 17)
    assert "value    15–17 %" in run(runner, "fact", "region held", *ONLY).stdout
    rows = csv_rows(run(runner, "fact", *ONLY, "-f", "csv").stdout)
    share = next(row for row in rows if row["id"] == "share")
    assert (share["low"], share["high"], share["value"]) == ("15", "17", "")


def test_bundled_changing_figures_have_dated_sourced_histories():
    by_id = {fact["id"]: fact for fact in RAW["facts"]}
    for ident in ("residents-remaining", "russian-troops", "who-controls-pokrovsk"):
        history = by_id[ident]["history"]
        days = [parse_data_date(str(h["as_of"])).first for h in history]
        assert days == sorted(days) and all(h["sources"] for h in history), ident
        assert days[-1] < parse_data_date(str(by_id[ident]["as_of"])).first
    assert by_id["russian-troops"]["status"] == "claimed"
    assert {h["status"] for h in by_id["russian-troops"]["history"]} == {"claimed"}


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        (
            "    name: The General Staff\n    side: ukraine\n",
            "    name: The General Staff\n",
            "one of: ukraine, russia, independent, other",
        ),
        (
            "        as_of: 2024-09\n        sources: [both]\n",
            "        as_of: 2024-09\n",
            "each dated value cites the sources that give it",
        ),
        (
            "        as_of: 2025-01-10\n",
            "        as_of: 2024-01-10\n",
            "list the values oldest first",
        ),
        (
            "url: https://example.org/daily",
            "url: https://wiki.riteme.site/wiki/X",
            "move it to 'copy_url'; give 'url' only where the publisher's page is known",
        ),
        (
            "curated_through: 2026-03-19",
            "curated_through: 2026-02-01",
            "move curated_through to the day the data was last checked",
        ),
        (
            "assessed_by: [monitor]",
            "assessed_by: [staff]",
            "list it in 'claimed_by' with status 'claimed' or 'disputed'",
        ),
    ],
)
def test_new_field_problems_come_with_a_hint(runner, tmp_path, old, new, hint):
    path = tmp_path / "hinted.yaml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    result = run(runner, "validate", "--no-bundled", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == f"  hint: {hint}", result.stdout


def test_the_calendar_description_reads_back_as_written(runner):
    icalendar = pytest.importorskip("icalendar")
    raw = run(runner, "timeline", *ONLY, "-f", "ics").stdout_bytes
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALDESC"]) == (
        "A sourced timeline of the battle for Pokrovsk (Ukraine) - data as of 19 Mar 2026"
        " (version t.1)"
    )


def test_a_hostile_copy_url_is_refused_at_load_and_shown_inert_past_it(
    runner, tmp_path, monkeypatch
):
    # A host with an escape sequence and a bidi override: the loader refuses it ...
    hostile = BASE.replace(
        "copy_url: https://wikimili.com/en/A_village",
        'copy_url: "https://evil\\u001b\\u202e.example/x"',
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    refused = run(runner, "show", "village-mapped", "--no-bundled", "--data", str(path))
    assert refused.exit_code == 1
    line = line_of(hostile, 'copy_url: "https://evil')
    assert refused.stderr.splitlines() == [
        f"pokrovsk: error: {path}:{line}:15: 'copy_url' holds a control or bidi-override"
        " character (\\x1b)",
        "hint: remove it: data text must be plain, and only summary, note and answer may span"
        " lines",
    ]
    # ... and a source that holds it anyway (a damaged cache, a bug) is shown inert.
    from dataclasses import replace

    from pokrovsk_cli.data.load import load_dataset
    from tests.conftest import serve

    dataset = load_dataset([CURATED], bundled=False)
    source = replace(dataset.sources["mirrored"], copy_url="https://evil\x1b\u202e.example/x")
    serve(monkeypatch, replace(dataset, sources={**dataset.sources, "mirrored": source}))
    drawn = {  # a line of each, drawn as ever around the hostile source
        ("show", "village-mapped"): "          2. Example Encyclopedia — A village",
        ("sources",): "mirrored Example Encyclopedia — A village" + " " * 22 + "1     0      1",
        ("fact", "residents"): "answer   About 1,200 people were left in March 2026.",
    }
    for args, line in drawn.items():
        result = run(runner, *args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout, args
        assert line in result.stdout.splitlines(), (args, result.stdout)
    shown = run(runner, "show", "village-mapped").stdout
    assert "copy at evil\\x1b\\u202e.example: https://evil\\x1b\\u202e.example/x" in shown


def test_a_url_urlsplit_refuses_is_a_data_error_not_an_internal_error(runner, tmp_path):
    path = tmp_path / "bracket.yaml"
    path.write_text(BASE.replace("https://wikimili.com/en/A_village", "https://evil]x/"), "utf-8")
    result = run(runner, "show", "village-mapped", "--no-bundled", "--data", str(path))
    line = line_of(path.read_text("utf-8"), "copy_url: https://evil]x/")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {path}:{line}:15: copy_url 'https://evil]x/' is not a well-formed"
        " http(s) address"
    ]

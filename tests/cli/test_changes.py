"""`pokrovsk changes`: on tests/fixtures/datasets/changes.yaml, whose changes are worked out by
hand in its header; every format read back by its consumer (csv, json, feedparser)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.columns import CHANGE_COLUMNS
from tests.conftest import FIXTURES, SMALL

CHANGES = FIXTURES / "datasets" / "changes.yaml"
DATA = ["--no-bundled", "--data", str(CHANGES)]

# (date, change, kind, id), newest first; on one day corrections, then updates, then additions.
ALL = [
    ("2026-11-28", "corrected", "event", "shelling"),
    ("2026-11-28", "updated", "event", "shelling"),
    ("2026-11-26", "retracted", "event", "rumour"),
    ("2026-11-25", "added", "fact", "residents"),
    ("2026-11-20", "added", "event", "capture-claim"),
    ("2026-11-20", "added", "event", "rumour"),
    ("2026-11-20", "added", "event", "shelling"),
    ("2026-11-20", "added", "source", "wire"),
    ("2026-11-01", "added", "place", "pokrovsk"),
]


def run(runner, *args):
    return runner.invoke(app, ["changes", *DATA, *args], catch_exceptions=False)


def rows(result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result.stdout_bytes.decode(), newline="")))


def test_every_change_newest_first(runner):
    result = run(runner, "-f", "csv")
    assert result.exit_code == 0, result.output
    found = rows(result)
    assert list(found[0]) == list(CHANGE_COLUMNS)
    assert [(r["date"], r["change"], r["kind"], r["id"]) for r in found] == ALL
    corrected = found[0]
    assert corrected["correction"] == "shelling-date"
    assert corrected["detail"] == (
        "date: was 2026-11-10, now 2026-11-09. The report came out on the 10th about shelling the"
        " night before."
    )
    assert found[2]["detail"] == (
        "retracted (was reported). No source confirmed it; the wire withdrew its report."
    )
    assert found[7]["title"] == 'Example Wire: Shelling in the centre, "officials" say & more'
    assert {r["dataset"] for r in found} == {str(CHANGES)}
    # An entry's own sources for additions and edits; a source cites none.
    assert [(r["id"], r["change"], r["sources"]) for r in found[1:]] == [
        ("shelling", "updated", "wire"),
        ("rumour", "retracted", "wire"),  # the correction's sources
        ("residents", "added", "wire"),
        ("capture-claim", "added", "wire"),
        ("rumour", "added", "wire"),
        ("shelling", "added", "wire"),
        ("wire", "added", ""),
        ("pokrovsk", "added", "wire"),
    ]


@pytest.mark.parametrize(
    ("since", "first_day"),
    [
        ("2026-11-26", "2026-11-26"),  # a date: on or after its first day
        ("2026-11", "2026-11-01"),
        ("2026.11.1", "2026-11-02"),  # a release: after the day it was made
        ("v2026.11.2", "2026-11-27"),
    ],
)
def test_since_a_date_or_a_release(runner, since, first_day):
    found = rows(run(runner, "--since", since, "-f", "csv"))
    assert [(r["date"], r["change"], r["kind"], r["id"]) for r in found] == [
        row for row in ALL if row[0] >= first_day
    ]
    document = json.loads(run(runner, "--since", since, "-f", "json").stdout)
    release = since.removeprefix("v") if "." in since else None
    assert document["since"] == {"given": since, "from": first_day, "version": release}


def test_since_a_relative_date_counts_from_today(runner):
    from datetime import date

    today = date.today()
    first = date(today.year, 1, 1)  # "this year"
    found = rows(run(runner, "--since", "this year", "-f", "csv"))
    assert [(r["date"], r["id"]) for r in found] == [
        (day, ident) for day, _, _, ident in ALL if day >= first.isoformat()
    ]


def test_a_file_without_releases_says_so_in_the_hint(runner):
    result = runner.invoke(app, ["changes", "--no-bundled", "--data", str(SMALL), "--since", "9.9"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith("or a VERSION (none listed in the data)")


def test_the_json_contract(runner):
    document = json.loads(run(runner, "-f", "json").stdout)
    assert list(document) == [
        "schema_version", "data_as_of", "data_version", "since", "changes"
    ]  # fmt: skip
    assert document["schema_version"] == 5
    assert (document["data_as_of"], document["data_version"]) == ("2026-11-27", "2026.11.2")
    assert document["since"] == {"given": None, "from": None, "version": None}
    assert [list(change) for change in document["changes"]] == [list(CHANGE_COLUMNS)] * 9
    assert document["changes"][0]["sources"] == ["wire"]


def test_after_the_newest_change_every_format_is_empty_and_valid(runner):
    import feedparser

    for fmt, read in (
        ("json", lambda text: json.loads(text)["changes"]),
        ("csv", lambda text: list(csv.DictReader(io.StringIO(text)))),
        ("atom", lambda text: feedparser.parse(text).entries),
    ):
        result = run(runner, "--since", "2026-11-29", "-f", fmt)
        assert (result.exit_code, result.stderr) == (0, ""), fmt
        assert read(result.stdout) == [], fmt
    empty = feedparser.parse(run(runner, "--since", "2026-11-29", "-f", "atom").stdout)
    assert not empty.bozo and empty.feed.updated == "2026-11-27T00:00:00Z"  # the as-of day


def test_feedparser_reads_the_atom_feed(runner):
    import feedparser

    text = run(runner, "-f", "atom").stdout
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Battle for Pokrovsk: changes to the data"
    assert feed.feed.updated == "2026-11-28T00:00:00Z"
    assert feed.feed.author == "pokrovsk dataset curators"
    entries = feed.entries
    assert [e.updated for e in entries] == [f"{day}T00:00:00Z" for day, *_ in ALL]
    assert entries[0].title == "Corrected event: Shelling of the centre <b>&</b> the market"
    assert entries[0].content[0].value == (
        "date: was 2026-11-10, now 2026-11-09. The report came out on the 10th about shelling the"
        " night before. (pokrovsk event shelling)"
    )
    assert [t.term for t in entries[2].tags] == ["retracted", "event"]
    assert [link.href for link in entries[0].links] == ["https://example.org/wire?a=1&b=2"]
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert ids == [e.id for e in feedparser.parse(run(runner, "-f", "atom").stdout).entries]


def test_an_atom_file_by_its_extension(runner, tmp_path):
    target = tmp_path / "changes.atom"
    result = run(runner, "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>')


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("soonish", "--since: 'soonish' is not a date"),
        ("2027.1.1", "--since: no release '2027.1.1' in the data"),
        ("31 February 2026", "--since: '31 February 2026' is not a date"),
    ],
)  # fmt: skip
def test_a_since_that_is_neither_a_date_nor_a_release_exits_2(runner, since, message):
    result = runner.invoke(app, ["changes", *DATA, "--since", since])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {message}",
        "hint: give a DATE (2024, 2024-02, 2024-02-17, 'Feb 2024', '17 February 2024', 'today',"
        " 'yesterday', '7 days ago', 'last week', 'last month', 'this year'), or a VERSION"
        " (2026.11.1, 2026.11.2)",
    ]


def test_the_bundled_data_lists_its_four_corrections(runner):
    result = runner.invoke(app, ["changes", "-f", "json"])
    corrected = [c for c in json.loads(result.stdout)["changes"] if c["change"] == "corrected"]
    assert sorted(c["correction"] for c in corrected) == [
        "deepstate-grey-zone-assessed",
        "isw-capture-assessed",
        "last-shop-closes-date",
        "villages-east-claim-date",
    ]


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "markdown"])
def test_the_other_row_formats_read_back_to_the_same_changes(runner, fmt):
    from tests.output.test_formats import markdown_cells

    text = run(runner, "-f", fmt).stdout
    if fmt == "tsv":
        found = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    elif fmt == "jsonl":
        found = [json.loads(line) for line in text.splitlines()]
    else:
        header, *body = markdown_cells(text)
        found = [dict(zip(header, row, strict=True)) for row in body]
    assert [(r["date"], r["change"], r["kind"], r["id"]) for r in found] == ALL

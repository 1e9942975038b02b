"""Curation dates (added, updated), releases and the corrections log: what the loader accepts,
and every refusal with its file and line."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from pokrovsk_cli.data.layers import check_layers
from pokrovsk_cli.data.model import Change
from pokrovsk_cli.data.yaml_located import load_located
from tests.conftest import FIXTURES, bundled_raw

CHANGES = FIXTURES / "datasets" / "changes.yaml"
TODAY = date(2026, 12, 2)


def check(text: str, label: str = "mine.yaml"):
    """Check one file's text as a user's layer (or, with label 'bundled', as the bundled data)."""
    return check_layers([("mine.yaml", label, load_located(text))], today=TODAY)


def problems(text: str, label: str = "mine.yaml") -> list[str]:
    return [p.message for p in check(text, label).problems]


def test_the_changes_fixture_loads_with_its_dates_releases_and_corrections():
    checked = check(CHANGES.read_text(encoding="utf-8"))
    assert checked.problems == [] and checked.warnings == []
    dataset = checked.dataset
    assert dataset is not None
    events = {e.id: e for e in dataset.events}
    assert events["shelling"].added == date(2026, 11, 20)
    assert events["shelling"].updated == date(2026, 11, 28)
    assert events["capture-claim"].updated is None
    assert dataset.sources["wire"].added == date(2026, 11, 20)
    assert dataset.places["pokrovsk"].added == date(2026, 11, 1)
    assert [f.added for f in dataset.facts] == [date(2026, 11, 25)]
    (layer,) = dataset.layers
    assert layer.versions == (("2026.11.1", date(2026, 11, 1)), ("2026.11.2", date(2026, 11, 26)))
    assert [(c.id, c.entry, c.change, c.was, c.now) for c in dataset.corrections] == [
        ("rumour-retracted", "rumour", Change.RETRACTED, "reported", None),  # oldest first
        ("shelling-date", "shelling", Change.DATE, "2026-11-10", "2026-11-09"),
    ]


def test_the_bundled_data_dates_every_entry_and_logs_four_corrections():
    raw = bundled_raw()
    for kind in ("sources", "places", "events", "facts"):
        assert all("added" in entry for entry in raw[kind]), kind
    assert [c["id"] for c in raw["corrections"]] == [
        "last-shop-closes-date",
        "villages-east-claim-date",
        "isw-capture-assessed",
        "deepstate-grey-zone-assessed",
    ]


MINIMAL = """\
schema_version: 1
sources:
  - id: wire
    publisher: Wire
    title: T
    url: https://example.org/t
{extra_source}events:
  - id: e
{extra_event}    date: 2026-11-01
    title: T
    summary: S.
    category: military
    status: reported
    sources: [wire]
{tail}"""


def minimal(extra_source: str = "    added: 2026-11-01\n", extra_event: str = "", tail="") -> str:
    return MINIMAL.format(extra_source=extra_source, extra_event=extra_event, tail=tail)


def test_no_added_is_an_error_in_the_bundled_data_and_one_warning_in_a_users_file():
    text = minimal(extra_source="")
    assert problems(text, "bundled") == [
        "mine.yaml:3:9: source has no 'added' date",
        "mine.yaml:8:9: event has no 'added' date",
    ]
    checked = check(text)
    assert checked.problems == []
    assert [w.message for w in checked.warnings] == [
        "mine.yaml:3:9: warning: 2 entries have no 'added' date (the first here)"
    ]


@pytest.mark.parametrize(
    ("extra_event", "message"),
    [
        ("    added: 2026-12-03\n", "mine.yaml:10:12: added 2026-12-03 is in the future (today is"
         " 2026-12-02)"),
        ("    added: 2026-11-05\n    updated: 2026-11-04\n",
         "mine.yaml:11:14: updated 2026-11-04 is before added 2026-11-05"),
        ("    added: 2026-11-05\n    updated: 2026-11-05\n",
         "mine.yaml:11:14: updated 2026-11-05 is the day it was added"),
        ("    added: 2026-11\n", "mine.yaml:10:12: 'added' must be one day, like 2026-12-01, not"
         " '2026-11'"),
        ("    added: 2026-11-05~\n", "mine.yaml:10:12: 'added' must be one day, like 2026-12-01,"
         " not '2026-11-05~'"),
        ("    added: soon\n", "mine.yaml:10:12: bad date in 'added': 'soon' is not a date in the"
         " form YYYY, YYYY-MM, YYYY-MM-DD, optionally ending in ~ or ?, or an interval A/B"),
    ],
)  # fmt: skip
def test_curation_dates_are_days_in_order_and_not_in_the_future(extra_event, message):
    assert problems(minimal(extra_event=extra_event)) == [message]


CORRECTION = """\
corrections:
  - id: fix
    date: 2026-11-20
    entry: {entry}
    change: {change}
{values}    why: Read wrongly.
    sources: [{source}]
"""


def correction(entry="e", change="date", values="    was: 2026-10-01\n    now: 2026-11-01\n",
               source="wire") -> str:  # fmt: skip
    tail = CORRECTION.format(entry=entry, change=change, values=values, source=source)
    return minimal(extra_event="    added: 2026-11-01\n", tail=tail)


def test_a_good_correction_loads():
    dataset = check(correction()).dataset
    assert dataset is not None
    (fix,) = dataset.corrections
    assert (fix.id, fix.date, fix.entry, fix.change, fix.was, fix.now, fix.why, fix.sources) == (
        "fix",
        date(2026, 11, 20),
        "e",
        Change.DATE,
        "2026-10-01",
        "2026-11-01",
        "Read wrongly.",
        ("wire",),
    )


@pytest.mark.parametrize(
    ("kwargs", "messages"),
    [
        ({"entry": "ee"}, ["mine.yaml:20:12: correction names unknown entry 'ee'"]),
        ({"change": "mood"}, ["mine.yaml:21:13: 'change' is 'mood', not one of: date, status,"
                              " figure, retracted"]),
        ({"values": "    was: 2026-10-01\n    now: 2026-12-01\n"},
         ["mine.yaml:23:10: the entry's date is '2026-11-01', not '2026-12-01'"]),
        ({"change": "status", "values": "    was: claimed\n    now: confirmed\n"},
         ["mine.yaml:23:10: the entry's status is 'reported', not 'confirmed'"]),
        ({"change": "retracted", "values": "    was: reported\n    now: gone\n"},
         ["mine.yaml:23:10: a retraction has no 'now'"]),
        ({"values": "    now: 2026-11-01\n"},
         ["mine.yaml:18:5: correction is missing required field 'was'"]),
        ({"source": "nobody"}, ["mine.yaml:25:14: correction cites unknown source 'nobody' in"
                                " 'sources'"]),
    ],
)  # fmt: skip
def test_a_correction_that_does_not_hold_is_refused_with_its_line(kwargs, messages):
    assert problems(correction(**kwargs)) == messages


def test_releases_must_end_with_the_version_and_run_forward():
    text = minimal().replace(
        "schema_version: 1\n",
        "schema_version: 1\ndataset:\n  version: '2'\n  versions:\n"
        "    - {version: '1', date: 2026-11-05}\n    - {version: '3', date: 2026-11-01}\n",
    )
    assert problems(text) == [
        "mine.yaml:6:28: release '3' is dated before the one above it",
        "mine.yaml:5:5: the last of 'versions' is '3', not the version '2'",
    ]


def test_the_fixture_is_valid_yaml_for_other_tools_too():
    assert yaml.safe_load(CHANGES.read_text(encoding="utf-8"))["corrections"][0]["why"]

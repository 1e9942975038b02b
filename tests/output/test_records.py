"""Records checked against values written by hand from tests/fixtures/datasets/history.yaml:
a figure's history (ranges, units, notes, a claim) and a dataset with no home place."""

from __future__ import annotations

import json

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.output.records import Listing, json_document
from tests.conftest import FIXTURES

HISTORY = FIXTURES / "datasets" / "history.yaml"
DATA = ["--no-bundled", "--data", str(HISTORY)]

# The two dated values of the YAML, oldest first, then the current value; a value with no
# status is "reported".
EXPECTED_HISTORY = [
    {
        "value": None,
        "low": 5000,
        "high": 6000,
        "unit": "people",
        "as_of": "2024-12",
        "status": "reported",
        "attributed_to": None,
        "sources": ["paper"],
        "note": "A range given by the local council.",
    },
    {
        "value": 3000,
        "low": None,
        "high": None,
        "unit": "people",
        "as_of": "2025-02-10",
        "status": "claimed",
        "attributed_to": "Example Ministry",
        "sources": ["ministry-site"],
        "note": None,
    },
    {
        "value": 1200,
        "low": None,
        "high": None,
        "unit": "people",
        "as_of": "2025-06",
        "status": "reported",
        "attributed_to": None,
        "sources": ["paper"],
        "note": None,
    },
]


def test_a_facts_history_in_json(runner):
    result = runner.invoke(app, ["fact", *DATA, "-f", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (fact,) = json.loads(result.stdout)["facts"]
    assert (fact["id"], fact["value"], fact["unit"], fact["as_of"]) == (
        "residents", 1200, "people", "2025-06",
    )  # fmt: skip
    assert fact["history"] == EXPECTED_HISTORY
    assert [list(value) for value in fact["history"]] == [list(EXPECTED_HISTORY[0])] * 3


def test_distances_are_from_nowhere_without_the_home_place(runner):
    result = runner.invoke(app, ["places", *DATA, "-f", "json"], catch_exceptions=False)
    document = json.loads(result.stdout)
    assert document["distances_from"] is None
    assert [(p["id"], p["distance_km"], p["bearing_deg"]) for p in document["places"]] == [
        ("village", None, None)
    ]


def test_a_kind_with_no_json_document_is_a_bug_named_as_such():
    dataset = load_dataset([HISTORY], bundled=False)
    with pytest.raises(ValueError, match="^no JSON document for 'chart'$"):
        json_document(Listing("chart", (), dataset))

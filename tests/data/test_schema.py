"""`pokrovsk schema`: the JSON Schema editors use, kept in step with the loader."""

from __future__ import annotations

import json

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data import read_events, read_facts, read_sources
from pokrovsk_cli.data.files import bundled_data_path, read_yaml
from pokrovsk_cli.data.schema import dataset_schema
from tests.conftest import FIXTURES, HOSTILE

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    schema = dataset_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_command_prints_the_schema(runner):
    result = runner.invoke(app, ["schema"], catch_exceptions=False)
    assert json.loads(result.stdout) == dataset_schema()


@pytest.mark.parametrize(
    "path",
    [bundled_data_path(), *sorted((FIXTURES / "datasets").glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_good_data_passes(validator, path):
    errors = [e.message for e in validator.iter_errors(read_yaml(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("unknown-field.yaml", "'sumary' was unexpected"),
        ("bad-id.yaml", "does not match"),
        ("bad-coordinate.yaml", "is greater than the maximum"),
        ("claim-without-claimant.yaml", "'claimed_by' is a required property"),
        ("no-sources.yaml", "should be non-empty"),
        ("fact-status.yaml", "'disputed' is not one of"),
    ],
)
def test_bad_data_fails(validator, name, message):
    errors = [e.message for e in validator.iter_errors(read_yaml(HOSTILE / name))]
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize(
    ("collection", "fields"),
    [
        ("sources", read_sources.SOURCE_FIELDS),
        ("places", read_sources.PLACE_FIELDS),
        ("actors", read_sources.ACTOR_FIELDS),
        ("events", read_events.EVENT_FIELDS),
        ("facts", read_facts.FACT_FIELDS),
    ],
)
def test_the_schema_knows_exactly_the_loaders_fields(collection, fields):
    properties = dataset_schema()["properties"][collection]["items"]["properties"]
    assert set(properties) == fields

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
    ("name", "expected"),
    [  # every error, with where it stands in the document
        (
            "unknown-field.yaml",
            [
                ("events/0", "'summary' is a required property"),
                ("events/0", "Additional properties are not allowed ('sumary' was unexpected)"),
            ],
        ),
        (
            "bad-id.yaml",
            [("events/0/id", "'Not_Kebab' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'")],
        ),
        ("bad-coordinate.yaml", [("places/0/lat", "148.2828 is greater than the maximum of 90")]),
        ("claim-without-claimant.yaml", [("events/0", "'claimed_by' is a required property")]),
        ("no-sources.yaml", [("events/0/sources", "[] should be non-empty")]),
        (
            "fact-status.yaml",
            [
                (
                    "facts/0/status",
                    "'disputed' is not one of ['reported', 'claimed', 'confirmed', 'assessed']",
                ),
                ("facts/1", "'attributed_to' is a required property"),
            ],
        ),
    ],
)
def test_bad_data_fails(validator, name, expected):
    errors = [
        ("/".join(map(str, e.absolute_path)), e.message)
        for e in validator.iter_errors(read_yaml(HOSTILE / name))
    ]
    assert sorted(errors) == sorted(expected)


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

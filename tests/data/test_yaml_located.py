"""The event walker (load_located) gives what PyYAML's constructors give, positions included:
on the real data, on odd YAML that goes the slow way, and on generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pokrovsk_cli.data.yaml_located import ALIAS_MESSAGE, YamlProblem, load_located, make_loader
from tests.conftest import SMALL

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def by_pyyaml(text: str):
    """PyYAML's own compose-then-construct path, with the same loader settings."""
    return yaml.load(text, Loader=make_loader())  # noqa: S506


def located(value):
    """Everything a loaded value says, positions included, in a form == can compare."""
    if isinstance(value, dict):
        items = {key: located(item) for key, item in value.items()}
        return ("map", value.line, value.column, value.positions, items)
    if isinstance(value, list):
        items = [located(item) for item in value]
        return ("seq", value.line, value.column, value.positions, items)
    return (type(value).__name__, value)


def outcome(load, text: str):
    try:
        return located(load(text))
    except YamlProblem as problem:
        return ("problem", str(problem), problem.line, problem.column)
    except yaml.YAMLError as error:
        return (type(error).__name__, str(error))


def data_files() -> list[Path]:
    files = [ROOT / "data" / "events.yaml", SMALL, *sorted(FIXTURES.rglob("*.yaml"))]
    readable = []
    for path in files:
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a fixture for the encoding check, not YAML
        if path.name in REFUSED_BY_POLICY:
            continue  # the walker refuses these on purpose: see test_the_walker_refuses_...
        readable.append(path)
    return readable


# Files PyYAML would read (or fail on otherwise) that the walker refuses with a position.
REFUSED_BY_POLICY = {"python-tag.yaml"}


@pytest.mark.parametrize("path", data_files(), ids=lambda path: path.name)
def test_the_data_files_load_as_pyyaml_loads_them(path):
    text = path.read_text(encoding="utf-8")
    assert outcome(load_located, text) == outcome(by_pyyaml, text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\n",
        "just text\n",
        "a: 2024-02-17\nb: 2024\nc: '12'\nd: 1.5\ne: ~\nf: true\ng: -3\n",
        "null: a\ntrue: b\n3: c\n",  # keys that are not text keep their type and position
        "c: ! 12\n",  # the non-specific tag "!" is plain text, as PyYAML reads it
        "a:\n  <<: {x: 1}\n  y: 2\n",  # a merge key
        "? [a, b]\n: c\n",  # a collection as a key
        "a: 1\nb: 2\na: 3\n",  # duplicate key
        "a: 1\n---\nb: 2\n",  # two documents
        "a: =\n",  # YAML's 'value' tag, which PyYAML cannot construct
        "a: [1, 2\n",  # broken flow sequence
        "a:\n\t- b\n",  # a tab for indentation
        "a: &x 1\nb: 2\n",  # an anchor nobody uses
        's: |\n  two\n  lines\nt: >\n  folded\n  text\nu: "esc\\x41"\n',
        "events:\n- {id: a, tags: [x, y], n: [[1], {k: v}]}\n- id: b\n  places: []\n",
    ],
)
def test_odd_yaml_loads_or_fails_as_pyyaml_says(text):
    assert outcome(load_located, text) == outcome(by_pyyaml, text)


def test_an_alias_is_refused_where_it_stands():
    # PyYAML's path can only name the anchored node (line 1); the walker names the alias.
    text = "a: &a [1, 2]\nb: [*a, *a]\n"
    assert outcome(load_located, text) == ("problem", ALIAS_MESSAGE, 2, 5)
    assert outcome(by_pyyaml, text) == ("problem", ALIAS_MESSAGE, 1, 4)
    assert outcome(load_located, "a: *undefined\n") == ("problem", ALIAS_MESSAGE, 1, 4)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(document=documents, flow=st.sampled_from([None, True, False]))
def test_generated_documents_load_as_pyyaml_loads_them(document, flow):
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert outcome(load_located, text) == outcome(by_pyyaml, text)


def tag(name: str) -> str:
    return f"explicit tag {name!r} is not allowed in dataset files: write the value plainly"


def number(text: str) -> str:
    return (
        f"{text!r} is not a plain decimal number (YAML 1.1 reads leading zeros, 0x, 0o, 0b, '_'"
        " and ':' another way): write it in decimal, or quote it as text"
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a: !!str 5\n", (1, 4), tag("!!str")),
        ("a: 1\nb: !!float abc\n", (2, 4), tag("!!float")),
        ("d: !!timestamp 2024-02-30\n", (1, 4), tag("!!timestamp")),
        (
            "x: !!python/object/apply:os.system ['true']\n",
            (1, 4),
            tag("!!python/object/apply:os.system"),
        ),
        ("s: !!seq [1]\n", (1, 4), tag("!!seq")),
        ("l: !local x\n", (1, 4), tag("!local")),
        ("n: " + "[" * 200 + "!!int 1" + "]" * 200 + "\n", (1, 204), tag("!!int")),
        ("v: 010\n", (1, 4), number("010")),
        ("v: 0x1F\n", (1, 4), number("0x1F")),
        ("v: 1_000\n", (1, 4), number("1_000")),
        ("v: 1:30\n", (1, 4), number("1:30")),
        ("v: 00.5\n", (1, 4), number("00.5")),
        ("1: a\n01: b\n", (2, 1), number("01")),
        (  # shortened in the message: its first 27 digits and its last 28
            "v: " + "9" * 5000 + "\n",
            (1, 4),
            "'" + "9" * 27 + "..." + "9" * 28 + "' cannot be read as a number",
        ),
    ],
)
def test_the_walker_refuses_tags_and_surprising_numbers_where_they_stand(text, where, message):
    assert outcome(load_located, text) == ("problem", message, *where)


@pytest.mark.parametrize("text", ["v: 10\n", "v: 0\n", "v: -3\n", "v: 1.5\n", "v: 0.25\n"])
def test_plain_numbers_still_load(text):
    assert outcome(load_located, text) == outcome(by_pyyaml, text)

"""Dataset: the bundled data passes every rule; each kind of bad file fails with file:line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pokrovsk_cli.data.files import bundled_data_path, read_yaml
from pokrovsk_cli.data.layers import check_document
from pokrovsk_cli.data.load import load_dataset, validate_files
from pokrovsk_cli.data.model import Status
from pokrovsk_cli.errors import DataError
from tests.conftest import HOSTILE

# --- the bundled data -----------------------------------------------------------------------


def test_bundled_data_is_big_enough(bundled):
    assert len(bundled.events) >= 40
    assert len(bundled.facts) >= 25


def test_every_event_and_fact_cites_an_existing_source(bundled):
    for item in (*bundled.events, *bundled.facts, *bundled.places.values()):
        assert item.sources, item.id
        assert all(source in bundled.sources for source in item.sources), item.id


def test_every_source_is_cited(bundled):
    cited = {s for item in (*bundled.events, *bundled.facts) for s in item.sources}
    cited |= {s for fact in bundled.facts for value in fact.earlier for s in value.sources}
    cited |= {s for place in bundled.places.values() for s in place.sources}
    assert set(bundled.sources) == cited


def test_claims_name_who_claims_and_disputes_who_denies(bundled):
    for event in bundled.events:
        if event.status in (Status.CLAIMED, Status.DISPUTED):
            assert event.claimed_by, event.id
        if event.status is Status.DISPUTED:
            assert event.denied_by, event.id


@pytest.mark.parametrize(
    "event_id",
    [
        "donntu-relocated",
        "renamed-pokrovsk",
        "avdiivka-falls",
        "evacuation-train-photo",
        "offensive-begins-mid-2024",
        "kursk-incursion",
        "residents-urged-to-leave",
        "children-mandatory-evacuation",
        "children-all-evacuated",
        "selydove-taken",
        "russians-reach-outskirts",
        "metinvest-suspends-mine",
        "dobropillia-breakthrough",
        "dobropillia-counterattack",
        "gerasimov-encirclement-claim",
        "zelensky-fierce-fighting",
        "russia-claims-advance-inside-city",
        "deepstate-grey-zone",
        "ukraine-no-district-held",
        "russia-claims-capture",
    ],
)
def test_planned_events_are_present(bundled, event_id):
    assert event_id in {event.id for event in bundled.events}


def test_key_dates_carry_their_real_precision(bundled):
    by_id = {event.id: event for event in bundled.events}
    assert by_id["avdiivka-falls"].date.text == "2024-02-17"
    assert by_id["kursk-incursion"].date.text == "2024-08-06"
    assert by_id["offensive-begins-mid-2024"].date.text == "2024-06/2024-08"
    assert by_id["russia-claims-capture"].status is Status.DISPUTED


def test_every_place_has_coordinates_in_range_or_says_why_not(bundled):
    unlocated = set()
    for place in bundled.places.values():
        if place.lat is None:
            assert place.lon is None and "Coordinates not verified" in place.note, place.id
            unlocated.add(place.id)
        else:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    # The villages no stored source gives coordinates for (see the issue note).
    assert unlocated == {
        "udachne", "pishchane", "kotlyne", "dachne", "novyi-donbas", "rivne-myrnohrad", "hnativka"
    }  # fmt: skip


def test_summaries_are_short(bundled):
    for event in bundled.events:
        sentences = re.split(r"(?<=[.!?])\s+", event.summary)
        assert 1 <= len(sentences) <= 3, event.id


def test_bundled_path_exists():
    assert bundled_data_path().is_file()


# --- bad files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "problem"),
    [
        (
            "bad-date.yaml",
            19,
            "bad date in 'date': '2024-13-45' is not a real calendar date (month must be in 1..12)",
        ),
        (
            "interval-backwards.yaml",
            19,
            "bad date in 'date': interval '2025/2024' starts after it ends",
        ),
        ("duplicate-id.yaml", 25, "duplicate event id 'same' (first defined on line 18)"),
        ("duplicate-key.yaml", 20, "duplicate key 'date'"),
        ("unknown-source.yaml", 24, "event cites unknown source 'src-b' in 'sources'"),
        ("unknown-place.yaml", 23, "event cites unknown place 'kramatorsk' in 'places'"),
        ("wrong-type.yaml", 23, "'places' must be a list of text, not a mapping"),
        ("unknown-field.yaml", 21, "unknown field 'sumary' in event"),
        (
            "claim-without-claimant.yaml",
            23,
            "a claimed event must name who claims it in 'claimed_by'",
        ),
        ("fact-status.yaml", 21, "a fact cannot be disputed"),
        ("no-sources.yaml", 24, "'sources' must list at least one item"),
        (
            "python-tag.yaml",
            19,
            "explicit tag '!!python/object/apply:os.system' is not allowed in dataset files: write"
            " the value plainly",
        ),
        ("bad-id.yaml", 18, "id 'Not_Kebab' is not kebab-case"),
        ("bad-coordinate.yaml", 13, "'lat' is 148.2828, outside -90..90"),
        ("not-yaml.yaml", 21, "not valid YAML: did not find expected ',' or ']'"),
        ("not-utf8.yaml", 6, "is not UTF-8 text"),
        (
            "empty.yaml",
            None,
            "the top level must be a mapping with sources, places, events and facts, not empty",
        ),
        (
            "top-level-scalar.yaml",
            None,
            "the top level must be a mapping with sources, places, events and facts, not text",
        ),
    ],
)
def test_bad_files_fail_with_file_and_line(name, line, problem):
    path = HOSTILE / name
    with pytest.raises(DataError, match=re.escape(problem)) as info:
        load_dataset([path], bundled=False)
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert error.problem == problem
    where = f"{path}:{line}:" if line else f"{path}: "
    assert error.message.startswith(where) and error.message.endswith(f" {problem}")


def test_every_hostile_fixture_is_covered():
    listed = {p.name for p in HOSTILE.iterdir()}
    source = Path(__file__).read_text()
    assert all(f'"{name}"' in source for name in listed)


def test_a_claimed_fact_must_say_who_claims_it():
    _, problems = check_document("f.yaml", read_yaml(HOSTILE / "fact-status.yaml"))
    assert [(p.line, p.message.split(": ", 1)[1]) for p in problems] == [
        (21, "a fact cannot be disputed"),
        (27, "a claimed fact must name who claims it in 'attributed_to'"),
    ]


def test_unknown_field_suggests_the_right_one():
    path = HOSTILE / "unknown-field.yaml"
    with pytest.raises(DataError, match="unknown field 'sumary' in event") as info:
        load_dataset([path], bundled=False)
    assert info.value.hint == (
        f"did you mean 'summary'? (1 more problem(s); 'pokrovsk validate --no-bundled {path}'"
        " lists them all)"
    )


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'events: !!python/object/apply:os.system ["touch {marker}"]\n')
    said = "1:9: explicit tag '!!python/object/apply:os.system' is not allowed in dataset files"
    with pytest.raises(DataError, match=re.escape(f"{evil}:{said}")):
        load_dataset([evil], bundled=False)
    assert not marker.exists()


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DataError, match=f"^{re.escape(str(tmp_path))}/nope.yaml: no such file$"):
        load_dataset([tmp_path / "nope.yaml"], bundled=False)
    said = f"^{re.escape(str(tmp_path))}: is a directory, not a dataset file$"
    with pytest.raises(DataError, match=said):
        load_dataset([tmp_path], bundled=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    locked = tmp_path / "locked.yaml"
    locked.write_text("events: []\n")
    locked.chmod(0)
    with pytest.raises(DataError, match="permission denied"):
        load_dataset([locked], bundled=False)


def test_unreadable_file_even_as_root(tmp_path, monkeypatch):
    # Root reads any file, so the test above skips here; the error path is the same.
    locked = tmp_path / "locked.yaml"
    locked.write_text("events: []\n")

    real_open = open

    def refuse(file, *args, **kwargs):
        if os.fspath(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(DataError, match="permission denied") as info:
        load_dataset([locked], bundled=False)
    assert info.value.message == f"{locked}: permission denied"
    assert info.value.hint == "check the file's permissions"


def test_dates_stay_strings_not_yaml_timestamps(tmp_path):
    doc = tmp_path / "d.yaml"
    doc.write_text("a: 2024-02-17\nb: 2024\n")
    assert read_yaml(doc) == {"a": "2024-02-17", "b": 2024}


def test_the_benchmark_generator_writes_a_valid_dataset(tmp_path):
    # The scale benchmark times runs on this file: if it stopped validating, it would time errors.
    import subprocess
    import sys
    from pathlib import Path

    generator = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
    output = tmp_path / "generated.yaml"
    subprocess.run([sys.executable, str(generator), "60", "-o", str(output)], check=True)
    checked = validate_files([output], bundled=False)
    assert checked.problems == [] and len(checked.dataset.events) == 60

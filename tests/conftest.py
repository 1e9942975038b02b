"""Shared fixtures: dataset paths and a CLI runner."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "datasets" / "small.yaml"
BUNDLED_FILE = Path(__file__).parent.parent / "data" / "events.yaml"
HOSTILE = FIXTURES / "hostile"

# Every event of small.yaml in chronological order (first day, then finer precision first).
SMALL_IN_ORDER = [
    "year-event",
    "day-event",
    "mid-year",
    "month-event",
    "approx-event",
    "claimed-capture",
]
# ... and in the order the file lists them.
SMALL_IN_FILE_ORDER = [
    "year-event",
    "day-event",
    "month-event",
    "mid-year",
    "claimed-capture",
    "approx-event",
]


@functools.cache
def bundled_raw() -> dict:
    """The bundled file as PyYAML reads it, not our loader: expected values that do not come
    from the code under test. Read once per run; callers only read it."""
    import yaml

    return yaml.safe_load(BUNDLED_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    # Every test (and every process a test starts) caches in a folder of this run, never in
    # the user's ~/.cache.
    os.environ["POKROVSK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    os.environ.pop("POKROVSK_CACHE_DIR", None)


@pytest.fixture
def runner() -> CliRunner:
    # Fixed terminal facts, so output never depends on the machine running the tests.
    return CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1", "POKROVSK_DEBUG": None})


@pytest.fixture(scope="session")
def bundled():
    from pokrovsk_cli.data.load import load_dataset

    return load_dataset()


@pytest.fixture(scope="session")
def small():
    from pokrovsk_cli.data.load import load_dataset

    return load_dataset([SMALL], bundled=False)


# --- hostile text past the loader ---------------------------------------------------------------
# The loader refuses control and bidi characters in data files (the first wall). These build a
# dataset that holds them anyway, as a damaged cache or a future bug could, so that the tests
# can check every writer's own escaping (the second wall).

HOSTILE_TEXT = "[bold red]BOOM[/] \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07"


def with_hostile_text(dataset, text: str):
    """A copy of small.yaml's dataset with `text` in titles, summaries, names and questions."""
    from dataclasses import replace

    events = tuple(
        replace(e, title=text, summary=text) if e.id == "day-event" else e for e in dataset.events
    )
    places = {
        pid: replace(p, name=f"{p.name} {text}") if pid == "myrnohrad" else p
        for pid, p in dataset.places.items()
    }
    facts = tuple(
        replace(f, question=f"prewar population {text}") if f.id == "prewar-population" else f
        for f in dataset.facts
    )
    actors = {aid: replace(a, name=f"{a.name} {text}") for aid, a in dataset.actors.items()}
    return replace(dataset, events=events, places=places, facts=facts, actors=actors)


def serve(monkeypatch, dataset) -> None:
    """Make every command of this test load `dataset` instead of reading files."""
    from pokrovsk_cli.cli import commands

    monkeypatch.setattr(commands, "load", lambda data, no_bundled: dataset)


def drain(leader: int) -> bytes:
    """Everything a pseudo-terminal shows until its other end closes; then close it."""
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end has closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return shown

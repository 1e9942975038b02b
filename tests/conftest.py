"""Shared fixtures: dataset paths and a CLI runner."""

from __future__ import annotations

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
    from pokrovsk_cli.dataset import load_dataset

    return load_dataset()


@pytest.fixture(scope="session")
def small():
    from pokrovsk_cli.dataset import load_dataset

    return load_dataset([SMALL], bundled=False)

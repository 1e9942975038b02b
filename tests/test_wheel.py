"""The built wheel carries the data: install it in a fresh venv and run it from elsewhere."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("pokrovsk_cli-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("PYTHONPATH", None)

    def installed(program: str, *args: str) -> str:
        """Run a program of the fresh venv from another directory; return its stdout."""
        result = subprocess.run(
            [str(bindir / program), *args],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    table = installed("pokrovsk", "timeline", "--since", "2024")
    assert "avdiivka-falls" in table and "17 Feb 2024" in table
    rows = list(csv.DictReader(io.StringIO(installed("pokrovsk", "timeline", "-f", "csv"))))
    assert len(rows) > 40
    answer = installed("pokrovsk", "fact", "what do russians call pokrovsk", "-f", "json")
    assert json.loads(answer)["answer"]["id"] == "russian-name"
    # The data came from inside the installed package, not from this checkout.
    code = "from pokrovsk_cli.data.files import bundled_data_path; print(bundled_data_path())"
    where = installed("python", "-c", code).strip()
    assert str(env_dir) in where and "site-packages" in where

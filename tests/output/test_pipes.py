"""Real processes: a closed pipe, a real stdout, `python -m`."""

from __future__ import annotations

import copy
import subprocess
import sys

import yaml

from pokrovsk_cli import __version__
from tests.conftest import SMALL, bundled_raw


def test_head_closes_the_pipe_quietly(tmp_path):
    # Enough rows to overflow the pipe buffer, so the write really hits a closed pipe.
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    # Deep copies: shared lists would be written as YAML aliases, which the loader refuses.
    # 1,900 rows: over the pipe buffer (64 KB), under the table's limit of 2,000 rows.
    doc["events"] = [copy.deepcopy(dict(doc["events"][1], id=f"event-{i}")) for i in range(1900)]
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    first_lines = {  # what each format starts with
        "csv": "id,date,date_start,date_end,precision,approximate,uncertain,title,summary,category,"
        "tags,places,actors,status,claimed_by,denied_by,sources,quote,quote_by,note,dataset,"
        "assessed_by,added,updated,corrections,aliases,fatalities",
        "json": "{",
        "table": "Date ID Event Category Places Status Sources",
    }
    for fmt, first in first_lines.items():
        pokrovsk = f'"{sys.executable}" -m pokrovsk_cli timeline --no-bundled --data "{big}"'
        command = f"{pokrovsk} -f {fmt} | head -1"
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
        assert result.stdout.count("\n") == 1, fmt
        assert " ".join(result.stdout.split()) == first, fmt
        assert result.stderr == "", fmt


def test_python_dash_m_runs():
    result = subprocess.run(
        [sys.executable, "-m", "pokrovsk_cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    # The bundled data's own dataset block, read without our loader.
    info = bundled_raw()["dataset"]
    as_of = info["curated_through"]
    assert result.stdout == (
        f"pokrovsk {__version__}, data {info['version']}, as of {as_of.day} {as_of:%b %Y}\n"
    )

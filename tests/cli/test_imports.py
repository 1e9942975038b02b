"""Start-up discipline: each path loads only what it needs (STYLE.md 8).

Through the console script's entry point, as a user runs it: the everyday commands never load
Typer (fastpath.py), and machine formats never load Rich.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SMALL

PROBE = """
import sys
from pokrovsk_cli.cli.entry import main
sys.argv = ["pokrovsk", *{args!r}]
code = 0
try:
    main()
except SystemExit as stop:
    code = stop.code or 0
heavy = sorted(m for m in ("typer", "rich", "dateutil", "rapidfuzz") if m in sys.modules)
print("EXIT:" + str(code), file=sys.stderr)
print("LOADED:" + ",".join(heavy), file=sys.stderr)
"""


def loaded_modules(*args: str) -> set[str]:
    code = PROBE.format(args=[*args, "--no-bundled", "--data", str(SMALL)])
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # The command did its work (a failure early on would load less and pass unseen).
    assert "\nEXIT:0\nLOADED:" in "\n" + result.stderr, result.stderr
    return set(filter(None, result.stderr.strip().rsplit("LOADED:", 1)[1].split(",")))


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["timeline", "--format", "csv"], set()),
        (["timeline", "--format", "json"], set()),
        (["places", "--format", "csv"], set()),
        (["sources", "--format", "json"], set()),
        (["fact", "--format", "csv"], set()),
        (["fact", "prewar population", "--format", "json"], {"rapidfuzz"}),
        (["fact", "prewar population"], {"rapidfuzz", "rich"}),
        (["timeline", "--since", "2024"], {"rich"}),
        (["show", "day-event"], {"rich"}),
        (["chart"], {"rich"}),
    ],
)
def test_machine_formats_load_only_what_they_need(args, allowed):
    loaded = loaded_modules(*args)
    assert loaded <= allowed, loaded
    assert "dateutil" not in loaded  # only user dates need it


@pytest.mark.parametrize(
    "args", [["timeline", "--since", "2024", "--format", "csv"], ["timeline", "--since", "2024"]]
)
def test_a_lookup_on_the_bundled_data_loads_no_pathlib_or_urllib(args):
    # pathlib (with urllib.parse and ipaddress) is 3 ms of a 50 ms lookup; given files need it.
    # urllib.parse alone is 1.6 ms: only views that name a copy's host need it.
    code = PROBE.format(args=args)
    code += "print('SLOW:' + ','.join(m for m in ('pathlib', 'urllib.parse') if m in sys.modules),"
    code += " file=sys.stderr)\n"
    for _ in range(2):  # the first run may parse the YAML (and check URLs); the second is cached
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
    assert result.stderr.strip().endswith("SLOW:"), result.stderr
    assert "EXIT:0\n" in result.stderr, result.stderr  # it did look up

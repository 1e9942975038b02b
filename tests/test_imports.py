"""Start-up discipline: machine formats never pay for Rich (STYLE.md 8)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import SMALL

PROBE = """
import sys
from pokrovsk_cli.cli import main
sys.argv = ["pokrovsk", "timeline", "--data", {data!r}, "--format", {fmt!r}]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("rich", "dateutil") if m in sys.modules)
print("LOADED:" + ",".join(heavy), file=sys.stderr)
"""


def loaded_modules(fmt: str) -> str:
    code = PROBE.format(data=str(SMALL), fmt=fmt)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stderr.strip().rsplit("LOADED:", 1)[1]


def test_csv_does_not_import_rich_or_dateutil():
    assert loaded_modules("csv") == ""


def test_json_does_not_import_rich():
    assert "rich" not in loaded_modules("json")

"""Start-up benchmark: median wall time of whole `pokrovsk` processes (not a timed test).

Run: python benchmarks/startup.py [--runs N]
Prints one row per case: median and min in milliseconds, and which heavy modules loaded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "pokrovsk --version": [sys.executable, "-m", "pokrovsk_cli", "--version"],
    "timeline --since 2024 (table)": [
        sys.executable, "-m", "pokrovsk_cli", "timeline", "--since", "2024",
    ],
    "timeline --since 2024 -f csv": [
        sys.executable, "-m", "pokrovsk_cli", "timeline", "--since", "2024", "-f", "csv",
    ],
    "show avdiivka-falls": [sys.executable, "-m", "pokrovsk_cli", "show", "avdiivka-falls"],
    'fact "prewar population"': [
        sys.executable, "-m", "pokrovsk_cli", "fact", "prewar population",
    ],
    'fact "prewar population" -f json': [
        sys.executable, "-m", "pokrovsk_cli", "fact", "prewar population", "-f", "json",
    ],
    "places -f csv": [sys.executable, "-m", "pokrovsk_cli", "places", "-f", "csv"],
}  # fmt: skip


def measure(command: list[str], runs: int) -> list[float]:
    env = {**os.environ, "COLUMNS": "100"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    print(f"{'case':34} {'median ms':>10} {'min ms':>8}   ({runs} runs each, stdout to /dev/null)")
    for name, command in CASES.items():
        measure(command, 2)  # warm the file cache
        times = measure(command, runs)
        print(f"{name:34} {statistics.median(times):10.1f} {min(times):8.1f}")


if __name__ == "__main__":
    main()

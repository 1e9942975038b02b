"""Speed against the targets of issue 6: start-up beside peers, and scale to 100,000 events.

Every figure is the median of repeated whole-process runs on this machine, in this run.
Terminal cases run on a pseudo-terminal 100 columns wide; piped cases write to a pipe.
pokrovsk is measured as a user has it: this checkout installed (not editable) into a fresh
virtual environment, where pip compiles the bytecode, run through its console script; the
minimal Typer app runs on that environment's Python, so with the same Typer and Rich. --bin
reuses an environment made before. Peers (jrnl, sqlite-utils) are found on PATH or in --peers
(a virtual environment's bin folder); install them apart from pokrovsk, e.g.
`python -m venv /tmp/peers && /tmp/peers/bin/pip install jrnl sqlite-utils`. A missing peer is
reported, not guessed.

    python benchmarks/run.py [--runs 15] [--sizes 1000,10000,100000] [--peers /tmp/peers/bin]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
JOURNAL = """\
[2024-02-17 09:00:00 AM] Avdiivka falls; Ukrainian troops withdraw.

[2024-08-06 09:00:00 AM] Ukraine's incursion into Russia's Kursk region.

[2025-01-14 09:00:00 AM] Metinvest suspends the Pokrovsk coking-coal mine.

[2025-11-30 09:00:00 AM] Russia claims the capture of Pokrovsk; Ukraine denies it.
"""
JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def run_once(
    command: list[str], env: dict[str, str], terminal: bool, ok: tuple[int, ...] = (0, 1)
) -> tuple[float, int]:
    """Wall time (s) and peak memory (KB) of one run, output drained from a pty or a pipe.

    An exit code outside `ok` stops the benchmark: a run that failed measures nothing.
    """
    if terminal:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        out = slave
    else:
        master, out = os.pipe()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env)
    os.close(out)
    while True:
        try:
            if not os.read(master, 1 << 16):
                break
        except OSError:  # a pty whose other end has closed
            break
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    os.close(master)
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"failed (exit {code}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss


def medians_ms(
    cases: dict[str, tuple[list[str], dict[str, str], bool]], runs: int
) -> dict[str, float]:
    """Median wall time (ms) of each case, run in turns (a, b, c, a, b, c, ...).

    In turns, a slow spell of the machine falls on every case alike instead of on one, which
    matters for the ratios more than for the figures.
    """
    times: dict[str, list[float]] = {name: [] for name in cases}
    for command, env, terminal in cases.values():
        run_once(command, env, terminal)  # warm the file cache
    for _ in range(runs):
        for name, (command, env, terminal) in cases.items():
            times[name].append(run_once(command, env, terminal)[0])
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def find(name: str, peers: Path | None) -> str | None:
    if peers and (peers / name).exists():
        return str(peers / name)
    return shutil.which(name)


def startup(
    args: argparse.Namespace, work: Path
) -> list[tuple[str, float, str, float | None, float | None]]:
    env = {**os.environ, "COLUMNS": "100", "POKROVSK_CACHE_DIR": str(work / "cache")}
    env.pop("NO_COLOR", None)
    pokrovsk = [str(args.bin / "pokrovsk")]
    journal = work / "journal.txt"
    journal.write_text(JOURNAL)
    (work / "jrnl").mkdir()
    (work / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal))
    peer_env = {**env, "XDG_CONFIG_HOME": str(work)}
    database = work / "events.db"
    with sqlite3.connect(database) as connection:
        connection.execute("create table events (date text, title text)")
        connection.executemany("insert into events values (?, ?)", [
            ("2024-02-17", "Avdiivka falls"), ("2024-08-06", "Kursk incursion"),
            ("2025-01-14", "Mine suspended"), ("2025-11-30", "Capture claimed"),
        ])  # fmt: skip
    jrnl, sqlite_utils = find("jrnl", args.peers), find("sqlite-utils", args.peers)
    query = "select date, title from events where date >= '2024'"
    cases = {
        "table": ([*pokrovsk, "timeline", "--since", "2024"], env, True),
        # Not a target: the four rows the minimal app and jrnl print, to tell start-up from
        # the layout of 47 rows.
        "table4": ([*pokrovsk, "timeline", "--since", "2024", "--limit", "4"], env, True),
        "csv": ([*pokrovsk, "timeline", "--since", "2024", "--format", "csv"], env, False),
        "fact": ([*pokrovsk, "fact", "prewar population"], env, True),
        "typer": ([str(args.bin / "python"), str(HERE / "minimal_typer_app.py")], env, True),
    }
    if jrnl:
        cases["jrnl"] = ([jrnl, "-from", "2024", "--short"], peer_env, True)
    if sqlite_utils:
        cases["sqlite"] = ([sqlite_utils, "query", str(database), query, "--csv"], env, False)
    ms = medians_ms(cases, args.runs)
    table, csv = ms["table"], ms["csv"]
    rows = []
    jrnl_name = "jrnl -from 2024 --short" if jrnl else "jrnl (not installed)"
    rows.append(("timeline table", table, jrnl_name, ms.get("jrnl"), 0.65))
    rows.append(("timeline table", table, "minimal Typer app + Rich table", ms["typer"], 1.15))
    rows.append(("timeline --limit 4 table", ms["table4"], jrnl_name, ms.get("jrnl"), None))
    rows.append(("timeline --limit 4 table", ms["table4"], "minimal Typer app + Rich table",
                 ms["typer"], None))  # fmt: skip
    sqlite_name = "sqlite-utils query --csv" if sqlite_utils else "sqlite-utils (not installed)"
    rows.append(("timeline -f csv (piped)", csv, sqlite_name, ms.get("sqlite"), 0.55))
    rows.append(('fact "prewar population"', ms["fact"], "timeline table (ours)", table, 1.0))
    return rows


def scale(args: argparse.Namespace, work: Path) -> list[tuple[int, float, float, float, float]]:
    results = []
    for size in args.sizes:
        data = work / f"events-{size}.yaml"
        # In a child process: a child forked from a runner holding 50 MB of YAML text would
        # count those pages in its own peak memory until it execs.
        python = str(args.bin / "python")
        generator = [python, str(HERE / "generate.py"), str(size), "-o", str(data)]
        subprocess.run(generator, check=True, stdout=subprocess.DEVNULL)
        cache = work / f"cache-{size}"
        env = {**os.environ, "POKROVSK_CACHE_DIR": str(cache)}
        command = [str(args.bin / "pokrovsk"), "timeline", "--no-bundled", "--data", str(data)]
        command += ["--since", "2024", "-f", "csv"]
        parse = [python, "-c", "import sys, yaml; yaml.load(open(sys.argv[1]).read(),"
                 " Loader=yaml.CSafeLoader)", str(data)]  # fmt: skip
        first_runs, parse_runs = [], []
        for _ in range(args.first_runs):
            shutil.rmtree(cache, ignore_errors=True)
            first_runs.append(run_once(command, env, False, ok=(0,))[0])
            parse_runs.append(run_once(parse, env, False, ok=(0,))[0])
        repeated = [run_once(command, env, False, ok=(0,)) for _ in range(args.scale_runs)]
        results.append(
            (
                size,
                statistics.median(first_runs),
                statistics.median(parse_runs),
                statistics.median(r[0] for r in repeated),
                max(r[1] for r in repeated) / 1024,
            )
        )
    return results


def install(work: Path) -> Path:
    """This checkout, installed as a user would install it; the environment's bin folder."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(CHECKOUT)]
    subprocess.run(pip, check=True)
    return venv / "bin"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per start-up case")
    parser.add_argument("--scale-runs", type=int, default=5, help="repeated runs per size")
    parser.add_argument("--first-runs", type=int, default=2, help="cold-cache runs per size")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--peers", type=Path, default=None, help="bin folder with jrnl etc.")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument(
        "--bin", type=Path, default=None, help="bin folder of an environment with pokrovsk"
    )
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",") if size]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.bin is None:
            print("installing this checkout into a fresh virtual environment...", file=sys.stderr)
            args.bin = install(work)
        rows = startup(args, work)
        print(f"Start-up: median of {args.runs} whole-process runs (ms)")
        print(f"{'case':<26} {'ours':>7}  {'peer':<32} {'peer':>7}  {'ratio':>6}  target   result")
        for case, ours, peer_name, peer, target in rows:
            if peer is None:
                limit = "-" if target is None else f"≤{target}"
                line = f"{case:<26} {ours:7.0f}  {peer_name:<32} {'-':>7}  {'-':>6}"
                print(f"{line}  {limit:<6}  n/a")
                continue
            ratio = ours / peer
            line = f"{case:<26} {ours:7.0f}  {peer_name:<32} {peer:7.0f}  {ratio:6.2f}"
            if target is None:
                print(f"{line}  {'-':<6}  info")
                continue
            verdict = "pass" if ratio <= target else "FAIL"
            print(f"{line}  ≤{target:<5}  {verdict}")
        if args.no_scale:
            return
        print()
        print("Scale: timeline --since 2024 -f csv on generated data (s; memory: repeated runs)")
        heads = ("events", "first", "parse", "ratio", "repeat", "peak MB")
        print("{:>7} {:>7} {:>7} {:>6} {:>7} {:>8}  result".format(*heads))
        limits = {10_000: 0.5, 100_000: 3.0}
        for size, first, parse, repeat, memory in scale(args, work):
            checks = [first / parse <= 1.2]
            if size in limits:
                checks.append(repeat < limits[size])
            if size == 100_000:
                checks.append(memory < 300)
            verdict = "pass" if all(checks) else "FAIL"
            line = f"{size:>7} {first:7.2f} {parse:7.2f} {first / parse:6.2f} {repeat:7.2f}"
            print(f"{line} {memory:8.0f}  {verdict}")
        print("targets: first ≤ 1.2 × parse; repeat < 0.5 s at 10,000 and < 3 s at 100,000;"
              " peak < 300 MB at 100,000")  # fmt: skip


if __name__ == "__main__":
    main()

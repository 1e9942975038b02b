"""Speed against the targets of issues 6 and 18: start-up beside peers; scale beside sqlite-utils.

Every figure is the median of repeated whole-process runs on this machine, in this run.
Terminal cases run on a pseudo-terminal 100 columns wide; piped cases write to a pipe.
pokrovsk is measured as a user has it: this checkout installed (not editable) into a fresh
virtual environment, where pip compiles the bytecode, run through its console script; the
minimal Typer app runs on that environment's Python, so with the same Typer and Rich. --bin
reuses an environment made before. Peers (jrnl, sqlite-utils) are found on PATH or in --peers
(a virtual environment's bin folder); install them apart from pokrovsk, e.g.
`python -m venv /tmp/peers && /tmp/peers/bin/pip install jrnl sqlite-utils`. A missing peer is
reported, not guessed.

    python benchmarks/run.py [--runs 15] [--sizes 1000,10000,100000] [--csv-sizes 100000,1000000]
                             [--peers /tmp/peers/bin]
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


def wait_for_store(cache: Path, limit: float = 1800.0) -> float:
    """Seconds until the store a first run left to its background child is in place."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if list(cache.glob("*.sqlite")) and not list(cache.glob("*.lock")):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"no store in {cache} after {limit:.0f} s")


class Scale:
    """One size's figures: ours (first run, store ready, repeated runs) and sqlite-utils'."""

    def __init__(self, size: int, layer: str) -> None:
        self.size, self.layer = size, layer
        self.first = self.stored = self.parse = self.repeat = self.memory = 0.0
        self.insert: float | None = None
        self.peer: float | None = None
        self.peer_memory: float | None = None


def _generate(args: argparse.Namespace, work: Path, size: int, layer: str) -> list[str]:
    """Generate the data; the --data arguments that load it."""
    # In a child process: a child forked from a runner holding 50 MB of YAML text would
    # count those pages in its own peak memory until it execs.
    name = work / f"events-{size}.{layer}"
    generator = [str(args.bin / "python"), str(HERE / "generate.py"), str(size), "-o", str(name)]
    subprocess.run(generator, check=True, stdout=subprocess.DEVNULL)
    if layer == "csv":
        return ["--data", str(name.with_suffix(".refs.yaml")), "--data", str(name)]
    return ["--data", str(name)]


def scale_one(args: argparse.Namespace, work: Path, size: int, layer: str) -> Scale:
    result = Scale(size, layer)
    data = _generate(args, work, size, layer)
    python = str(args.bin / "python")
    cache = work / f"cache-{layer}-{size}"
    env = {**os.environ, "POKROVSK_CACHE_DIR": str(cache)}
    command = [str(args.bin / "pokrovsk"), "timeline", "--no-bundled", *data]
    query = [*command, "--since", "2024", "-f", "csv"]
    first_runs, stored_runs, parse_runs = [], [], []
    for _ in range(args.first_runs):
        shutil.rmtree(cache, ignore_errors=True)
        first_runs.append(run_once(query, env, False, ok=(0,))[0])
        stored_runs.append(wait_for_store(cache))  # the first run's child, storing the data
        if layer == "yaml":
            parse = [python, "-c", "import sys, yaml; yaml.load(open(sys.argv[1]).read(),"
                     " Loader=yaml.CSafeLoader)", data[-1]]  # fmt: skip
            parse_runs.append(run_once(parse, env, False, ok=(0,))[0])
    repeated = [run_once(query, env, False, ok=(0,)) for _ in range(args.scale_runs)]
    result.first = statistics.median(first_runs)
    result.stored = statistics.median(stored_runs)
    result.parse = statistics.median(parse_runs) if parse_runs else 0.0
    result.repeat = statistics.median(r[0] for r in repeated)
    result.memory = max(r[1] for r in repeated) / 1024
    sqlite_utils = find("sqlite-utils", args.peers)
    if sqlite_utils is None:
        return result
    # The peer gets the same events, as our own CSV export of all of them, in its own database.
    every = work / f"all-{layer}-{size}.csv"
    with every.open("wb") as stream:
        subprocess.run([*command, "-f", "csv"], check=True, stdout=stream, env=env)
    database = work / f"peer-{layer}-{size}.db"
    insert = [sqlite_utils, "insert", str(database), "events", str(every), "--csv"]
    result.insert = run_once(insert, env, False, ok=(0,))[0]
    sql = "select * from events where date_end >= '2024-01-01' order by date_start"
    peer = [sqlite_utils, "query", str(database), sql, "--csv"]
    runs = [run_once(peer, env, False, ok=(0,)) for _ in range(args.scale_runs)]
    result.peer = statistics.median(r[0] for r in runs)
    result.peer_memory = max(r[1] for r in runs) / 1024
    database.unlink()
    every.unlink()
    return result


def scale(args: argparse.Namespace, work: Path) -> list[Scale]:
    cases = [(size, "yaml") for size in args.sizes] + [(size, "csv") for size in args.csv_sizes]
    return [scale_one(args, work, size, layer) for size, layer in cases]


def print_scale(results: list[Scale]) -> None:
    print("Scale: timeline --no-bundled --data FILE --since 2024 -f csv on generated data")
    print("(s; MB: peak of the repeated runs; sqlite-utils: the same events, inserted from our")
    print(" CSV export, and `query ... where date_end >= '2024-01-01' order by date_start --csv`)")
    heads = ("events", "layer", "first", "stored", "parse", "repeat", "MB", "insert", "peer")
    print("{:>8} {:>5} {:>7} {:>7} {:>6} {:>7} {:>5} {:>7} {:>6} {:>6} {:>5}".format(
        *heads, "ratio", "peerMB") + "  result")  # fmt: skip
    by_layer: dict[str, dict[int, Scale]] = {}
    for r in results:
        by_layer.setdefault(r.layer, {})[r.size] = r
        checks = []
        if r.layer == "yaml" and r.parse:
            checks.append(r.first <= 1.2 * r.parse)  # a first run costs no more than parsing
        if r.size == 10_000:
            checks.append(r.repeat < 0.5)
        if r.size == 100_000:
            checks += [r.repeat < 3.0, r.memory < 64]
            if r.peer:
                checks.append(r.repeat <= 0.5 * r.peer)
            if r.layer == "csv" and r.insert:
                checks.append(r.first <= r.insert)
        if r.size == 1_000_000:
            checks += [r.repeat < 3.0, r.memory < 200]
        ratio = f"{r.repeat / r.peer:6.2f}" if r.peer else f"{'-':>6}"
        insert = f"{r.insert:7.2f}" if r.insert is not None else f"{'-':>7}"
        peer = f"{r.peer:6.2f}" if r.peer is not None else f"{'-':>6}"
        peer_mb = f"{r.peer_memory:5.0f}" if r.peer_memory is not None else f"{'-':>5}"
        parse = f"{r.parse:6.2f}" if r.parse else f"{'-':>6}"
        verdict = "pass" if all(checks) else "FAIL"
        print(f"{r.size:>8} {r.layer:>5} {r.first:7.2f} {r.stored:7.2f} {parse} {r.repeat:7.2f}"
              f" {r.memory:5.0f} {insert} {peer} {ratio} {peer_mb}  {verdict}")  # fmt: skip
    csv_sizes = by_layer.get("csv", {})
    if 100_000 in csv_sizes and 1_000_000 in csv_sizes:
        growth = csv_sizes[1_000_000].repeat / csv_sizes[100_000].repeat
        verdict = "pass" if growth <= 12 else "FAIL"
        print(
            f"repeat at 1,000,000 / at 100,000 (CSV layers): {growth:.1f} (linear: 10)  {verdict}"
        )
    print("targets: first <= 1.2 x parse (YAML); repeat < 0.5 s at 10,000; at 100,000 repeat")
    print("< 3 s, <= 0.5 x sqlite-utils, < 64 MB, and (CSV) first <= sqlite-utils insert;")
    print("at 1,000,000 repeat < 3 s and < 200 MB, growing linearly. 'stored': seconds after")
    print("the first run until its background child has stored the data for the repeats.")


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
    parser.add_argument("--sizes", default="1000,10000,100000", help="YAML sizes")
    parser.add_argument(
        "--csv-sizes", default="100000", help="sizes generated as CSV layers (e.g. 100000,1000000)"
    )
    parser.add_argument("--peers", type=Path, default=None, help="bin folder with jrnl etc.")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument(
        "--bin", type=Path, default=None, help="bin folder of an environment with pokrovsk"
    )
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",") if size]
    args.csv_sizes = [int(size) for size in args.csv_sizes.split(",") if size]
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
        print_scale(scale(args, work))


if __name__ == "__main__":
    main()

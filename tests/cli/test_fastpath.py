"""The fast path: the same options as the Typer app, the same results, and Typer for the rest."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.main

from pokrovsk_cli.cli import fastpath
from pokrovsk_cli.cli.app import app
from tests.conftest import SMALL, SMALL_IN_ORDER

DATA = ["--no-bundled", "--data", str(SMALL)]


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("POKROVSK_DEBUG", raising=False)
    monkeypatch.delenv("POKROVSK_DATA", raising=False)


def outcome(run, capsys) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one in-process run."""
    try:
        code = run()
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return int(code or 0), captured.out, captured.err


def through_both(argv: list[str], capsys) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    call = fastpath.parse(argv)
    assert call is not None, f"the fast path should take {argv}"
    fast = outcome(lambda: fastpath.run(call), capsys)
    slow = outcome(lambda: app(argv, prog_name="pokrovsk"), capsys)
    return fast, slow


@pytest.mark.parametrize(
    "argv",
    [
        ["timeline", "--since", "2024"],
        ["timeline", "--since=2024", "--until", "2025-06", "-f", "csv"],
        ["timeline", "--category", "MILITARY", "--category", "civilian", "--status", "claimed"],
        ["timeline", "--place", "Krasnoarmeysk", "--search", "evacuation", "-f", "jsonl"],
        ["timeline", "--reverse", "--limit", "3", "--format", "json"],
        ["timeline", "--tag", "avdiivka", "--columns", "date,id", "--no-header", "-f", "csv"],
        ["timeline", "--since", "2025", "--excel", "-f", "tsv", "-o", "-"],
        ["timeline", "--on", "Feb 2024", "-f", "markdown"],
        ["timeline", "--since", "today", "-f", "ics"],
        ["timeline", "-f", "geojson", "--status", "disputed"],
        ["timeline", "--since", "2099"],  # nothing matches: exit 1 and a hint
        ["timeline", "--since", "2099", "-f", "json"],  # ... with an empty document
        ["timeline", "--place", "Atlantis"],  # a usage error from the core: exit 2
        ["timeline", "--columns", "nope", "-f", "csv"],
        ["timeline", "--no-header", "-f", "json"],  # an option this format refuses
        ["timeline", *DATA, "-f", "csv"],
        ["timeline", "--data", str(SMALL), "--data", str(SMALL)],  # a duplicate id
        ["show", "avdiivka-falls"],
        ["show", "avdiivka-falls", "-f", "json"],
        ["show", "avdiivka-fall"],  # not found, with suggestions
        ["fact", "prewar", "population"],
        ["fact", "prewar population", "--format", "json"],
        ["fact", "how far is kramatorsk", "--all", "-f", "csv"],
        ["fact", "zzzz", "qqqq"],  # no answer: exit 1
        ["fact"],
        ["fact", "-f", "jsonl", *DATA],
        ["places"],
        ["places", "-f", "geojson"],
        ["sources", "-f", "json"],
        ["chart", "--since", "2024", "--by", "YEAR"],
        ["chart", "--category", "economic"],
        ["timeline", "--claimed-by", "gerasimov", "--claimed-by", "Putin", "-f", "csv"],
        ["timeline", "--side", "INDEPENDENT"],
        ["timeline", "--side", "russia", "--since", "2026", "-f", "json"],
        ["timeline", "--claimed-by", "Nobody Atall"],  # a usage error naming the option
        ["chart", "--side", "ukraine", "--by", "year"],
        ["timeline", "--near", "Krasnoarmeysk", "--within", "12.5", "-f", "csv"],
        ["timeline", "--near", "myrnohrad"],  # the default distance
        ["timeline", "--within", "5"],  # exit 2: no --near
        ["timeline", "--near", "Atlantis"],  # exit 2, with suggestions
        ["chart", "--near", "kramatorsk", "--within", "30", "--by", "year"],
        ["latest", "2", "--near", "avdiivka", "--within", "0", "-f", "json"],
        ["actors"],
        ["actors", "-f", "csv", "--columns", "id,side"],
        ["about"],
        ["about", "-f", "json"],
        ["sources", "--copies-only", "-f", "csv"],
        ["timeline", "--since", "2026-06"],  # past the data's end: says where it ends
        ["latest"],
        ["latest", "3", "-f", "csv", "--place", "Myrnohrad"],
        ["latest", "2", "--since", "last year", "-f", "json"],
        ["latest", "--since", "2099"],
        ["cite", "avdiivka-falls"],
        ["cite", "avdiivka-falls", "prewar-population", "-f", "bibtex"],
        ["cite", "--dataset", "--style", "chicago"],
        ["cite", "--dataset", "-f", "ris"],
        ["cite", "reuters-2025-11-03", "-f", "csl-json"],
        ["cite", "avdiivka-fall"],  # unknown: exit 1, the closest ids of every kind
        ["cite", "x", "--style", "vancouver"],  # exit 2, the styles
        ["cite", "avdiivka-falls", "-f", "ris", "--style", "apa"],  # exit 2
        ["cite"],  # nothing to cite: exit 2
        ["changes"],
        ["changes", "--since", "2026.12.1", "-f", "json"],
        ["changes", "--since", "last year", "-f", "csv"],
        ["changes", "-f", "atom", "--since", "2026-12"],
        ["changes", "--since", "2099.1.1"],  # exit 2 with the accepted forms
    ],
)
def test_same_result_as_the_app(argv, capsys):
    fast, slow = through_both(argv, capsys)
    assert fast == slow


def test_same_file_as_the_app(tmp_path, capsys):
    fast_file, slow_file = tmp_path / "fast.csv", tmp_path / "slow.csv"
    call = fastpath.parse(["timeline", "--since", "2025", "-o", str(fast_file)])
    assert call is not None
    fast = outcome(lambda: fastpath.run(call), capsys)
    argv = ["timeline", "--since", "2025", "-o", str(slow_file)]
    slow = outcome(lambda: app(argv, prog_name="pokrovsk"), capsys)
    assert fast == slow == (0, "", "")
    assert fast_file.read_bytes() == slow_file.read_bytes()
    # A second time the file exists: both refuse in the same words, but for the file's name.
    again = outcome(lambda: fastpath.run(call), capsys)
    assert again == (
        2,
        "",
        f"pokrovsk: error: --output: {str(fast_file)!r} already exists\n"
        "hint: add --force to replace it\n",
    )
    assert (
        again[2].replace("fast.csv", "slow.csv")
        == outcome(lambda: app(argv, prog_name="pokrovsk"), capsys)[2]
    )


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["--version"],
        ["--debug", "timeline"],
        ["timeline", "--help"],
        ["timeline", "-h"],
        ["timeline", "--sinse", "2024"],  # a typo: Typer suggests the option meant
        ["timeline", "--since", "nope"],  # a bad value: Typer says what is accepted
        ["timeline", "--since"],  # a missing value
        ["timeline", "--since", ""],
        ["timeline", "--format", "CSV"],  # choices are case-sensitive in the app too
        ["timeline", "--format", "pdf"],
        ["timeline", "--limit", "0"],
        ["timeline", "--limit", "-3"],
        ["timeline", "--limit", "+3"],
        ["timeline", "--near", "pokrovsk", "--within", "-3"],  # not a distance: the app says so
        ["timeline", "--near", "pokrovsk", "--within", "ten"],
        ["timeline", "--near", "pokrovsk", "--within", "inf"],
        ["timeline", "--near", "pokrovsk", "--within", "nan"],
        ["timeline", "--category", "weather"],
        ["timeline", "--search", "--reverse"],  # a value that looks like an option
        ["timeline", "--since", "2024", "--since", "2025"],  # the app takes the last one
        ["timeline", "--reverse", "--reverse"],
        ["timeline", "--reverse=yes"],
        ["timeline", "-fcsv"],
        ["timeline", "-f=csv"],
        ["timeline", "--", "--since"],
        ["timeline", "extra"],
        ["timeline", "--data", ""],
        ["show"],
        ["show", "a", "b"],
        ["show", "avdiivka-falls", "--columns", "id"],  # show has no --columns
        ["fact", "-"],
        ["places", "--since", "2024"],
        ["chart", "--by", "decade"],
        ["validate"],
        ["schema"],
        ["new", "event"],
        ["timelines"],
        ["latest", "0"],
        ["latest", "five"],
        ["latest", "1", "2"],
    ],
)
def test_leaves_everything_else_to_the_app(argv):
    assert fastpath.parse(argv) is None


def _click_options(command) -> dict[str, str]:
    kinds = {}
    for param in command.params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        kind = "flag" if param.is_flag else "many" if param.multiple else "value"
        kinds.update(dict.fromkeys([*param.opts, *param.secondary_opts], kind))
    return kinds


def _click_words(command) -> tuple[int, int | None]:
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    if not arguments:
        return 0, 0
    (argument,) = arguments
    if argument.nargs == -1:
        return 0, None
    return (argument.nargs if argument.required else 0), argument.nargs


@pytest.mark.parametrize("name", sorted(fastpath.COMMANDS))
def test_knows_exactly_the_options_of_the_app(name):
    command = typer.main.get_command(app).commands[name]
    spec = fastpath.COMMANDS[name]
    ours = {option: spec.kind for option, spec in spec.by_name().items()}
    assert ours == _click_options(command)
    assert spec.words == _click_words(command)


def test_formats_are_the_apps_choices():
    command = typer.main.get_command(app).commands["timeline"]
    (fmt,) = [p for p in command.params if p.name == "output_format"]
    option = fastpath.COMMANDS["timeline"].by_name()["--format"]
    for choice in fmt.type.choices:
        assert option.parse.convert(choice) == choice


def run_entry(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pokrovsk_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", **env},
    )


def test_the_entry_point_gives_the_apps_errors():
    result = run_entry("timeline", "--since", "nope")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "pokrovsk: error: Invalid value for '--since': 'nope' is not a date; accepted forms: 2024,"
        " 2024-02, 2024-02-17, 'Feb 2024', '17 February 2024', 'today',"
        " 'yesterday', '7 days ago', 'last week', 'last month', 'this year'",
        "hint: see 'pokrovsk timeline --help'",
    ]


def test_the_entry_point_runs_the_fast_path_and_can_be_told_not_to():
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['pokrovsk', 'timeline', '-f', 'csv', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('pokrovsk_cli', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('TYPER' if 'typer' in sys.modules else 'NO TYPER', file=sys.stderr)\n"
    )
    for env, expected in ((None, "NO TYPER"), ("1", "TYPER")):
        environ = {**os.environ}
        environ.pop(fastpath.DISABLE_VARIABLE, None)
        if env:
            environ[fastpath.DISABLE_VARIABLE] = env
        command = [sys.executable, "-c", probe, *DATA]
        result = subprocess.run(command, capture_output=True, text=True, env=environ)
        assert result.stderr.strip().endswith(expected), result.stderr
        header, *rows = result.stdout.splitlines()
        assert header.startswith("id,date,date_start,date_end,precision,")
        assert [row.split(",")[0] for row in rows] == SMALL_IN_ORDER  # both ways, the same rows

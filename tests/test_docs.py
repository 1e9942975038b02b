"""The README is the user's first screen: it must stay true to the tool."""

from __future__ import annotations

import re
from pathlib import Path

from pokrovsk_cli.cli import app
from pokrovsk_cli.formats import FORMATS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    return [command.name or command.callback.__name__ for command in app.registered_commands]


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert first_block == [
        "python -m pip install . && pokrovsk timeline --since 2024",
        'python -m pip install ".[test]" && python -m pytest',
    ]


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]"' in ci and "python -m pytest" in ci


def test_every_command_is_documented_and_has_help():
    assert commands()
    for name in commands():
        assert f"### `pokrovsk {name}" in README, name
        command = next(
            c for c in app.registered_commands if (c.name or c.callback.__name__) == name
        )
        assert "Examples" in (command.callback.__doc__ or ""), name


def test_every_format_is_documented():
    for name in FORMATS:
        assert f"`{name}`" in README, name

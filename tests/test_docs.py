"""The README is the user's first screen: it must stay true to the tool."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.formats import FORMATS

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
    assert commands() == [  # the top-level commands; `new event` sits in a group of its own
        "timeline", "latest", "show", "fact", "cite", "changes", "places", "sources", "actors",
        "about", "chart", "validate", "schema",
    ]  # fmt: skip
    for name in commands():
        assert f"### `pokrovsk {name}" in README, name
        command = next(
            c for c in app.registered_commands if (c.name or c.callback.__name__) == name
        )
        assert "Examples" in (command.callback.__doc__ or ""), name


def test_every_format_is_documented():
    for name in FORMATS:
        assert f"`{name}`" in README, name


# --- the README's option tables and format lists are the tool's own -------------------------

COMMAND_KINDS = {
    "timeline": ("events",),
    "latest": ("latest",),
    "cite": ("citations",),
    "changes": ("changes",),
    "show": ("event",),
    "fact": ("facts", "answers"),
    "places": ("places",),
    "sources": ("sources",),
    "actors": ("actors",),
    "about": ("about",),
}


def section(name: str) -> str:
    """The README's section of one command: from its heading to the next heading."""
    start = README.index(f"### `pokrovsk {name}")
    ends = [README.find(mark, start + 4) for mark in ("\n### ", "\n## ")]
    return README[start : min(end for end in ends if end != -1)]


def options_of(path: list[str]) -> set[str]:
    """Every option name the command takes, as --help lists them (help itself left out)."""
    import typer.main

    command = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]
    names = {opt for p in command.params if p.param_type_name == "option" for opt in p.opts}
    return names - {"--help", "-h"}


def table_options(text: str) -> set[str]:
    """The option names in the first column of a section's `| option | meaning |` table."""
    if "| option | meaning |" not in text:
        return set()
    table = text[text.index("| option | meaning |") :].split("\n\n")[0]
    first_cells = [row.split("|")[1] for row in table.splitlines()[2:]]
    return {name for cell in first_cells for name in re.findall(r"`(-{1,2}[a-z][a-z-]*)", cell)}


COMMAND_PATHS = [
    ["timeline"],
    ["latest"],
    ["cite"],
    ["changes"],
    ["show"],
    ["fact"],
    ["places"],
    ["sources"],
    ["actors"],
    ["about"],
]
COMMAND_PATHS += [["chart"], ["validate"], ["schema"], ["new", "event"]]


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_the_readme_options_table_lists_exactly_the_commands_options(path):
    documented = table_options(section(" ".join(path)))
    assert documented == options_of(path), " ".join(path)


@pytest.mark.parametrize("name", list(COMMAND_KINDS))
def test_the_readme_format_list_is_the_registrys(name):
    from pokrovsk_cli.output.formats import formats_for

    line = next(li for li in section(name).splitlines() if li.startswith("Formats: "))
    assert re.findall(r"`([a-z-]+)`", line) == formats_for(*COMMAND_KINDS[name])


def test_the_readme_names_every_output_extension():
    from pokrovsk_cli.output.formats import FORMATS

    for name, spec in FORMATS.items():
        for extension in spec.extensions:
            assert f"`{extension}` ({name})" in README, extension

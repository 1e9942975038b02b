"""The everyday calls, parsed without Typer: importing it costs more than the rest of a lookup.

Importing Typer (its vendored Click, inspect, subprocess...) takes about 40 ms before any of our
work starts; a whole `pokrovsk timeline --since 2024 -f csv` can take less than that. This
module knows the options of the read-only commands in their plain forms (`--name value`,
`--name=value`, `-f value`, `-o value`, flags) and runs the command when every word of argv is
one of them and every value converts. Anything else (--help, --version, --debug, a typo, a bad
value, `--`, an option given twice, a value that starts with a dash) returns None and goes to
the Typer app, which gives its usual help or error. Both read the same option table
(options.py), so this never decides anything the Typer app would decide differently;
tests/cli/test_fastpath.py runs the same argv through both.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from pokrovsk_cli.cli import calls
from pokrovsk_cli.cli.commands import report_errors
from pokrovsk_cli.cli.options import COMMANDS as TABLE
from pokrovsk_cli.cli.options import Command

# Set to any value to send every call to the Typer app (to compare the two, or to rule this out).
DISABLE_VARIABLE = "POKROVSK_NO_FASTPATH"
COMMANDS = {name: command for name, command in TABLE.items() if command.fast}


class Call:
    """A call the fast path understood: the command, its positional words, its values."""

    __slots__ = ("command", "words", "values")  # a plain class: see options.py

    def __init__(self, command: Command, words: list[str], values: dict[str, Any]) -> None:
        self.command, self.words, self.values = command, words, values


def parse(argv: list[str]) -> Call | None:
    """The call argv asks for, or None when the Typer app should read argv instead."""
    if not argv or argv[0] not in COMMANDS:
        return None
    command = COMMANDS[argv[0]]
    options = command.by_name()
    words: list[str] = []
    values: dict[str, Any] = {}
    rest = iter(argv[1:])
    for word in rest:
        if not word.startswith("-"):
            words.append(word)
            continue
        name, equals, text = word.partition("=")
        option = options.get(name)
        if option is None or (equals and not name.startswith("--")):
            return None  # unknown, --help, `--`, `-fcsv`, `-f=csv`: the app's to judge
        if option.kind == "flag":
            if equals or option.dest in values:
                return None
            values[option.dest] = True
            continue
        if not equals:
            text = next(rest, None)  # type: ignore[assignment]
            if text is None or (text.startswith("-") and text != "-"):
                return None  # a missing value, or one the app might read as an option
        try:
            value = option.parse.convert(text)
        except (ValueError, KeyError):
            return None  # a bad value: the app says what is wrong with it
        if option.kind == "many":
            values.setdefault(option.dest, []).append(value)
        elif option.dest in values:
            return None
        else:
            values[option.dest] = value
    least, most = command.words
    if len(words) < least or (most is not None and len(words) > most):
        return None
    if command.argument is not None and command.argument.parse.kind == "count":
        try:  # `latest 5`: the app says what is wrong with `latest 0` or `latest five`
            words = [str(command.argument.parse.convert(word)) for word in words]
        except ValueError:
            return None
    return Call(command, words, values)


def run(call: Call) -> int:
    """Run a parsed call as the app would: the same errors, exit codes and quiet closed pipes."""
    try:
        given = calls.Given.of(call.command, call.words, call.values)
        report_errors(lambda: calls.RUNS[call.command.name](given), debug=False)
        sys.stdout.flush()  # a closed pipe shows here, not at exit as an ignored exception
    except BrokenPipeError:
        # Like Click: exit 1, no message; stdout points at /dev/null so exit's flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def main() -> None:
    """Console-script entry point: the fast path when it understands argv, else the Typer app."""
    call = None
    if not (os.environ.get(DISABLE_VARIABLE) or os.environ.get("POKROVSK_DEBUG")):
        call = parse(sys.argv[1:])
    if call is not None:
        sys.exit(run(call))
    from pokrovsk_cli.cli.app import main as typer_main

    typer_main()

"""The everyday calls, parsed without Typer: importing it costs more than the rest of a lookup.

Importing Typer (its vendored Click, inspect, subprocess...) takes about 40 ms before any of our
work starts; a whole `pokrovsk timeline --since 2024 -f csv` can take less than that. This
module knows the options of the read-only commands in their plain forms (`--name value`,
`--name=value`, `-f value`, `-o value`, flags) and runs the command when every word of argv is
one of them and every value converts. Anything else (--help, --version, --debug, a typo, a bad
value, `--`, an option given twice, a value that starts with a dash) returns None and goes to
the Typer app, which gives its usual help or error. So this never decides anything the Typer app
would decide differently: tests/test_fastpath.py checks the options against the app's and runs
the same argv through both.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from pokrovsk_cli.cli import commands
from pokrovsk_cli.cli.commands import Destination, Filters
from pokrovsk_cli.data.model import Category, Period, Side, Status

if TYPE_CHECKING:
    from pathlib import Path

# Set to any value to send every call to the Typer app (to compare the two, or to rule this out).
DISABLE_VARIABLE = "POKROVSK_NO_FASTPATH"


class Option(NamedTuple):
    """One option: where its value goes, how many it takes, and how a word becomes the value."""

    dest: str
    kind: str  # "flag", "value" or "many" (repeatable)
    convert: Callable[[str], Any] = str  # raises ValueError when the app should judge the word


def _user_date(text: str) -> Any:
    from pokrovsk_cli.data.dates import parse_user_date

    return parse_user_date(text, today=date.today())  # DateParseError is a ValueError


def _choice(enum: Any) -> Callable[[str], Any]:
    """An Enum member by its value in any case, as the app's case_sensitive=False choices."""
    members = {member.value.casefold(): member for member in enum}
    return lambda text: members[text.casefold()]


def _exact(*names: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        if text not in names:
            raise ValueError(text)
        return text

    return convert


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValueError(text)
    return int(text)


def _path(text: str) -> Path:
    if not text:
        raise ValueError(text)
    from pathlib import Path  # only --data needs it

    return Path(text)


FILTERS = {
    "--since": Option("since", "value", _user_date),
    "--until": Option("until", "value", _user_date),
    "--on": Option("on", "value", _user_date),
    "--category": Option("category", "many", _choice(Category)),
    "--tag": Option("tag", "many"),
    "--place": Option("place", "many"),
    "--status": Option("status", "many", _choice(Status)),
    "--search": Option("search", "value"),
    "--claimed-by": Option("claimed_by", "many"),
    "--side": Option("side", "many", _choice(Side)),
}
DATA = {"--data": Option("data", "many", _path), "--no-bundled": Option("no_bundled", "flag")}


def _destination(*kinds: str, tabular: bool = True) -> dict[str, Option]:
    """--format (the formats that write these kinds), --output, and the tabular options."""
    from pokrovsk_cli.output.formats import formats_for

    fmt = Option("fmt", "value", _exact(*formats_for(*kinds)))
    options = {
        "--format": fmt,
        "-f": fmt,
        "--output": Option("output", "value"),
        "-o": Option("output", "value"),
        "--force": Option("force", "flag"),
    }
    if tabular:
        options["--columns"] = Option("columns", "value")
        options["--no-header"] = Option("no_header", "flag")
        options["--excel"] = Option("excel", "flag")
    return options


def _pick(cls: Any, values: dict[str, Any]) -> Any:
    """An instance of Filters or Destination from the parsed values it has fields for."""
    return cls(**{name: values[name] for name in cls._fields if name in values})


def _filters(values: dict[str, Any]) -> Filters:
    repeated = ("category", "tag", "place", "status", "claimed_by", "side")  # lists -> tuples
    return _pick(Filters, {**values, **{n: tuple(values[n]) for n in repeated if n in values}})


def _data(values: dict[str, Any]) -> dict[str, Any]:
    """--data and --no-bundled, as every command takes them."""
    return {"data": values.get("data"), "no_bundled": values.get("no_bundled", False)}


def _timeline(words: list[str], values: dict[str, Any]) -> None:
    to = _pick(Destination, values)
    limit, reverse = values.get("limit"), values.get("reverse", False)
    commands.timeline(_filters(values), to, limit=limit, reverse=reverse, **_data(values))


def _fact(words: list[str], values: dict[str, Any]) -> None:
    to, show_all = _pick(Destination, values), values.get("show_all", False)
    commands.fact(words or None, to, show_all=show_all, **_data(values))


def _listing(run: Callable[..., None]) -> Callable[[list[str], dict[str, Any]], None]:
    def call(words: list[str], values: dict[str, Any]) -> None:
        run(_pick(Destination, values), **_data(values))

    return call


def _sources(words: list[str], values: dict[str, Any]) -> None:
    copies_only = values.get("copies_only", False)
    commands.sources(_pick(Destination, values), copies_only=copies_only, **_data(values))


def _show(words: list[str], values: dict[str, Any]) -> None:
    (event_id,) = words
    commands.show(event_id, _pick(Destination, values), **_data(values))


def _chart(words: list[str], values: dict[str, Any]) -> None:
    commands.chart(_filters(values), by=values.get("by", Period.MONTH), **_data(values))


class Command(NamedTuple):
    """A command the fast path runs: its options, how many words it takes, and the call."""

    options: Callable[[], dict[str, Option]]  # built on use: only one command's are needed
    words: tuple[int, int | None]  # least and most positional words (None: any number)
    run: Callable[[list[str], dict[str, Any]], None]


COMMANDS = {
    "timeline": Command(
        lambda: {
            **FILTERS,
            "--limit": Option("limit", "value", _count),
            "--reverse": Option("reverse", "flag"),
            **_destination("events"),
            **DATA,
        },
        (0, 0),
        _timeline,
    ),
    "show": Command(lambda: {**_destination("event", tabular=False), **DATA}, (1, 1), _show),
    "fact": Command(
        lambda: {
            "--all": Option("show_all", "flag"),
            **_destination("facts", "answers"),
            **DATA,
        },
        (0, None),
        _fact,
    ),
    "places": Command(
        lambda: {**_destination("places"), **DATA}, (0, 0), _listing(commands.places)
    ),
    "sources": Command(
        lambda: {
            **_destination("sources"),
            "--copies-only": Option("copies_only", "flag"),
            **DATA,
        },
        (0, 0),
        _sources,
    ),
    "actors": Command(
        lambda: {**_destination("actors"), **DATA}, (0, 0), _listing(commands.actors)
    ),
    "about": Command(
        lambda: {**_destination("about", tabular=False), **DATA}, (0, 0), _listing(commands.about)
    ),
    "chart": Command(
        lambda: {**FILTERS, "--by": Option("by", "value", _choice(Period)), **DATA},
        (0, 0),
        _chart,
    ),
}


class Call(NamedTuple):
    """A call the fast path understood: the command, its positional words, its values."""

    command: Command
    words: list[str]
    values: dict[str, Any]


def parse(argv: list[str]) -> Call | None:
    """The call argv asks for, or None when the Typer app should read argv instead."""
    if not argv or argv[0] not in COMMANDS:
        return None
    command = COMMANDS[argv[0]]
    options = command.options()
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
            value = option.convert(text)
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
    return Call(command, words, values)


def run(call: Call) -> int:
    """Run a parsed call as the app would: the same errors, exit codes and quiet closed pipes."""
    try:
        commands.report_errors(lambda: call.command.run(call.words, call.values), debug=False)
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

"""Every command's options and arguments, declared once: names, kinds, choices, help, converters.

Two front ends read this table. The Typer app (app.py) builds each command's parameters from
it, so --help and every usage error come from Typer; the fast path (fastpath.py) parses the
everyday calls with it, because importing Typer costs more than the rest of a lookup. Adding an
option is one line here. Importing this module loads neither Typer nor Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Any, Literal

from pokrovsk_cli.data.model import Category, DateSpan, Period, Side, Status

Takes = Literal["flag", "value", "many"]  # no value; one value; one value, repeatable


# Plain classes with __slots__, not NamedTuples: this table is built on every run, and a
# NamedTuple class costs about 100 µs to make, a plain class 10.


class Parse:
    """How a word becomes an option's value. `convert` is the fast path's converter: it raises
    ValueError (or KeyError) wherever the Typer app would refuse the word or judge it itself."""

    __slots__ = ("kind", "choices", "formats")

    def __init__(
        self,
        kind: Literal["text", "date", "count", "path", "choice", "format", "km"] = "text",
        choices: type[Enum] | None = None,  # kind "choice": any case of a member's value
        formats: tuple[str, ...] = (),  # kind "format": the formats that write these kinds
    ) -> None:
        self.kind, self.choices, self.formats = kind, choices, formats

    def format_names(self) -> list[str]:
        from pokrovsk_cli.output.formats import formats_for

        return formats_for(*self.formats)

    def convert(self, text: str) -> object:
        if self.kind == "date":
            return user_date(text)
        if self.kind == "count":
            if not (text.isascii() and text.isdigit()) or int(text) < 1:
                raise ValueError(text)
            return int(text)
        if self.kind == "km":
            return kilometres(text)
        if self.kind == "path":
            if not text:
                raise ValueError(text)
            from pathlib import Path  # only --data needs it

            return Path(text)
        if self.kind == "choice":
            assert self.choices is not None
            return {m.value.casefold(): m for m in self.choices}[text.casefold()]
        if self.kind == "format" and text not in self.format_names():
            raise ValueError(text)  # the app's format choices are case-sensitive
        return text


def kilometres(text: str) -> float:
    """A --within value: a finite number of kilometres, 0 or more (ValueError otherwise)."""
    import math

    value = float(text.strip())
    if not math.isfinite(value) or value < 0:
        raise ValueError(text)
    return value


def user_date(text: str) -> DateSpan:
    """A --since/--until/--on value; DateParseError (a ValueError) says what is accepted."""
    from pokrovsk_cli.data.dates import parse_user_date

    return parse_user_date(text, today=date.today())


TEXT, DATE, COUNT, PATH, KM = (
    Parse(), Parse("date"), Parse("count"), Parse("path"), Parse("km")
)  # fmt: skip


class Option:
    """One option: its names, where its value goes, and how a word becomes that value."""

    __slots__ = ("names", "dest", "help", "kind", "parse", "metavar", "default", "show_default")

    def __init__(
        self,
        names: tuple[str, ...],  # the long name first
        dest: str,  # the parameter's name, and the key of its value
        help: str,
        kind: Takes = "value",
        parse: Parse = TEXT,
        metavar: str | None = None,
        default: object = None,  # when the option is not given (flags: False; many: ())
        show_default: bool = True,
    ) -> None:
        self.names, self.dest, self.help, self.kind = names, dest, help, kind
        self.parse, self.metavar, self.default, self.show_default = (
            parse, metavar, default, show_default
        )  # fmt: skip

    @property
    def empty(self) -> object:
        """The value when the option is not given."""
        return False if self.kind == "flag" else () if self.kind == "many" else self.default


class Argument:
    """A command's positional words: how many, and how each becomes a value."""

    __slots__ = ("dest", "metavar", "help", "words", "parse", "default", "show_default")

    def __init__(
        self,
        dest: str,
        metavar: str,
        help: str,
        words: tuple[int, int | None],  # least and most (None: any number)
        parse: Parse = TEXT,
        default: str | None = None,  # the one word when none is given (words (0, 1))
        show_default: bool = True,
    ) -> None:
        self.dest, self.metavar, self.help, self.words = dest, metavar, help, words
        self.parse, self.default, self.show_default = parse, default, show_default


def _flag(name: str, dest: str, help: str) -> Option:
    return Option((name,), dest, help, "flag")


def _choice(
    name: str, enum: type[Enum], help: str, kind: Takes = "many", default: object = None
) -> Option:
    """An option whose values are an Enum's, in any case (`--status CLAIMED`)."""
    return Option((f"--{name}",), name, help, kind, Parse("choice", enum), default=default)


FILTERS = (
    Option(("--since",), "since", "Events ending on or after the first day of DATE"
           " (2024 = from 1 Jan 2024).", parse=DATE, metavar="DATE"),
    Option(("--until",), "until", "Events starting on or before the last day of DATE"
           " (2024 = to 31 Dec 2024).", parse=DATE, metavar="DATE"),
    Option(("--on",), "on", "Events overlapping DATE (a day, month…).", parse=DATE, metavar="DATE"),
    _choice("category", Category, "Keep this category (repeatable: OR)."),
    Option(("--tag",), "tag", "Keep events with this tag (repeatable).", "many", metavar="TAG"),
    Option(("--place",), "place", "Keep events at this place: id or any name, e.g. Krasnoarmeysk.",
           "many", metavar="PLACE"),
    _choice("status", Status, "Keep events with this status (repeatable)."),
    Option(("--search",), "search", "Words that must all appear (any case, any accents).",
           metavar="TEXT"),
    Option(("--claimed-by",), "claimed_by", "Keep events this actor claims or assesses: id or any"
           " name (repeatable).", "many", metavar="ACTOR"),
    _choice("side", Side, "Keep events claimed or assessed by this side's actors (repeatable)."),
    Option(("--near",), "near", "Keep events at places within --within km of this place (id or"
           " any name; places with coordinates).", metavar="PLACE"),
    Option(("--within",), "within", "The distance for --near, in km (default 10).", parse=KM,
           metavar="KM", show_default=False),
)  # fmt: skip
DATA = (
    Option(("--data",), "data", "Add this dataset file on top of the bundled data (repeatable;"
           " also POKROVSK_DATA).", "many", PATH, metavar="FILE", show_default=False),
    _flag("--no-bundled", "no_bundled", "Use only the --data / POKROVSK_DATA files."),
)  # fmt: skip
FORMAT_HELP = "Output format (default: table, or what --output's extension implies)."


def destination(*kinds: str, tabular: bool = True) -> tuple[Option, ...]:
    """--format (the formats that write these kinds), --output, and the tabular options."""
    options = (
        Option(("--format", "-f"), "output_format", FORMAT_HELP,
               parse=Parse("format", formats=kinds)),
        Option(("--output", "-o"), "output", "Write to FILE (atomically; '-' is stdout). The"
               " extension picks the format.", metavar="FILE", show_default=False),
        _flag("--force", "force", "Replace the --output file if it exists."),
    )  # fmt: skip
    if not tabular:
        return options
    return (
        *options,
        Option(("--columns",), "columns", "Only these columns, in this order (csv, tsv, jsonl,"
               " markdown).", metavar="A,B,C", show_default=False),
        _flag("--no-header", "no_header", "Leave out the header row (csv, tsv)."),
        _flag("--excel", "excel", "For spreadsheets: UTF-8 BOM, and cells that would run as"
              " formulas made inert."),
    )  # fmt: skip


class Command:
    """A command: its options in --help order, its words, and whether the fast path may run it
    (validate, schema and new stay with the app)."""

    __slots__ = ("name", "options", "argument", "fast")

    def __init__(
        self,
        name: str,  # "new event" for a subcommand
        options: tuple[Option, ...],
        argument: Argument | None = None,
        fast: bool = True,
    ) -> None:
        self.name, self.options, self.argument, self.fast = name, options, argument, fast

    @property
    def help(self) -> str:
        """The command's --help text (help.py: only the Typer app needs it)."""
        from pokrovsk_cli.cli.help import COMMAND_HELP

        return COMMAND_HELP[self.name]

    @property
    def words(self) -> tuple[int, int | None]:
        return self.argument.words if self.argument else (0, 0)

    def by_name(self) -> dict[str, Option]:
        """Every name of every option (`--format` and `-f` both), to look a word up."""
        return {name: option for option in self.options for name in option.names}


def _commands(*commands: Command) -> dict[str, Command]:
    return {command.name: command for command in commands}


COMMANDS = _commands(
    Command(
        "timeline",
        (
            *FILTERS,
            Option(("--limit",), "limit", "Show at most N events.", parse=COUNT, metavar="N"),
            _flag("--reverse", "reverse", "Newest first."),
            *destination("events"),
            *DATA,
        ),
    ),
    Command(
        "latest",
        (*FILTERS, *destination("latest"), *DATA),
        Argument("count", "[N]", "How many events.", (0, 1), COUNT, default="10"),
    ),
    Command(
        "show",
        (*destination("event", tabular=False), *DATA),
        Argument("event_id", "EVENT_ID", "The event's id.", (1, 1)),
    ),
    Command(
        "fact",
        (
            _flag(
                "--all", "show_all", "Show every match (of the best 40), not only the best four."
            ),
            _flag(
                "--explain",
                "explain",
                "Show how the question was read: words matched, places, date window, route"
                " and each part of the score.",
            ),
            *destination("facts", "answers"),
            *DATA,
        ),
        Argument(
            "question",
            "[QUESTION]...",
            "A question in plain words; quotes optional. Leave out to list every fact.",
            (0, None),
            show_default=False,
        ),
    ),
    Command(
        "cite",
        (
            _flag("--dataset", "dataset", "Cite the dataset itself: its version and how current."),
            Option(
                ("--style",),
                "style",
                "The citation style of --format text: apa, chicago, harvard or mla (default: apa).",
                metavar="STYLE",
                show_default=False,
            ),
            *destination("citations", tabular=False),
            *DATA,
        ),
        Argument(
            "ids",
            "[ID]...",
            "Events, facts or sources to cite, by id (each event or fact with its sources).",
            (0, None),
            show_default=False,
        ),
    ),
    Command(
        "changes",
        (
            Option(
                ("--since",),
                "since",
                "Only changes since DATE (on or after its first day)"
                " or VERSION of the data (after that release's day).",
                metavar="DATE|VERSION",
            ),
            *destination("changes"),
            *DATA,
        ),
    ),
    Command("places", (*destination("places"), *DATA)),
    Command(
        "sources",
        (
            *destination("sources"),
            _flag(
                "--copies-only",
                "copies_only",
                "Only sources with no publisher URL (known from a copy, or not online).",
            ),
            *DATA,
        ),
    ),
    Command("actors", (*destination("actors"), *DATA)),
    Command("about", (*destination("about", tabular=False), *DATA)),
    Command(
        "chart",
        (
            _choice("by", Period, "One bar per week, month or year.", "value", Period.MONTH),
            *FILTERS,
            *DATA,
        ),
    ),
    Command(
        "validate",
        (DATA[1],),
        Argument(
            "files",
            "[FILE]...",
            "Dataset files to check on top of the bundled data"
            " (default: the bundled data and POKROVSK_DATA's files).",
            (0, None),
            PATH,
            show_default=False,
        ),
        fast=False,
    ),
    Command("schema", (), fast=False),
    Command(
        "new event",
        DATA,
        Argument(
            "title",
            "[TITLE]",
            "The event's title; the id is made from it.",
            (0, 1),
            default="New event",
        ),
        fast=False,
    ),
)


def given_values(command: Command, values: dict[str, Any]) -> dict[str, Any]:
    """Every option's value: the ones given (a repeated option's as a tuple), and each other
    option's value when not given."""
    given = {}
    for option in command.options:
        value = values.get(option.dest, option.empty)
        given[option.dest] = tuple(value or ()) if option.kind == "many" else value
    return given


def given_words(command: Command, words: Sequence[object]) -> list[object]:
    """The positional words, with the argument's default when none is given."""
    argument = command.argument
    if not words and argument is not None and argument.default is not None:
        return [argument.default]
    return list(words)

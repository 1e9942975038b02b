"""The Typer app: --help, usage errors and the rarer calls. Its commands are built from the
option table (options.py), the same one the fast path parses with: no option is declared here."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

try:  # typer vendors click from 0.2x on; older releases depend on click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,assignment,unused-ignore]
        ClickException,
        NoArgsIsHelpError,
        UsageError,
    )

from pokrovsk_cli.cli import calls, commands
from pokrovsk_cli.cli.commands import fail, report_errors
from pokrovsk_cli.cli.options import (
    COMMANDS,
    Argument,
    Command,
    Option,
    Parse,
    kilometres,
    user_date,
)
from pokrovsk_cli.data.dates import USER_DATE_FORMS, DateParseError
from pokrovsk_cli.data.model import DateSpan
from pokrovsk_cli.errors import ExitCode

_state = {"debug": bool(os.environ.get("POKROVSK_DEBUG"))}


class _Group(TyperGroup):
    """Runs the app so that usage errors read like every other error: one line and a hint."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except NoArgsIsHelpError as exc:
            # Making it drew the help already where Typer renders with Rich (get_help prints
            # and returns ""); where it returns the text instead, print that, once.
            if exc.format_message().strip():
                print(exc.format_message())
            sys.exit(0)
        except UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "pokrovsk"
            fail(exc.format_message(), f"see '{command} --help'", ExitCode.USAGE)
        except ClickException as exc:
            fail(exc.format_message(), None, exc.exit_code)
        except typer.Abort:
            fail("aborted", None, 130)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    cls=_Group,
    name="pokrovsk",
    help="A sourced terminal reference on the battle for Pokrovsk, Ukraine.",
    epilog=(
        "Examples: pokrovsk timeline --since 2024 · pokrovsk fact prewar population"
        " · pokrovsk show avdiivka-falls"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(commands.version_line())
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the version and how current the bundled data is.",
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    """A sourced terminal reference on the battle for Pokrovsk, Ukraine.

    Every event and fact cites its sources and carries its status: reported,
    claimed (one side's claim, not verified), disputed, confirmed, or assessed
    (an independent analyst's or monitor's judgement). 'pokrovsk about' says how
    current the data is.
    """
    # Set on every run: one process may run many commands (tests do), and --debug must not stick.
    _state["debug"] = debug or bool(os.environ.get("POKROVSK_DEBUG"))


def _date_parser(option: str) -> Callable[[str], DateSpan]:
    def parse(text: str) -> DateSpan:
        try:
            return user_date(text)
        except DateParseError as exc:
            raise typer.BadParameter(f"{exc}; accepted forms: {USER_DATE_FORMS}") from None

    parse.__name__ = f"parse_{option}"
    return parse


def _km_parser(text: str) -> float:
    try:
        return kilometres(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a distance: give a number of km, 0 or more (e.g. 15)"
        ) from None


def _value_type(parse: Parse, dest: str) -> Any:
    """The Python type Typer converts a word to (and shows in --help: choices, INTEGER...)."""
    if parse.kind == "format":  # an Enum of the format names, so --help lists them
        return Enum(f"{dest}_choice", {name: name for name in parse.format_names()})
    if parse.kind == "choice":
        return parse.choices
    return {"date": DateSpan, "count": int, "path": Path, "km": float}.get(parse.kind, str)


def _option(option: Option) -> inspect.Parameter:
    info = typer.Option(
        *option.names,
        help=option.help,
        metavar=option.metavar,
        show_default=option.show_default,
        case_sensitive=option.parse.kind != "choice",
        min=1 if option.parse.kind == "count" else None,
        parser=_date_parser(option.dest)
        if option.parse.kind == "date"
        else _km_parser
        if option.parse.kind == "km"
        else None,
    )
    value = _value_type(option.parse, option.dest)
    kind: Any = bool  # built at run time: list[value] | None, value | None...
    default = option.default
    if option.kind == "flag":
        default = False
    elif option.kind == "many":
        kind = list[value] | None  # type: ignore[valid-type]
    else:
        kind = value if option.default is not None else value | None
    keyword, annotation = inspect.Parameter.KEYWORD_ONLY, Annotated[kind, info]
    return inspect.Parameter(option.dest, keyword, default=default, annotation=annotation)


def _argument(argument: Argument) -> inspect.Parameter:
    info = typer.Argument(
        metavar=argument.metavar,
        help=argument.help,
        show_default=argument.show_default,
        min=1 if argument.parse.kind == "count" else None,
    )
    value = _value_type(argument.parse, argument.dest)
    least, most = argument.words
    kind: Any = value
    default: object = inspect.Parameter.empty if least else argument.default
    if most is None:
        kind = list[value] | None  # type: ignore[valid-type]
    return inspect.Parameter(
        argument.dest, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default,
        annotation=Annotated[kind, info],
    )  # fmt: skip


def _given(command: Command, kwargs: dict[str, Any]) -> calls.Given:
    """The same Given the fast path makes: format names as text, no word lists as None."""
    values = {}
    for option in command.options:
        value = kwargs[option.dest]
        if option.parse.kind == "format" and value is not None:
            value = value.value
        values[option.dest] = value
    words: list[Any] = []
    if command.argument is not None:
        word = kwargs[command.argument.dest]
        words = list(word or ()) if command.argument.words[1] is None else [word]
    return calls.Given.of(command, words, values)


def _callback(command: Command) -> Callable[..., Any]:
    """A function with the command's parameters as its signature: Typer reads that."""
    run = calls.RUNS[command.name]

    def callback(**kwargs: Any) -> Any:
        # Our errors become one line on stderr and their exit code (tracebacks: --debug).
        return report_errors(lambda: run(_given(command, kwargs)), debug=_state["debug"])

    parameters = [_option(option) for option in command.options]
    if command.argument is not None:
        parameters.insert(0, _argument(command.argument))
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = command.name.replace(" ", "_")
    callback.__doc__ = command.help
    return callback


new_app = typer.Typer(
    cls=TyperGroup,
    help="Print a template for a new entry, to paste into your own dataset file.",
    no_args_is_help=True,
)
for _command in COMMANDS.values():
    _group, _, _name = _command.name.rpartition(" ")
    (new_app if _group else app).command(_name)(_callback(_command))
app.add_typer(new_app, name="new")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pokrovsk")

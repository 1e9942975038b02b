"""The command line: options in, one core call, one output call. No logic lives here."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

try:  # typer vendors click from 0.2x on; older releases depend on click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError

from pokrovsk_cli import __version__
from pokrovsk_cli.dates import USER_DATE_FORMS, DateParseError, parse_user_date
from pokrovsk_cli.errors import ExitCode, NotFoundError, PokrovskError
from pokrovsk_cli.formats import (
    DETAIL_FORMATS,
    EVENT_FORMATS,
    FACT_FORMATS,
    LOOKUP_FORMATS,
    PLACE_FORMATS,
    SOURCE_FORMATS,
    OutputOptions,
    get_writer,
)
from pokrovsk_cli.model import Category, DateSpan, Status

_state = {"debug": bool(os.environ.get("POKROVSK_DEBUG"))}


def _fail(message: str, hint: str | None, code: int) -> None:
    """Print one error line (and a hint) to stderr, never through markup, and exit."""
    print(f"pokrovsk: error: {message}", file=sys.stderr)
    if hint:
        print(f"hint: {hint}", file=sys.stderr)
    sys.exit(code)


class _Group(TyperGroup):
    """Runs the app so that usage errors read like every other error: one line and a hint."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except NoArgsIsHelpError as exc:
            print(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "pokrovsk"
            _fail(exc.format_message(), f"see '{command} --help'", ExitCode.USAGE)
        except ClickException as exc:
            _fail(exc.format_message(), None, exc.exit_code)
        except typer.Abort:
            _fail("aborted", None, 130)
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

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn our errors into one line on stderr and the right exit code (tracebacks: --debug)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PokrovskError as exc:
            if _state["debug"]:
                raise
            _fail(exc.message, exc.hint, exc.exit_code)
        except (BrokenPipeError, typer.Exit, SystemExit):
            raise  # a closed pipe (`| head`) is handled quietly by typer: exit 1, no message
        except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
            if _state["debug"]:
                raise
            _fail(f"internal error: {exc!r}", "run again with --debug for the traceback", 1)

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        print(f"pokrovsk {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    """A sourced terminal reference on the battle for Pokrovsk, Ukraine.

    Every event and fact cites its sources and carries its status: reported,
    claimed (one side's claim, not verified), disputed or confirmed.
    """
    # Set on every run: one process may run many commands (tests do), and --debug must not stick.
    _state["debug"] = debug or bool(os.environ.get("POKROVSK_DEBUG"))


def _user_date(option: str) -> Callable[[str], DateSpan]:
    def parse(text: str) -> DateSpan:
        try:
            return parse_user_date(text, today=date.today())
        except DateParseError as exc:
            raise typer.BadParameter(f"{exc}; accepted forms: {USER_DATE_FORMS}") from None

    parse.__name__ = f"parse_{option}"
    return parse


EventFormat = Enum("EventFormat", {name: name for name in EVENT_FORMATS})  # type: ignore[misc]
DetailFormat = Enum("DetailFormat", {name: name for name in DETAIL_FORMATS})  # type: ignore[misc]
# fact, places and sources share one set of format names (a test checks the registries agree).
ListFormat = Enum("ListFormat", {name: name for name in FACT_FORMATS})  # type: ignore[misc]
ListFormatOption = Annotated[
    ListFormat | None, typer.Option("--format", "-f", help="Output format (default: table).")
]

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="FILE",
        help="Use this dataset file instead of the bundled one.",
        dir_okay=True,
        show_default=False,
    ),
]


def _output_options(format_given: bool) -> OutputOptions:
    """A person is reading when stdout is a terminal and no machine format was asked for."""
    return OutputOptions(terminal=not format_given and sys.stdout.isatty())


@app.command()
@reports_errors
def timeline(
    since: Annotated[
        DateSpan | None,
        typer.Option(
            parser=_user_date("since"),
            metavar="DATE",
            help="Events ending on or after the first day of DATE (2024 = from 1 Jan 2024).",
        ),
    ] = None,
    until: Annotated[
        DateSpan | None,
        typer.Option(
            parser=_user_date("until"),
            metavar="DATE",
            help="Events starting on or before the last day of DATE (2024 = to 31 Dec 2024).",
        ),
    ] = None,
    on: Annotated[
        DateSpan | None,
        typer.Option(
            parser=_user_date("on"), metavar="DATE", help="Events overlapping DATE (a day, month…)."
        ),
    ] = None,
    category: Annotated[
        list[Category] | None,
        typer.Option(case_sensitive=False, help="Keep this category (repeatable: OR)."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(metavar="TAG", help="Keep events with this tag (repeatable)."),
    ] = None,
    place: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PLACE", help="Keep events at this place: id or any name, e.g. Krasnoarmeysk."
        ),
    ] = None,
    status: Annotated[
        list[Status] | None,
        typer.Option(case_sensitive=False, help="Keep events with this status (repeatable)."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Words that must all appear (any case, any accents)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Show at most N events.")
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Newest first.")] = False,
    output_format: Annotated[
        EventFormat | None,
        typer.Option("--format", "-f", help="Output format (default: table)."),
    ] = None,
    data: DataOption = None,
) -> None:
    """List events in date order, filtered by date, place, tag or text.

    Dates: 2024, 2024-02, 2024-02-17, "Feb 2024", "17 February 2024". Filters
    combine with AND; repeated --category/--tag/--place/--status values combine
    with OR.

    Examples:

      pokrovsk timeline --since 2024

      pokrovsk timeline --since "Oct 2025" --status disputed

      pokrovsk timeline --place Krasnoarmeysk --search evacuation

      pokrovsk timeline --since 2025 --format csv > events.csv
    """
    from pokrovsk_cli.dataset import load_dataset
    from pokrovsk_cli.query import EventFilter, resolve_places, select_events

    dataset = load_dataset(data)
    wanted = EventFilter(
        since=since,
        until=until,
        on=on,
        categories=tuple(category or ()),
        tags=tuple(tag or ()),
        places=resolve_places(place or (), dataset.places),
        statuses=tuple(status or ()),
        search=search,
        limit=limit,
        reverse=reverse,
    )
    events = select_events(dataset.events, wanted, dataset.places)
    fmt = output_format.value if output_format else "table"
    if events or fmt != "table":  # machine formats stay parseable even when empty
        write = get_writer(EVENT_FORMATS, fmt)
        write(events, dataset, sys.stdout, _output_options(output_format is not None))
    if not events:
        raise NotFoundError("no events match these filters", "try fewer or wider filters")


@app.command()
@reports_errors
def show(
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", help="The event's id.")],
    output_format: Annotated[
        DetailFormat | None,
        typer.Option("--format", "-f", help="Output format (default: table)."),
    ] = None,
    data: DataOption = None,
) -> None:
    """Show one event in full: dates, places, status, summary, sources.

    Examples:

      pokrovsk show avdiivka-falls

      pokrovsk show avdiivka-falls --format json
    """
    from pokrovsk_cli.dataset import load_dataset
    from pokrovsk_cli.query import find_event

    dataset = load_dataset(data)
    event = find_event(dataset.events, event_id)
    fmt = output_format.value if output_format else "table"
    write = get_writer(DETAIL_FORMATS, fmt)
    write(event, dataset, sys.stdout, _output_options(output_format is not None))


@app.command()
@reports_errors
def fact(
    question: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUESTION]...",
            help="A question in plain words; quotes optional. Leave out to list every fact.",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every match, not only the best four.")
    ] = False,
    output_format: ListFormatOption = None,
    data: DataOption = None,
) -> None:
    """Answer a question from the curated facts and events, with sources.

    Ask in plain words: any case, small typos, other place names (Krasnoarmeysk,
    Slovyansk). "When did ..." questions are answered from events; "how far"
    from coordinates. Exit 1 when nothing matches, naming the closest facts.

    Examples:

      pokrovsk fact "prewar population"

      pokrovsk fact what do russians call pokrovsk

      pokrovsk fact "when did avdiivka fall" --format json

      pokrovsk fact "how far is kramatorsk from pokrovsk"

      pokrovsk fact --format csv > facts.csv
    """
    from pokrovsk_cli.dataset import load_dataset

    dataset = load_dataset(data)
    fmt = output_format.value if output_format else "table"
    options = _output_options(output_format is not None)
    if not question:
        get_writer(FACT_FORMATS, fmt)(dataset.facts, dataset, sys.stdout, options)
        return
    from pokrovsk_cli.facts import FactIndex, look_up, no_answer

    alternatives = None if show_all else 3 if fmt == "table" else 5
    lookup = look_up(" ".join(question), FactIndex(dataset), alternatives=alternatives)
    if lookup.answer or fmt != "table":  # machine formats stay parseable with no answer
        get_writer(LOOKUP_FORMATS, fmt)(lookup, dataset, sys.stdout, options)
    if not lookup.answer:
        raise no_answer(lookup)


@app.command()
@reports_errors
def places(output_format: ListFormatOption = None, data: DataOption = None) -> None:
    """List places with other names, coordinates, distance and bearing.

    Distances are straight lines from Pokrovsk between the places' coordinates
    (haversine formula), not road distances; bearings are the compass direction
    from Pokrovsk.

    Examples:

      pokrovsk places

      pokrovsk places --format csv > places.csv
    """
    from pokrovsk_cli.dataset import load_dataset
    from pokrovsk_cli.geo import HOME_PLACE, distances_from

    dataset = load_dataset(data)
    rows = distances_from(dataset.places.get(HOME_PLACE), dataset.places.values())
    fmt = output_format.value if output_format else "table"
    get_writer(PLACE_FORMATS, fmt)(
        rows, dataset, sys.stdout, _output_options(output_format is not None)
    )


@app.command()
@reports_errors
def sources(output_format: ListFormatOption = None, data: DataOption = None) -> None:
    """List every source with how many events, facts and places cite it.

    Most cited first.

    Examples:

      pokrovsk sources

      pokrovsk sources --format json | jq '.sources[] | select(.events > 5) | .id'
    """
    from pokrovsk_cli.citations import count_citations
    from pokrovsk_cli.dataset import load_dataset

    dataset = load_dataset(data)
    uses = count_citations(dataset)
    fmt = output_format.value if output_format else "table"
    get_writer(SOURCE_FORMATS, fmt)(
        uses, dataset, sys.stdout, _output_options(output_format is not None)
    )


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pokrovsk")

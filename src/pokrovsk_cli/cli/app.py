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

from pokrovsk_cli.cli import commands
from pokrovsk_cli.cli.commands import Destination, Filters, fail, report_errors
from pokrovsk_cli.data.dates import USER_DATE_FORMS, DateParseError, parse_user_date
from pokrovsk_cli.data.model import Category, DateSpan, Period, Side, Status
from pokrovsk_cli.errors import ExitCode
from pokrovsk_cli.output.formats import formats_for

_state = {"debug": bool(os.environ.get("POKROVSK_DEBUG"))}


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

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn our errors into one line on stderr and the right exit code (tracebacks: --debug)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return report_errors(lambda: command(*args, **kwargs), debug=_state["debug"])

    return wrapper  # type: ignore[return-value]


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


def _user_date(option: str) -> Callable[[str], DateSpan]:
    def parse(text: str) -> DateSpan:
        try:
            return parse_user_date(text, today=date.today())
        except DateParseError as exc:
            raise typer.BadParameter(f"{exc}; accepted forms: {USER_DATE_FORMS}") from None

    parse.__name__ = f"parse_{option}"
    return parse


def _format_choice(name: str, *kinds: str) -> Any:
    """An Enum of the formats that can write these kinds: Typer shows it in --help."""
    return Enum(name, {f: f for f in formats_for(*kinds)})  # type: ignore[misc]


EventFormat = _format_choice("EventFormat", "events")
DetailFormat = _format_choice("DetailFormat", "event")
FactFormat = _format_choice("FactFormat", "facts", "answers")
PlaceFormat = _format_choice("PlaceFormat", "places")
SourceFormat = _format_choice("SourceFormat", "sources")
ActorFormat = _format_choice("ActorFormat", "actors")
AboutFormat = _format_choice("AboutFormat", "about")
_FORMAT_HELP = "Output format (default: table, or what --output's extension implies)."

OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically; '-' is stdout). The extension picks the format.",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it exists.")
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="A,B,C",
        help="Only these columns, in this order (csv, tsv, jsonl, markdown).",
        show_default=False,
    ),
]
NoHeaderOption = Annotated[
    bool, typer.Option("--no-header", help="Leave out the header row (csv, tsv).")
]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="For spreadsheets: UTF-8 BOM, and cells that would run as formulas made inert.",
    ),
]


DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        metavar="FILE",
        help="Add this dataset file on top of the bundled data (repeatable; also POKROVSK_DATA).",
        show_default=False,
    ),
]
NoBundledOption = Annotated[
    bool,
    typer.Option("--no-bundled", help="Use only the --data / POKROVSK_DATA files."),
]


SinceOption = Annotated[
    DateSpan | None,
    typer.Option(
        parser=_user_date("since"),
        metavar="DATE",
        help="Events ending on or after the first day of DATE (2024 = from 1 Jan 2024).",
    ),
]
UntilOption = Annotated[
    DateSpan | None,
    typer.Option(
        parser=_user_date("until"),
        metavar="DATE",
        help="Events starting on or before the last day of DATE (2024 = to 31 Dec 2024).",
    ),
]
OnOption = Annotated[
    DateSpan | None,
    typer.Option(
        parser=_user_date("on"), metavar="DATE", help="Events overlapping DATE (a day, month…)."
    ),
]
CategoryOption = Annotated[
    list[Category] | None,
    typer.Option(case_sensitive=False, help="Keep this category (repeatable: OR)."),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(metavar="TAG", help="Keep events with this tag (repeatable)."),
]
PlaceOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="PLACE", help="Keep events at this place: id or any name, e.g. Krasnoarmeysk."
    ),
]
StatusOption = Annotated[
    list[Status] | None,
    typer.Option(case_sensitive=False, help="Keep events with this status (repeatable)."),
]
SearchOption = Annotated[
    str | None,
    typer.Option(metavar="TEXT", help="Words that must all appear (any case, any accents)."),
]
ClaimedByOption = Annotated[
    list[str] | None,
    typer.Option(
        "--claimed-by",
        metavar="ACTOR",
        help="Keep events this actor claims or assesses: id or any name (repeatable).",
    ),
]
SideOption = Annotated[
    list[Side] | None,
    typer.Option(
        case_sensitive=False,
        help="Keep events claimed or assessed by this side's actors (repeatable).",
    ),
]


def _filters(
    since: DateSpan | None,
    until: DateSpan | None,
    on: DateSpan | None,
    category: list[Category] | None,
    tag: list[str] | None,
    place: list[str] | None,
    status: list[Status] | None,
    search: str | None,
    claimed_by: list[str] | None = None,
    side: list[Side] | None = None,
) -> Filters:
    return Filters(
        since, until, on, tuple(category or ()), tuple(tag or ()), tuple(place or ()),
        tuple(status or ()), search, tuple(claimed_by or ()), tuple(side or ()),
    )  # fmt: skip


def _to(
    output_format: Enum | None,
    output: str | None,
    force: bool = False,
    columns: str | None = None,
    no_header: bool = False,
    excel: bool = False,
) -> Destination:
    fmt = output_format.value if output_format else None
    return Destination(fmt, output, force, columns, no_header, excel)


@app.command()
@reports_errors
def timeline(
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    category: CategoryOption = None,
    tag: TagOption = None,
    place: PlaceOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    claimed_by: ClaimedByOption = None,
    side: SideOption = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Show at most N events.")
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", help="Newest first.")] = False,
    output_format: Annotated[
        EventFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    columns: ColumnsOption = None,
    no_header: NoHeaderOption = False,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
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

      pokrovsk timeline --output pokrovsk.ics

      pokrovsk timeline -f csv --columns date,id,title --excel -o events.csv
    """
    filters = _filters(since, until, on, category, tag, place, status, search, claimed_by, side)
    to = _to(output_format, output, force, columns, no_header, excel)
    commands.timeline(filters, to, limit=limit, reverse=reverse, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def show(
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", help="The event's id.")],
    output_format: Annotated[
        DetailFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """Show one event in full: dates, places, status, summary, sources.

    Examples:

      pokrovsk show avdiivka-falls

      pokrovsk show avdiivka-falls --format json
    """
    to = _to(output_format, output, force)
    commands.show(event_id, to, data=data, no_bundled=no_bundled)


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
    output_format: Annotated[
        FactFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    columns: ColumnsOption = None,
    no_header: NoHeaderOption = False,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
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
    to = _to(output_format, output, force, columns, no_header, excel)
    commands.fact(question, to, show_all=show_all, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def places(
    output_format: Annotated[
        PlaceFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    columns: ColumnsOption = None,
    no_header: NoHeaderOption = False,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """List places with other names, coordinates, distance and bearing.

    Distances are straight lines from Pokrovsk between the places' coordinates
    (haversine formula), not road distances; bearings are the compass direction
    from Pokrovsk.

    Examples:

      pokrovsk places

      pokrovsk places --format csv > places.csv

      pokrovsk places --output places.geojson
    """
    to = _to(output_format, output, force, columns, no_header, excel)
    commands.places(to, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def sources(
    output_format: Annotated[
        SourceFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    columns: ColumnsOption = None,
    no_header: NoHeaderOption = False,
    excel: ExcelOption = False,
    copies_only: Annotated[
        bool,
        typer.Option(
            "--copies-only",
            help="Only sources with no publisher URL (known from a copy, or not online).",
        ),
    ] = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """List every source with how many events, facts and places cite it.

    Most cited first. A source's URL is the publisher's own page; where only a
    copy was read (a mirror, a syndication), it is shown as "copy at HOST".

    Examples:

      pokrovsk sources

      pokrovsk sources --copies-only

      pokrovsk sources --format json | jq '.sources[] | select(.events > 5) | .id'
    """
    to = _to(output_format, output, force, columns, no_header, excel)
    commands.sources(to, copies_only=copies_only, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def actors(
    output_format: Annotated[
        ActorFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    columns: ColumnsOption = None,
    no_header: NoHeaderOption = False,
    excel: ExcelOption = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """List the actors events name: side, kind, and what they claim, deny or assess.

    Sides: ukraine, russia, independent (analysts, monitors, media), other.
    Most named first.

    Examples:

      pokrovsk actors

      pokrovsk actors --format csv > actors.csv

      pokrovsk timeline --claimed-by gerasimov
    """
    to = _to(output_format, output, force, columns, no_header, excel)
    commands.actors(to, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def about(
    output_format: Annotated[
        AboutFormat | None, typer.Option("--format", "-f", help=_FORMAT_HELP)
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """Show the dataset's version, how current it is and what it holds.

    The curated-through date is the last day the curators checked the news:
    nothing after it is in the data. Also: counts, events per month over the
    last two years, and the files loaded.

    Examples:

      pokrovsk about

      pokrovsk about --format json | jq .data_as_of
    """
    to = _to(output_format, output, force)
    commands.about(to, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def chart(
    by: Annotated[
        Period, typer.Option("--by", case_sensitive=False, help="One bar per week, month or year.")
    ] = Period.MONTH,
    since: SinceOption = None,
    until: UntilOption = None,
    on: OnOption = None,
    category: CategoryOption = None,
    tag: TagOption = None,
    place: PlaceOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    claimed_by: ClaimedByOption = None,
    side: SideOption = None,
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """Chart events per month (or week, year), coloured by category, claims apart.

    Takes the same filters as timeline. Solid marks are reported or confirmed
    events, shaded marks one side's claims; piped or with NO_COLOR, letters
    instead (M military, m a military claim).

    Examples:

      pokrovsk chart --since 2024

      pokrovsk chart --by year

      pokrovsk chart --since 2025 --by week --category military
    """
    filters = _filters(since, until, on, category, tag, place, status, search, claimed_by, side)
    commands.chart(filters, by=by, data=data, no_bundled=no_bundled)


@app.command()
@reports_errors
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Dataset files to check on top of the bundled data (default: the bundled data"
            " and POKROVSK_DATA's files).",
            show_default=False,
        ),
    ] = None,
    no_bundled: NoBundledOption = False,
) -> int:
    """Check dataset files and print every problem as file:line:column: message.

    Files are checked the way they are loaded: on top of the bundled data, so they
    may cite its sources and places. Unused sources are warnings. Exit 0 when
    there are no problems, 1 otherwise.

    Examples:

      pokrovsk validate

      pokrovsk validate newsroom.yaml

      pokrovsk validate --no-bundled newsroom.yaml
    """
    return commands.validate(files, no_bundled=no_bundled)  # the exit code


@app.command()
@reports_errors
def schema() -> None:
    """Print the dataset file format as JSON Schema, for editors that check YAML as you type.

    Examples:

      pokrovsk schema > pokrovsk.schema.json

      # VS Code (YAML extension): first line of your file
      # yaml-language-server: $schema=./pokrovsk.schema.json
    """
    commands.schema()


new_app = typer.Typer(
    cls=TyperGroup,
    help="Print a template for a new entry, to paste into your own dataset file.",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")


@new_app.command("event")
@reports_errors
def new_event(
    title: Annotated[
        str, typer.Argument(metavar="[TITLE]", help="The event's title; the id is made from it.")
    ] = "New event",
    data: DataOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """Print a commented YAML template for a new event: today's date, a fresh id.

    It never edits the bundled data: save it in your own file and load that with
    --data or POKROVSK_DATA.

    Examples:

      pokrovsk new event "Drone strike on the railway station" > my-events.yaml

      pokrovsk validate my-events.yaml
    """
    commands.new_event(title, data=data, no_bundled=no_bundled)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="pokrovsk")

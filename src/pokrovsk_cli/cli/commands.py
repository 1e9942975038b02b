"""What each command does once its options are parsed, without importing Typer.

Two front ends reach these through calls.py: the Typer app (app.py), which owns --help and every
usage error, and the fast path (fastpath.py), which parses the common calls itself because
importing Typer costs more than the rest of a lookup. Values arrive converted: dates as
DateSpan, categories and statuses as Enums, a format as its name.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TypeVar

from pokrovsk_cli.data.model import Category, Dataset, DateSpan, Event, Period, Side, Status
from pokrovsk_cli.errors import ExitCode, NotFoundError, PokrovskError
from pokrovsk_cli.output.formats import OutputOptions

if TYPE_CHECKING:
    from pathlib import Path

    from pokrovsk_cli.output.records import Items

R = TypeVar("R")


def fail(message: str, hint: str | None, code: int) -> NoReturn:
    """Print one error line (and a hint) to stderr, never through markup, and exit.

    Messages quote file names, options and data: whatever they hold is shown inert.
    """
    from pokrovsk_cli.text import one_line

    print(f"pokrovsk: error: {one_line(message)}", file=sys.stderr)
    if hint:
        print(f"hint: {one_line(hint)}", file=sys.stderr)
    sys.exit(code)


def report_errors(run: Callable[[], R], *, debug: bool) -> R:
    """Run a command; our errors become one line on stderr and their exit code.

    A bug is reported as an internal error; --debug lets every traceback through instead.
    """
    try:
        result = run()
        sys.stdout.flush()  # a full disk shows here, not at exit as an ignored exception
        return result
    except PokrovskError as exc:
        if debug:
            raise
        fail(exc.message, exc.hint, exc.exit_code)
    except (BrokenPipeError, SystemExit):
        raise  # a closed pipe (`| head`) is each front end's to end quietly
    except OSError as exc:  # reading is checked where it happens: this is writing the output
        if debug:
            raise
        # Output files report their own (output.atomic_file): this is standard output.
        reason = exc.strerror or str(exc)
        fail(f"cannot write standard output ({reason})", "check where the output goes", 1)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
        if debug:
            raise
        fail(f"internal error: {exc!r}", "run again with --debug for the traceback", 1)


_warned = {"stale": False}  # one stale-data note per process


def load(data: list[Path] | None, no_bundled: bool) -> Dataset:
    """The bundled dataset with POKROVSK_DATA's files and then --data's files on top.

    On a terminal, a dataset more than 30 days past its curated-through date says so on stderr.
    """
    from pokrovsk_cli.data.files import data_paths_from_env
    from pokrovsk_cli.data.load import load_dataset

    paths = [*data_paths_from_env(), *(data or [])]
    if not sys.stderr.isatty():
        return load_dataset(paths, bundled=not no_bundled, lines=_csv_lines)
    from pokrovsk_cli.output.terminal.progress import SlowLoadProgress

    with SlowLoadProgress() as shown:  # appears only if loading takes over a second
        dataset = load_dataset(
            paths, bundled=not no_bundled, progress=shown.update, lines=_csv_lines
        )
    warn_if_stale(dataset, date.today())
    return dataset


def _csv_lines(events: Sequence[Event], dataset: Dataset) -> list[str]:
    """The events' CSV lines, for the store to keep (imported only when a store is built)."""
    from pokrovsk_cli.output.files.text_formats import event_csv_lines

    return event_csv_lines(events, dataset)


def warn_if_stale(dataset: Dataset, today: date) -> None:
    """Print the stale-data note once per run, unless POKROVSK_QUIET_STALE is set."""
    from pokrovsk_cli.answers.about import QUIET_STALE_ENV, stale_warning

    if _warned["stale"] or os.environ.get(QUIET_STALE_ENV):
        return
    line = stale_warning(dataset.curated_through, today)
    if line:
        _warned["stale"] = True
        print(line, file=sys.stderr)


def nothing_matches(dataset: Dataset, filters: Filters) -> NotFoundError:
    """ "No events match", saying where the data ends when the dates asked for lie past it."""
    from pokrovsk_cli.answers.about import ends_before
    from pokrovsk_cli.data.dates import format_span
    from pokrovsk_cli.text import inert

    curated = dataset.curated_through
    asked = filters.since or filters.on
    if curated is not None and asked is not None and ends_before(curated, asked):
        return NotFoundError(
            f"no events match: the data ends on {format_span(curated)}, before {inert(asked.text)}",
            "the curators last checked the news then; see 'pokrovsk about'",
        )
    return NotFoundError("no events match these filters", "try fewer or wider filters")


class Filters(NamedTuple):
    """The timeline filters, as given: places by any of their names."""

    since: DateSpan | None = None
    until: DateSpan | None = None
    on: DateSpan | None = None
    category: tuple[Category, ...] = ()
    tag: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    status: tuple[Status, ...] = ()
    search: str | None = None
    claimed_by: tuple[str, ...] = ()  # actors by any of their names
    side: tuple[Side, ...] = ()
    near: str | None = None  # a place by any of its names
    within: float | None = None  # km around --near


class Destination(NamedTuple):
    """Where a listing goes and in what format (None: a table, or what the file name says)."""

    fmt: str | None = None
    output: str | None = None
    force: bool = False
    columns: str | None = None
    no_header: bool = False
    excel: bool = False

    @property
    def stdout(self) -> bool:
        return self.output in (None, "-")


def emit(kind: str, items: Items, dataset: Dataset, to: Destination) -> None:
    """Hand a listing to its writer; a person is reading only on a terminal with no format."""
    from pokrovsk_cli.output.records import Listing
    from pokrovsk_cli.output.write import emit as write

    screen = to.stdout and sys.stdout.isatty()
    columns = tuple(c.strip() for c in to.columns.split(",") if c.strip()) if to.columns else None
    options = OutputOptions(
        terminal=screen and to.fmt is None,
        columns=columns,
        header=not to.no_header,
        excel=to.excel,
        screen=screen,
    )
    write(Listing(kind, items, dataset), to.fmt, to.output, force=to.force, options=options)


def select(
    dataset: Dataset, filters: Filters, limit: int | None = None, reverse: bool = False
) -> Sequence[Event]:
    """The events that pass the timeline filters (shared by timeline and chart); from a store,
    as one SQL query whose rows are read only when needed."""
    from pokrovsk_cli.answers.actors import actors_of_sides, resolve_actors
    from pokrovsk_cli.answers.near import near_filter
    from pokrovsk_cli.answers.query import EventFilter, resolve_places, select_events

    sided = actors_of_sides(filters.side, dataset.actors) if filters.side else None
    near = near_filter(dataset, filters.near, filters.within)
    wanted = EventFilter(
        since=filters.since,
        until=filters.until,
        on=filters.on,
        categories=filters.category,
        tags=filters.tag,
        places=resolve_places(filters.place, dataset.places) if filters.place else (),
        statuses=filters.status,
        search=filters.search,
        limit=limit,
        reverse=reverse,
        claimants=resolve_actors(filters.claimed_by, dataset.actors) if filters.claimed_by else (),
        side_actors=sided,
        near_places=near,
    )
    from pokrovsk_cli.data.store import store_of

    stored = store_of(dataset)
    if stored is not None:
        return stored.select(wanted)
    return select_events(dataset.events, wanted, dataset.places)


def timeline(
    filters: Filters,
    to: Destination,
    *,
    limit: int | None = None,
    reverse: bool = False,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """Events that pass the filters, in date order, in the chosen format."""
    dataset = load(data, no_bundled)
    events = select(dataset, filters, limit=limit, reverse=reverse)
    if events or (to.fmt and to.stdout):  # stdout stays parseable
        emit("events", events, dataset, to)
    if not events:
        raise nothing_matches(dataset, filters)


def latest(
    count: int,
    filters: Filters,
    to: Destination,
    *,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """The newest events that pass the filters, each with how many days ago it was."""
    from pokrovsk_cli.answers.latest import recent

    dataset = load(data, no_bundled)
    events = select(dataset, filters, limit=count, reverse=True)
    if events or (to.fmt and to.stdout):  # stdout stays parseable
        emit("latest", recent(events, date.today()), dataset, to)
    if not events:
        raise nothing_matches(dataset, filters)


def show(
    event_id: str, to: Destination, *, data: list[Path] | None = None, no_bundled: bool = False
) -> None:
    """One event in full."""
    from pokrovsk_cli.answers.query import find_event
    from pokrovsk_cli.data.store import store_of

    dataset = load(data, no_bundled)
    stored = store_of(dataset)
    found = stored.event(event_id) if stored is not None else None  # one row, by its index
    if found is not None:
        emit("event", found, dataset, to)
        return
    if not any(e.id == event_id for e in dataset.events) and any(
        f.id == event_id for f in dataset.facts
    ):
        raise NotFoundError(
            f"{event_id!r} is a fact, not an event",
            f"pokrovsk fact {event_id} shows it (show opens events)",
        )
    emit("event", find_event(dataset.events, event_id), dataset, to)


def fact(
    question: list[str] | None,
    to: Destination,
    *,
    show_all: bool = False,
    explain: bool = False,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """The best answer to a question (and the next best), or every fact with no question;
    with explain, how the question was read and scored instead."""
    dataset = load(data, no_bundled)
    if not question or not "".join(question).strip():  # no question, or only spaces: every fact
        emit("facts", dataset.facts, dataset, to)
        return
    from pokrovsk_cli.answers.ask import look_up, no_answer
    from pokrovsk_cli.answers.facts import FactIndex

    # A person gets the best answer and three more; scripts and files get up to five more.
    alternatives = None if show_all else 3 if to.fmt is None and to.stdout else 5
    index = FactIndex(dataset)
    lookup = look_up(" ".join(question), index, today=date.today(), alternatives=alternatives)
    if explain:
        lookup = replace(lookup, explained=True)
    person = to.fmt is None and to.stdout
    shown = lookup.answer or (person and (lookup.closest or lookup.explained))
    if shown or (to.fmt and to.stdout):  # stdout stays parseable
        emit("answers", lookup, dataset, to)
    if not lookup.answer:
        raise no_answer(lookup)


def cite(
    ids: list[str],
    to: Destination,
    *,
    whole_dataset: bool = False,
    style: str | None = None,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """References for events, facts and sources (and the dataset), in a citation format."""
    from pokrovsk_cli.answers.cite import Citations, dataset_reference, references
    from pokrovsk_cli.errors import UsageError

    if not ids and not whole_dataset:
        raise UsageError("nothing to cite", "give event, fact or source ids, or --dataset")
    fmt = to.fmt or (None if not to.stdout else "text")  # a file: its extension says
    if style is not None and fmt not in (None, "text"):
        raise UsageError(f"--style applies to --format text, not {fmt}", "leave out --style")
    from pokrovsk_cli.output.files.cite import DEFAULT_STYLE, style_path

    style_path(style or DEFAULT_STYLE)  # an unknown style fails before anything is loaded
    from pokrovsk_cli.clock import run_day

    today = run_day()
    dataset = load(data, no_bundled)
    items = [dataset_reference(dataset, accessed=today)] if whole_dataset else []
    items += references(dataset, ids, accessed=today)
    emit(
        "citations", Citations(tuple(items), style or DEFAULT_STYLE), dataset, to._replace(fmt=fmt)
    )


def changes(
    since: str | None,
    to: Destination,
    *,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """What was added, updated, corrected or retracted (since a date or a release), newest
    first; none since then is an empty listing, not an error."""
    from pokrovsk_cli.answers.changes import list_changes, read_since

    dataset = load(data, no_bundled)
    start = read_since(since, dataset, date.today()) if since is not None else None
    emit("changes", list_changes(dataset, start), dataset, to)


def places(to: Destination, *, data: list[Path] | None = None, no_bundled: bool = False) -> None:
    """Places nearest Pokrovsk first, with distance and bearing."""
    from pokrovsk_cli.answers.geo import HOME_PLACE, distances_from

    dataset = load(data, no_bundled)
    rows = distances_from(dataset.places.get(HOME_PLACE), dataset.places.values())
    emit("places", rows, dataset, to)


def sources(
    to: Destination,
    *,
    copies_only: bool = False,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """Sources, most cited first; with copies_only, those with no publisher URL."""
    from pokrovsk_cli.answers.citations import count_citations

    dataset = load(data, no_bundled)
    uses = count_citations(dataset)
    if copies_only:
        uses = [use for use in uses if not use.source.url]
    emit("sources", uses, dataset, to)


def actors(to: Destination, *, data: list[Path] | None = None, no_bundled: bool = False) -> None:
    """Actors, most named first, with how often they claim, deny and assess."""
    from pokrovsk_cli.answers.actors import count_actor_events

    dataset = load(data, no_bundled)
    emit("actors", count_actor_events(dataset), dataset, to)


def about(to: Destination, *, data: list[Path] | None = None, no_bundled: bool = False) -> None:
    """The dataset's version, how current it is, what it holds and which files were loaded."""
    from pokrovsk_cli.answers.about import describe

    dataset = load(data, no_bundled)
    emit("about", describe(dataset, date.today()), dataset, to)


def version_line() -> str:
    """`pokrovsk --version`: the program's version and the bundled data's."""
    from pokrovsk_cli import __version__
    from pokrovsk_cli.data.dates import format_span
    from pokrovsk_cli.data.load import load_dataset

    line = f"pokrovsk {__version__}"
    try:
        dataset = load_dataset()
    except PokrovskError:
        return line + " (the bundled data could not be read)"
    if dataset.version:
        line += f", data {dataset.version}"
    if dataset.curated_through:
        line += f", as of {format_span(dataset.curated_through)}"
    return line


def chart(
    filters: Filters,
    *,
    by: Period = Period.MONTH,
    data: list[Path] | None = None,
    no_bundled: bool = False,
) -> None:
    """A bar per period of the events that pass the filters."""
    from pokrovsk_cli.answers.periods import count_events, count_selection
    from pokrovsk_cli.data.store import Selection
    from pokrovsk_cli.output.terminal.chart import write_chart

    dataset = load(data, no_bundled)
    events = select(dataset, filters)
    if not events:
        raise nothing_matches(dataset, filters)
    if isinstance(events, Selection):  # counted in SQL
        chart = count_selection(events, by)
    else:
        chart = count_events(events, by)
    write_chart(chart, dataset, sys.stdout, OutputOptions(terminal=sys.stdout.isatty()))


def validate(files: list[Path] | None, *, no_bundled: bool = False) -> int:
    """Print every problem of the files; the exit code says whether there were any."""
    from pokrovsk_cli.data.files import data_paths_from_env
    from pokrovsk_cli.data.load import validate_files
    from pokrovsk_cli.errors import UsageError

    paths = files if files else data_paths_from_env()
    if no_bundled and not paths:
        raise UsageError("--no-bundled needs at least one FILE to check")
    checked = validate_files(paths, bundled=not no_bundled)
    from pokrovsk_cli.text import one_line

    for problem in [*checked.problems, *checked.warnings]:
        print(one_line(problem.message))
        if problem.hint:
            print(f"  hint: {one_line(problem.hint)}")
    names = one_line(", ".join([*([] if no_bundled else ["bundled data"]), *map(str, paths)]))
    warned = f", {len(checked.warnings)} warning(s)" if checked.warnings else ""
    if checked.problems:
        print(f"{len(checked.problems)} problem(s){warned} in {names}")
        return ExitCode.ERROR
    data = checked.dataset
    assert data is not None
    print(
        f"ok: {names}: {len(data.events)} events, {len(data.facts)} facts,"
        f" {len(data.places)} places, {len(data.sources)} sources, {len(data.actors)} actors"
        f"{warned}"
    )
    return ExitCode.OK


def schema() -> None:
    """The dataset file format as JSON Schema."""
    import json

    from pokrovsk_cli.data.schema import dataset_schema

    json.dump(dataset_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")


def new_event(title: str, *, data: list[Path] | None = None, no_bundled: bool = False) -> None:
    """A YAML template for a new event with today's date and an id nobody uses."""
    from pokrovsk_cli.data.templates import event_template

    dataset = load(data, no_bundled)
    taken = {*(e.id for e in dataset.events), *dataset.sources}
    sys.stdout.write(event_template(title, date.today(), taken))

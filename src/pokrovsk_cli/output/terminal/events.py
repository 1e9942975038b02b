"""Rich tables and panels for events; the modules of output/terminal/ are the only Rich users.

Data text is untrusted: every cell is a `Text` (never parsed as markup) made inert first, and
the Console is built with markup, emoji and highlighting off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, TextIO

from rich import box
from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pokrovsk_cli.answers.about import as_of_text
from pokrovsk_cli.answers.actors import actor_names
from pokrovsk_cli.data.dates import format_day, format_span
from pokrovsk_cli.data.files import BUNDLED
from pokrovsk_cli.data.model import Dataset, Event, Place, Source, Status
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.cells import pad_in_cells
from pokrovsk_cli.text import inert, one_line

if TYPE_CHECKING:  # only `latest` needs them
    from pokrovsk_cli.answers.latest import Latest

STATUS_STYLE = {
    Status.REPORTED: "",
    # None of these is a category's colour (_CATEGORY_STYLE), so a status never reads as one.
    Status.CONFIRMED: "bold green",
    Status.CLAIMED: "bold orange1",
    Status.DISPUTED: "bold reverse red",  # red text would read as a military category
    Status.ASSESSED: "bold italic",
}
STATUS_MARK = {
    Status.REPORTED: "",
    Status.CONFIRMED: "✓ ",
    Status.CLAIMED: "⚑ ",
    Status.DISPUTED: "⚠ ",
    Status.ASSESSED: "◇ ",
}
_CATEGORY_STYLE = {
    "history": "blue",
    "military": "red",
    "civilian": "magenta",
    "economic": "yellow",
    "political": "cyan",
}
# Each caption line fits 80 columns.
LEGEND = "⚑ one side's claim · ⚠ disputed: claimed and denied · ◇ independent assessment"


def make_console(stream: TextIO, options: OutputOptions, width: int | None = None) -> Console:
    """A Console for untrusted text: no markup, emoji or highlighting; colour only for people."""
    color_system: Literal["auto"] | None = "auto"
    if options.color is False or not options.terminal:
        color_system = None
    console = Console(
        file=stream,
        width=width or options.width,
        force_terminal=options.terminal,
        color_system=color_system,
        no_color=options.color is False or None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    if console.width < MIN_WIDTH:  # COLUMNS=0 or nonsense: Rich would draw nothing at all
        console.width = FALLBACK_WIDTH
    return console


# Below this a table has no room for its columns; a width this small is a wrong COLUMNS.
MIN_WIDTH, FALLBACK_WIDTH = 20, 80


def print_for(renderable: RenderableType, stream: TextIO, options: OutputOptions) -> None:
    """Print for a person; off a terminal, at the renderable's natural width so nothing wraps."""
    if options.terminal:
        make_console(stream, options).print(renderable)
        return
    natural = Console(width=10_000, markup=False, emoji=False).measure(renderable).maximum
    console = make_console(stream, options, width=max(natural, 20))
    with console.capture() as capture:
        console.print(renderable, crop=False)
    for line in capture.get().splitlines():
        stream.write(line.rstrip() + "\n")


def _first_and_count(names: Sequence[str]) -> str:
    return one_line(names[0]) + (f" +{len(names) - 1}" if len(names) > 1 else "")


def status_text(event: Event, dataset: Dataset, *, full: bool = False) -> Text:
    """The status with a visible mark, and who claims, denies or assesses it (by name)."""
    text = Text(STATUS_MARK[event.status] + event.status.value, style=STATUS_STYLE[event.status])
    asserted = (
        (
            "claimed by",
            event.claimed_by if event.status in (Status.CLAIMED, Status.DISPUTED) else (),
        ),
        ("assessed by", event.assessed_by),
    )
    for label, ids in asserted:
        if ids:
            names = actor_names(ids, dataset.actors)
            who = one_line(", ".join(names)) if full else _first_and_count(names)
            text.append(f"\n{label} {who}", style="dim")
    if full and event.denied_by:
        names = actor_names(event.denied_by, dataset.actors)
        text.append(f"\ndenied by {one_line(', '.join(names))}", style="dim")
    if not full:  # `show` gives each correction a row of its own
        append_mark(text, event.id, dataset)
    return text


def append_mark(text: Text, entry_id: str, dataset: Dataset, separator: str = "\n") -> None:
    """ "✎ corrected" or "✗ retracted" under a cell, for an entry the corrections log names."""
    if not dataset.corrections:
        return
    from pokrovsk_cli.answers.corrections import correction_mark

    mark = correction_mark(dataset, entry_id)
    if mark:
        style = "bold red" if mark.endswith("retracted") else "bold orange1"
        text.append(separator + mark, style=style)


def _place_names(event: Event, dataset: Dataset) -> str:
    return ", ".join(one_line(dataset.places[p].name) for p in event.places)


def _publishers(event: Event, dataset: Dataset) -> str:
    # "Reuters (via Devdiscourse)" -> "Reuters": the table names the outlet; `show` has the rest.
    names = list(dict.fromkeys(dataset.sources[s].publisher.split(" (")[0] for s in event.sources))
    return _first_and_count(names)


def coordinates(place: Place) -> str:
    """ "48.2828, 37.1828", or a plain statement that they are not known."""
    if place.lat is None or place.lon is None:
        return "coordinates not verified"
    return f"{place.lat:.4f}, {place.lon:.4f}"


def list_table(options: OutputOptions, caption: str | None, *, expand: bool = True) -> Table:
    """The one table style: ruled header and caption for people; bare columns for pipes."""
    person = options.terminal
    return Table(
        box=box.SIMPLE_HEAD if person else None,
        header_style="bold" if person else "",
        expand=person and expand,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        caption=caption if person else None,
        caption_justify="left",
    )


# Below this width the Sources column goes (they are one `pokrovsk show` away) and the
# category joins the id under the title, so titles and ids stay readable at 80 columns.
COMPACT_BELOW = 100


def write_event_table(
    listing: Listing[Sequence[Event]], stream: TextIO, options: OutputOptions
) -> None:
    """A table of events: date, title (with id), category, places, status, sources."""
    events: Sequence[Event] = listing.items
    caption = f"{len(events)} event(s) · {as_of_text(listing.dataset)}"
    _event_table(events, listing.dataset, stream, options, caption)


def write_latest_table(listing: Listing[Latest], stream: TextIO, options: OutputOptions) -> None:
    """The newest events, each with how long ago it was, under the data's as-of date."""
    from pokrovsk_cli.answers.latest import ago_text

    rows = listing.items.rows
    today = format_day(listing.items.today)
    caption = f"{len(rows)} most recent event(s), newest first · today {today}"
    caption += f"\n{as_of_text(listing.dataset)}"
    ago = {row.event.id: ago_text(row) for row in rows}
    _event_table([row.event for row in rows], listing.dataset, stream, options, caption, ago)


def _event_table(
    events: Sequence[Event],
    dataset: Dataset,
    stream: TextIO,
    options: OutputOptions,
    caption: str,
    ago: dict[str, str] | None = None,  # event id -> "3 days ago": a column after the date
) -> None:
    person = options.terminal
    compact = person and make_console(stream, options).width < COMPACT_BELOW
    if person:
        caption += f"\n{LEGEND}\nsources and full details: pokrovsk show ID"
    table = list_table(options, caption)
    table.add_column("Date", no_wrap=not compact, min_width=11)
    if ago is not None and not compact:  # narrow: under the date instead
        table.add_column("Ago", no_wrap=True)
    if person:
        # Wide enough for every id in one piece: people copy them into `pokrovsk show`.
        longest_id = max((len(event.id) for event in events), default=10)
        table.add_column("Event", ratio=6, overflow="fold", min_width=min(longest_id, 40))
    else:
        table.add_column("ID", no_wrap=True)
        table.add_column("Event", no_wrap=True)
    if not compact:
        table.add_column("Category", no_wrap=True)
    table.add_column("Places", ratio=2, overflow="fold")
    table.add_column("Status", ratio=2, no_wrap=not person, overflow="fold", min_width=12)
    if not compact:
        table.add_column("Sources", ratio=2, overflow="fold")
    add_row = pad_in_cells(table)
    for event in events:
        category = Text(event.category.value, style=_CATEGORY_STYLE.get(event.category.value, ""))
        status = status_text(event, dataset)
        if person:
            title = Text(one_line(event.title))
            title.append(f"\n{event.id}", style="dim")
            if compact:
                title.append(" · ").append_text(category)
            cells = [title]
        else:
            status = Text(status.plain.replace("\n", "; "))
            cells = [Text(event.id), Text(one_line(event.title))]
        if not compact:
            cells.append(category)
        cells += [Text(_place_names(event, dataset)), status]
        if not compact:
            cells.append(Text(_publishers(event, dataset)))
        when = [Text(format_span(event.date))]
        if ago is not None and compact:
            when[0].append(f"\n{ago[event.id]}", style="dim")
        elif ago is not None:
            when.append(Text(ago[event.id]))
        add_row(*when, *cells)
    print_for(table, stream, options)


def source_link(source: Source) -> str:
    """The URL line of a source as plain text: the publisher's page first, a copy marked."""
    from pokrovsk_cli.output.terminal.links import source_link_text

    return source_link_text(source, OutputOptions()).plain


def source_lines(
    source_ids: Sequence[str], dataset: Dataset, *, links_below: bool = False
) -> Table:
    """Numbered sources: publisher, title and date, the URL below; wrapped lines stay indented.

    links_below: in a box, the host and the link's number instead (links.py prints the URLs).
    """
    from pokrovsk_cli.output.terminal.links import source_note

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    add_row = pad_in_cells(grid)
    for number, source_id in enumerate(source_ids, start=1):
        source = dataset.sources[source_id]
        text = Text(one_line(source.publisher), style="bold")
        text.append(f" — {one_line(source.title)}")
        if source.published:
            text.append(f" ({format_span(source.published)})")
        where = source_note(source, number) if links_below else source_link(source)
        text.append(f"\n{where}", style="dim")
        add_row(Text(f"{number}."), text)
    return grid


def _correction_rows(add_row: Any, entry_id: str, dataset: Dataset) -> None:
    """A row for each correction of the entry: retracted in red, corrected in orange."""
    from pokrovsk_cli.answers.corrections import correction_said, corrections_of

    for correction in corrections_of(dataset, entry_id):
        verb, said = correction_said(correction)
        line = Text(inert(said), style="bold red" if verb == "retracted" else "")
        add_row(Text(verb, style="bold orange1"), line)


def write_event_detail(listing: Listing[Event], stream: TextIO, options: OutputOptions) -> None:
    """One event in full: every field, places with their other names, sources with URLs."""
    event: Event = listing.items
    dataset = listing.dataset
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    add_row = pad_in_cells(grid)
    span = event.date
    when = f"{format_span(span)}   ({span.precision.value} precision"
    if span.first != span.last:
        when += f", {span.first.isoformat()} to {span.last.isoformat()}"
    when += f"; data: {inert(span.text)})"
    add_row(Text("id"), Text(event.id))
    add_row(Text("date"), Text(when))
    add_row(Text("category"), Text(event.category.value))
    if event.tags:
        add_row(Text("tags"), Text(one_line(", ".join(event.tags))))
    add_row(Text("status"), status_text(event, dataset, full=True))
    for index, place_id in enumerate(event.places):
        place = dataset.places[place_id]
        line = one_line(place.name)
        if place.other_names:
            line += f" ({one_line(', '.join(place.other_names))})"
        line += f" · {coordinates(place)}"
        add_row(Text("places" if index == 0 else ""), Text(line))
    if event.actors:
        add_row(
            Text("actors"), Text(one_line(", ".join(actor_names(event.actors, dataset.actors))))
        )
    add_row(Text("summary"), Text(inert(event.summary)))
    if event.fatalities is not None:
        add_row(Text("fatalities"), Text(f"{event.fatalities:,} (as the sources report)"))
    if event.quote:
        add_row(Text("quote"), Text(f"“{one_line(event.quote.text)}” — {one_line(event.quote.by)}"))
    if event.note:
        add_row(Text("note"), Text(inert(event.note), style="italic"))
    _correction_rows(add_row, event.id, dataset)
    add_row(Text("sources"), source_lines(event.sources, dataset, links_below=options.terminal))
    if event.dataset != BUNDLED:
        add_row(Text("dataset"), Text(one_line(event.dataset)))
    title = Text(one_line(event.title), style="bold")
    if options.terminal:
        panel = Panel(
            grid,
            title=title,
            title_align="left",
            subtitle=Text(as_of_text(dataset)),
            subtitle_align="right",
            box=box.ROUNDED,
        )
        print_for(panel, stream, options)
        from pokrovsk_cli.output.terminal.links import write_links

        write_links(event.sources, dataset, stream, options)
    else:
        print_for(Text(one_line(event.title)), stream, options)
        print_for(grid, stream, options)

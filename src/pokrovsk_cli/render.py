"""Rich tables and panels for people; the only module that imports Rich.

Data text is untrusted: every cell is a `Text` (never parsed as markup) made inert first, and
the Console is built with markup, emoji and highlighting off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pokrovsk_cli.dates import format_span
from pokrovsk_cli.formats import OutputOptions
from pokrovsk_cli.model import Dataset, Event, Status
from pokrovsk_cli.text import inert, one_line

_STATUS_STYLE = {
    Status.REPORTED: "",
    Status.CONFIRMED: "green",
    Status.CLAIMED: "yellow",
    Status.DISPUTED: "bold red",
}
_STATUS_MARK = {
    Status.REPORTED: "",
    Status.CONFIRMED: "✓ ",
    Status.CLAIMED: "⚑ ",
    Status.DISPUTED: "⚠ ",
}
_CATEGORY_STYLE = {
    "history": "blue",
    "military": "red",
    "civilian": "magenta",
    "economic": "yellow",
    "political": "cyan",
}
LEGEND = "⚑ one side's claim, not verified · ⚠ disputed: one side claims, the other denies"


def _console(stream: TextIO, options: OutputOptions, width: int | None = None) -> Console:
    color_system = None if options.color is False or not options.terminal else "auto"
    return Console(
        file=stream,
        width=width or options.width,
        force_terminal=options.terminal,
        color_system=color_system,
        no_color=options.color is False or None,
        markup=False,
        emoji=False,
        highlight=False,
    )


def _print(renderable: RenderableType, stream: TextIO, options: OutputOptions) -> None:
    """Print for a person; off a terminal, at the renderable's natural width so nothing wraps."""
    if options.terminal:
        _console(stream, options).print(renderable)
        return
    natural = Console(width=10_000, markup=False).measure(renderable).maximum
    _console(stream, options, width=max(natural, 20)).print(renderable, crop=False)


def status_text(event: Event, *, full: bool = False) -> Text:
    """The status with a visible mark, and for claims who makes (and denies) them."""
    label = _STATUS_MARK[event.status] + event.status.value
    text = Text(label, style=_STATUS_STYLE[event.status])
    if event.claimed_by and event.status in (Status.CLAIMED, Status.DISPUTED):
        text.append(f"\nby {one_line(', '.join(event.claimed_by))}", style="dim")
    if full and event.denied_by:
        text.append(f"\ndenied by {one_line(', '.join(event.denied_by))}", style="dim")
    return text


def _place_names(event: Event, dataset: Dataset) -> str:
    return ", ".join(one_line(dataset.places[p].name) for p in event.places)


def _publishers(event: Event, dataset: Dataset) -> str:
    names = list(dict.fromkeys(one_line(dataset.sources[s].publisher) for s in event.sources))
    shown = ", ".join(names[:2])
    return shown + (f" +{len(names) - 2}" if len(names) > 2 else "")


def write_event_table(
    events: Sequence[Event], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """A table of events: date, title (with id), category, places, status, sources."""
    person = options.terminal
    table = Table(
        box=box.SIMPLE_HEAD if person else None,
        header_style="bold" if person else "",
        show_edge=person,
        pad_edge=person,
        caption=f"{len(events)} event(s) · {LEGEND}\nfull details: pokrovsk show ID"
        if person
        else None,
        caption_justify="left",
    )
    table.add_column("Date", no_wrap=True)
    if person:
        table.add_column("Event", ratio=3, min_width=24)
    else:
        table.add_column("ID", no_wrap=True)
        table.add_column("Event", no_wrap=True)
    table.add_column("Category", no_wrap=True)
    table.add_column("Places", ratio=1)
    table.add_column("Status", no_wrap=not person)
    table.add_column("Sources", ratio=1)
    for event in events:
        category = event.category.value
        status = status_text(event)
        if person:
            title = Text(one_line(event.title))
            title.append(f"\n{event.id}", style="dim")
            first = [title]
        else:
            status = Text(one_line(status.plain))
            first = [Text(event.id), Text(one_line(event.title))]
        table.add_row(
            Text(format_span(event.date)),
            *first,
            Text(category, style=_CATEGORY_STYLE.get(category, "")),
            Text(_place_names(event, dataset)),
            status,
            Text(_publishers(event, dataset)),
        )
    _print(table, stream, options)


def _source_lines(event: Event, dataset: Dataset) -> Text:
    text = Text()
    for number, source_id in enumerate(event.sources, start=1):
        source = dataset.sources[source_id]
        if number > 1:
            text.append("\n")
        text.append(f"{number}. {one_line(source.publisher)}", style="bold")
        text.append(f" — {one_line(source.title)}")
        if source.published:
            text.append(f" ({format_span(source.published)})")
        text.append(f"\n   {one_line(source.url) if source.url else '(no URL known)'}", style="dim")
    return text


def write_event_detail(
    event: Event, dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """One event in full: every field, places with their other names, sources with URLs."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    span = event.date
    when = f"{format_span(span)}   ({span.precision.value} precision; data: {span.text}"
    when += f"; {span.first.isoformat()} to {span.last.isoformat()})"
    grid.add_row("id", Text(event.id))
    grid.add_row("date", Text(when))
    grid.add_row("category", Text(event.category.value))
    if event.tags:
        grid.add_row("tags", Text(one_line(", ".join(event.tags))))
    grid.add_row("status", status_text(event, full=True))
    for index, place_id in enumerate(event.places):
        place = dataset.places[place_id]
        line = one_line(place.name)
        if place.other_names:
            line += f" ({one_line(', '.join(place.other_names))})"
        line += f" · {place.lat:.4f}, {place.lon:.4f}"
        grid.add_row("places" if index == 0 else "", Text(line))
    if event.actors:
        grid.add_row("actors", Text(one_line(", ".join(event.actors))))
    grid.add_row("summary", Text(inert(event.summary)))
    if event.quote:
        grid.add_row("quote", Text(f"“{one_line(event.quote.text)}” — {one_line(event.quote.by)}"))
    if event.note:
        grid.add_row("note", Text(inert(event.note), style="italic"))
    grid.add_row("sources", _source_lines(event, dataset))
    title = Text(one_line(event.title), style="bold")
    if options.terminal:
        _print(Panel(grid, title=title, title_align="left", box=box.ROUNDED), stream, options)
    else:
        _print(Text(one_line(event.title)), stream, options)
        _print(grid, stream, options)

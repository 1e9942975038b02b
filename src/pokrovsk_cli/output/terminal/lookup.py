"""Rich panels and tables for answers, facts, places and sources (people, not scripts).

The same rules as events.py: every cell is a `Text` made inert first, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pokrovsk_cli.answers.about import QUIET_STALE_ENV, STALE_AFTER_DAYS, as_of_text
from pokrovsk_cli.answers.confidence import ANSWER_AT
from pokrovsk_cli.data.dates import format_span
from pokrovsk_cli.data.model import Dataset, Fact, FactValue, Status
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.cells import pad_in_cells
from pokrovsk_cli.output.terminal.events import (
    STATUS_MARK,
    STATUS_STYLE,
    _correction_rows,
    append_mark,
    coordinates,
    list_table,
    print_for,
    source_lines,
)
from pokrovsk_cli.output.values import format_value
from pokrovsk_cli.text import inert, one_line

if TYPE_CHECKING:  # annotations only: `fact` need not import what the other tables use
    from pokrovsk_cli.answers.about import About
    from pokrovsk_cli.answers.actors import ActorUse
    from pokrovsk_cli.answers.answer import Answer, Lookup
    from pokrovsk_cli.answers.citations import SourceUse
    from pokrovsk_cli.answers.geo import PlaceDistance

_COMPUTED_MARK = "∑ "


def _status(answer: Answer) -> Text:
    if answer.status == "computed":
        source = "coordinates" if answer.unit in ("km", "°") else "the data's dates"
        return Text(_COMPUTED_MARK + f"computed from {source}", style="cyan")
    status = Status(answer.status)
    text = Text(STATUS_MARK[status] + status.value, style=STATUS_STYLE[status])
    if answer.kind == "event" and answer.attributed_to:
        label = "assessed by" if status is Status.ASSESSED else "claimed by"
        text.append(f"\n{label} {one_line(answer.attributed_to)}", style="dim")
    return text


def _history(values: Sequence[FactValue]) -> Text:
    """Earlier values of a changing figure, newest first, one line each."""
    text = Text()
    for index, value in enumerate(reversed(values)):
        shown = format_value(value.value, value.unit, value.low, value.high)
        line = f"{format_span(value.as_of)}: {shown}"
        if value.status is not Status.REPORTED:
            line += f" ({STATUS_MARK[value.status]}{value.status.value})"
        if value.attributed_to:
            line += f" — {one_line(value.attributed_to)}"
        text.append(("\n" if index else "") + line)
    return text


def _answer_grid(answer: Answer, dataset: Dataset, *, links_below: bool = False) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    add_row = pad_in_cells(grid)
    add_row(Text("answer"), Text(inert(answer.text)))
    sure = Text(f"right {answer.confidence:.0%} of the time", style="bold")
    sure.append(f" (score {answer.score:.2f}; shown as an answer from {ANSWER_AT:.0%})", "dim")
    add_row(Text("sure"), sure)
    listing = answer.kind == "events"
    if listing and answer.date:
        add_row(Text("period"), Text(format_span(answer.date)))
    elif answer.value is not None or answer.low is not None:
        shown = format_value(answer.value, answer.unit, answer.low, answer.high)
        add_row(Text("value"), Text(shown))
    if answer.date and not listing:
        label = "date" if answer.kind == "event" or answer.status == "computed" else "as of"
        precision = f"   ({answer.date.precision.value} precision)"
        add_row(Text(label), Text(format_span(answer.date) + precision))
    if answer.kind == "fact" and answer.attributed_to:
        add_row(Text("says so"), Text(one_line(answer.attributed_to)))
    if not listing:
        add_row(Text("status"), _status(answer))
    if answer.how:
        add_row(Text("how"), Text(one_line(answer.how), style="dim"))
    if answer.events:
        lines = _event_lines(answer)
        if answer.kind == "current":
            note = "\nsources below are the newest one's; pokrovsk show ID: each one's"
            lines.append(note, "dim")
        add_row(Text("events"), lines)
    if answer.note:
        add_row(Text("note"), Text(inert(answer.note), style="italic"))
    if answer.kind in ("event", "fact"):
        _correction_rows(add_row, answer.id, dataset)
    if answer.history[:-1]:
        add_row(Text("earlier"), _history(answer.history[:-1]))
    if listing:  # each event's own sources: pokrovsk show ID
        cited = f"{len(answer.sources)} in all; pokrovsk show ID lists an event's own"
        if not answer.events:
            cited = "none: no event in the period to cite"
        add_row(Text("sources"), Text(cited, style="dim"))
    else:
        add_row(Text("sources"), source_lines(answer.sources, dataset, links_below=links_below))
    return grid


def _event_lines(answer: Answer) -> Text:
    """The events an answer rests on, one line each: date, status, title, id."""
    text = Text()
    for index, event in enumerate(answer.events):
        if index:
            text.append("\n")
        text.append(f"{format_span(event.date)}  ")
        text.append(
            STATUS_MARK[event.status] + event.status.value, style=STATUS_STYLE[event.status]
        )
        text.append(f"  {one_line(event.title)}")
        text.append(f"  {one_line(event.id)}", style="dim")
    return text


def _explanation(lookup: Lookup) -> Table:
    """fact --explain: each step of reading and scoring the question, one row each."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    add_row = pad_in_cells(grid)
    for step, detail in lookup.explanation:
        add_row(Text(one_line(step)), Text(one_line(detail)))
    return grid


def _titled(
    heading: Text, parts: Sequence[RenderableType], stream: TextIO, options: OutputOptions
) -> None:
    """Parts in a titled box on a terminal; piped, the title as a line above them."""
    if options.terminal:
        panel = Panel(Group(*parts), title=heading, title_align="left", box=box.ROUNDED)
        print_for(panel, stream, options)
    else:
        print_for(Group(heading, *parts), stream, options)


def write_explanation(lookup: Lookup, stream: TextIO, options: OutputOptions) -> None:
    _titled(
        Text("How the question was read", style="bold"), [_explanation(lookup)], stream, options
    )


def _weak_panel(lookup: Lookup, stream: TextIO, options: OutputOptions, dataset: Dataset) -> None:
    """No answer is sure enough: the closest matches, said to be no answer."""
    heading = Text("Closest match, not an answer", style="bold")
    parts: list[RenderableType] = [
        Text(f"No confident answer: {one_line(lookup.refusal or '')}."),
        _match_table(lookup.closest),
        Text("pokrovsk fact --explain QUESTION: why · pokrovsk show ID: an event", style="dim"),
        Text(as_of_text(dataset), style="dim"),
    ]
    _titled(heading, parts, stream, options)


def _match_table(matches: Sequence[Answer]) -> Table:
    grid = Table.grid(padding=(0, 2), pad_edge=True)
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim", overflow="fold")
    add_row = pad_in_cells(grid)
    for answer in matches:
        score = Text(f"{answer.score:.2f} {answer.confidence:.0%}")
        add_row(score, Text(answer.kind), Text(one_line(answer.id)), Text(one_line(answer.title)))
    return grid


def write_lookup_panel(listing: Listing[Lookup], stream: TextIO, options: OutputOptions) -> None:
    """The best answer in a panel, then the other matches one line each."""
    lookup: Lookup = listing.items
    dataset = listing.dataset
    answer = lookup.answer
    if lookup.explained:
        write_explanation(lookup, stream, options)
    if answer is None:
        if lookup.closest:
            _weak_panel(lookup, stream, options, dataset)
        return  # the CLI says why on stderr
    heading = Text(one_line(answer.title), style="bold")
    where = f"{answer.kind} {answer.id} · score {answer.score:.2f}"
    parts: list[RenderableType] = []
    if lookup.matches[1:]:
        parts += [
            Text("Other matches (score, right share):", style="bold"),
            _match_table(lookup.matches[1:]),
        ]
    parts.append(Text("pokrovsk show ID: an event in full · --all: every match", style="dim"))
    parts.append(Text(as_of_text(dataset), style="dim"))
    grid = _answer_grid(answer, dataset, links_below=options.terminal)
    if options.terminal:
        panel = Panel(
            grid,
            title=heading,
            subtitle=Text(where),  # a str would be read as markup (and load Rich's emoji table)
            title_align="left",
            subtitle_align="right",
            box=box.ROUNDED,
        )
        print_for(panel, stream, options)
        if answer.kind != "events":  # a period's events cite theirs in `pokrovsk show ID`
            from pokrovsk_cli.output.terminal.links import write_links

            write_links(answer.sources, dataset, stream, options)
        print_for(Group(*parts), stream, options)
    else:
        heading.append(f"  ({where})")
        print_for(Group(heading, grid, Text(), *parts), stream, options)


def write_fact_table(
    listing: Listing[Sequence[Fact]], stream: TextIO, options: OutputOptions
) -> None:
    """Every curated fact: id, question, value, as-of date, who says so."""
    facts: Sequence[Fact] = listing.items
    person = options.terminal
    caption = (
        f'{len(facts)} facts · ask one: pokrovsk fact "QUESTION" · {as_of_text(listing.dataset)}'
    )
    table = list_table(options, caption)
    if not person:
        table.add_column("ID", no_wrap=True)
    table.add_column("Question", ratio=5, overflow="fold")
    table.add_column("Value", ratio=2, overflow="fold")
    table.add_column("As of", no_wrap=True)
    table.add_column("Says so", ratio=3, overflow="fold")
    add_row = pad_in_cells(table)
    for fact in facts:
        says = one_line(fact.attributed_to or "")
        if fact.status is not Status.REPORTED:
            says = f"{STATUS_MARK[fact.status]}{fact.status.value}: {says}"
        question = Text(one_line(fact.question))
        if person:
            question.append(f"\n{fact.id}", style="dim")
        cells = [question] if person else [Text(fact.id), question]
        said = Text(says)
        append_mark(said, fact.id, listing.dataset, "\n" if person else "; ")
        cells += [
            Text(format_value(fact.value, fact.unit, fact.low, fact.high)),
            Text(format_span(fact.as_of) if fact.as_of else ""),
            said,
        ]
        add_row(*cells)
    print_for(table, stream, options)


def write_place_table(
    listing: Listing[Sequence[PlaceDistance]], stream: TextIO, options: OutputOptions
) -> None:
    """Places nearest first, with distance and bearing from Pokrovsk computed from coordinates."""
    rows: Sequence[PlaceDistance] = listing.items
    person = options.terminal
    caption = "Distances: straight line from Pokrovsk's centre (haversine), not by road."
    caption += f"\n{as_of_text(listing.dataset)}"
    table = list_table(options, caption, expand=False)
    if not person:
        table.add_column("ID", no_wrap=True)
    table.add_column("Place", no_wrap=True)
    table.add_column("Other names", overflow="fold", max_width=44 if person else None)
    table.add_column("Lat, lon", no_wrap=True)
    table.add_column("km", justify="right", no_wrap=True)
    table.add_column("Bearing", no_wrap=True)
    add_row = pad_in_cells(table)
    for row in rows:
        place = row.place
        name = Text(one_line(place.name))
        if person:
            name.append(f"\n{place.id}", style="dim")
        append_mark(name, place.id, listing.dataset, "\n" if person else " · ")
        distance = "—" if row.km is None else f"{row.km:.1f}"
        bearing = "—" if row.bearing is None else f"{row.compass} {row.bearing:.0f}°"
        cells = [] if person else [Text(place.id)]
        cells += [
            name,
            Text(one_line(", ".join(place.other_names))),
            Text(coordinates(place) if person or place.lat is not None else ""),
            Text(distance),
            Text(bearing),
        ]
        add_row(*cells)
    print_for(table, stream, options)


def write_source_table(
    listing: Listing[Sequence[SourceUse]], stream: TextIO, options: OutputOptions
) -> None:
    """Every source with how many events, facts and places cite it, most cited first."""
    from pokrovsk_cli.output.terminal.links import source_link_text  # only this table's

    uses: Sequence[SourceUse] = listing.items
    person = options.terminal
    copies = sum(1 for use in uses if not use.source.url)
    caption = f"{len(uses)} sources · {copies} with no publisher URL (pokrovsk sources"
    caption += f" --copies-only) · {as_of_text(listing.dataset)}"
    table = list_table(options, caption)
    if not person:
        table.add_column("ID", no_wrap=True)
    table.add_column("Source", ratio=5, overflow="fold")
    table.add_column("Published", no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Facts", justify="right", no_wrap=True)
    table.add_column("Places", justify="right", no_wrap=True)
    add_row = pad_in_cells(table)
    for use in uses:
        source = use.source
        cell = Text(one_line(source.publisher), style="bold" if person else "")
        cell.append(f" — {one_line(source.title)}")
        append_mark(cell, source.id, listing.dataset, "\n" if person else " · ")
        if person:
            cell.append(f"\n{source.id}", style="dim")
            link = source_link_text(source, options)
            link.stylize("dim")
            cell.append("\n").append_text(link)
        cells = [] if person else [Text(source.id)]
        cells += [
            cell,
            Text(format_span(source.published) if source.published else ""),
            Text(str(use.events)),
            Text(str(use.facts)),
            Text(str(use.places)),
        ]
        add_row(*cells)
    print_for(table, stream, options)


def write_actor_table(
    listing: Listing[Sequence[ActorUse]], stream: TextIO, options: OutputOptions
) -> None:
    """Every actor: name (with id), side, kind, and how many events name, claim or assess."""
    uses: Sequence[ActorUse] = listing.items
    person = options.terminal
    caption = f"{len(uses)} actors · timeline --claimed-by ID or --side SIDE"
    caption += f" · {as_of_text(listing.dataset)}"
    table = list_table(options, caption)
    if not person:
        table.add_column("ID", no_wrap=True)
    table.add_column("Actor", ratio=5, overflow="fold")
    table.add_column("Side", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    for heading in ("Events", "Claims", "Denials", "Assessed"):
        table.add_column(heading, justify="right", no_wrap=True)
    add_row = pad_in_cells(table)
    for use in uses:
        actor = use.actor
        name = Text(one_line(actor.name))
        if person:
            name.append(f"\n{actor.id}", style="dim")
        cells = [] if person else [Text(actor.id)]
        cells += [name, Text(actor.side.value), Text(actor.kind.value)]
        cells += [Text(str(n)) for n in (use.events, use.claims, use.denials, use.assessments)]
        add_row(*cells)
    print_for(table, stream, options)


SPARKS = " ▁▂▃▄▅▆▇█"


def sparkline(counts: Sequence[int]) -> str:
    """One character a month, its height the month's share of the busiest month."""
    top = max(counts, default=0)
    if not top:
        return " " * len(counts)
    return "".join(SPARKS[0 if not n else max(1, round(n / top * 8))] for n in counts)


def write_about(listing: Listing[About], stream: TextIO, options: OutputOptions) -> None:
    """The dataset's version, as-of date, counts, events per month and its layers."""
    about: About = listing.items
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    add_row = pad_in_cells(grid)
    add_row(Text("version"), Text(one_line(about.version or "not stated")))
    curated = format_span(about.curated_through) if about.curated_through else "not stated"
    add_row(Text("curated through"), Text(curated))
    if about.stale_days is not None and about.stale_days > STALE_AFTER_DAYS:
        stale = Text(f"{about.stale_days} days ago: newer events are not in the data", style="bold")
        stale.append(f"\n{QUIET_STALE_ENV}=1 silences the note on stderr", style="dim")
        add_row(Text("stale"), stale)
    add_row(Text("holds"), Text(", ".join(f"{n} {name}" for name, n in about.counts)))
    if about.per_month:
        months = [month for month, _ in about.per_month]
        counts = [n for _, n in about.per_month]
        chart = Text(sparkline(counts), style="cyan")
        chart.append(f"\n{months[0]} … {months[-1]}, one mark a month (busiest: {max(counts)})")
        chart.append(f"\n{sum(counts)} events dated to a day or a month", style="dim")
        add_row(Text("per month"), chart)
    for index, layer in enumerate(about.layers):
        line = one_line(layer.label)
        if layer.curated_through:
            line += f" (curated through {format_span(layer.curated_through)})"
        add_row(Text("layers" if index == 0 else ""), Text(line))
    title = Text("pokrovsk dataset", style="bold")
    if options.terminal:
        print_for(Panel(grid, title=title, title_align="left", box=box.ROUNDED), stream, options)
    else:
        print_for(grid, stream, options)

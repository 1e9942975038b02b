"""The table of `pokrovsk changes`: what was added, updated, corrected or retracted, newest
first."""

from __future__ import annotations

from typing import TextIO

from rich.text import Text

from pokrovsk_cli.answers.about import as_of_text
from pokrovsk_cli.answers.changes import Changes
from pokrovsk_cli.data.dates import format_day
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.cells import pad_in_cells
from pokrovsk_cli.output.terminal.events import list_table, print_for
from pokrovsk_cli.text import inert, one_line

_STYLE = {"added": "green", "updated": "", "corrected": "bold orange1", "retracted": "bold red"}
_MARK = {"added": "+ ", "updated": "~ ", "corrected": "✎ ", "retracted": "✗ "}


def write_change_table(listing: Listing[Changes], stream: TextIO, options: OutputOptions) -> None:
    """Date, change, the entry (title, kind and id) and, for a correction, what and why."""
    changes: Changes = listing.items
    person = options.terminal
    since = changes.since
    start = ""
    if since is not None:
        start = f" since {one_line(since.text)}"
        start += (
            f" (from {format_day(since.first)})" if since.text != since.first.isoformat() else ""
        )
    caption = f"{len(changes.rows)} change(s){start} · {as_of_text(listing.dataset)}"
    caption += "\n+ added · ~ updated · ✎ corrected · ✗ retracted; pokrovsk show ID for an event"
    table = list_table(options, caption)
    table.add_column("Date", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    if not person:
        table.add_column("Kind", no_wrap=True)
        table.add_column("ID", no_wrap=True)
    # Wide enough for every id in one piece: people copy them into `pokrovsk show`.
    longest = max((len(row.id) for row in changes.rows), default=10)
    table.add_column("Entry", ratio=3, overflow="fold", min_width=min(longest + 2, 34))
    table.add_column("Correction", ratio=2, overflow="fold")
    add_row = pad_in_cells(table)
    for row in changes.rows:
        change = Text((_MARK[row.change] if person else "") + row.change, style=_STYLE[row.change])
        entry = Text(one_line(row.title))
        if person:  # the kind under the change, the id under the title
            change.append(f"\n{row.kind}", style="dim")
            entry.append(f"\n{row.id}", style="dim")
            cells = [entry]
        else:
            cells = [Text(row.kind), Text(row.id), entry]
        detail = Text(inert(row.detail) if row.detail else "")
        add_row(Text(row.day.isoformat()), change, *cells, detail)
    if not changes.rows and person:
        note = f"No changes{start} · {as_of_text(listing.dataset)}"
        print_for(Text(note), stream, options)
        return
    print_for(table, stream, options)

"""A terminal bar chart of events per period, coloured by category, claims drawn apart.

In colour, every event is a block in its category's colour: solid for reported or confirmed,
shaded for one side's claim. Piped or under NO_COLOR it degrades to letters (M military,
m a military claim, ...), so the same distinctions survive without colour or box drawing.
"""

from __future__ import annotations

import math
from typing import TextIO

from rich.text import Text

from pokrovsk_cli.answers.about import as_of_text
from pokrovsk_cli.answers.periods import Chart
from pokrovsk_cli.data.model import Category, Dataset
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.terminal.events import make_console

CATEGORY_COLOUR = {
    Category.HISTORY: "blue",
    Category.MILITARY: "red",
    Category.CIVILIAN: "magenta",
    Category.ECONOMIC: "yellow",
    Category.POLITICAL: "cyan",
}
SOLID, SHADED = "█", "▒"
LEFT_OUT_SHOWN = 5
EMPTY_RUN = 4  # this many empty periods in a row or more are drawn as one line


def _letter(category: Category, claim: bool) -> str:
    letter = category.value[0].upper()
    return letter.lower() if claim else letter


def _legend(chart: Chart, colour: bool, units: int) -> Text:
    text = Text(f"Events per {chart.period.value}", style="bold")
    if colour:
        text.append(f" · {SOLID} reported or confirmed  {SHADED} claimed or disputed\n")
        for category in Category:
            text.append(SOLID, style=CATEGORY_COLOUR[category]).append(f" {category.value}  ")
    else:
        keys = ", ".join(f"{_letter(c, False)} {c.value}" for c in Category)
        text.append(f"\n{keys}; lower case: claimed or disputed")
    if units > 1:
        text.append(f"\neach mark stands for up to {units} events")
    return text


def write_chart(chart: Chart, dataset: Dataset, stream: TextIO, options: OutputOptions) -> None:
    """Bars from the first to the last period with events; the count after each bar."""
    console = make_console(stream, options)
    colour = options.terminal and console.color_system is not None and not console.no_color
    label_width = max((len(bar.label) for bar in chart.bars), default=4)
    largest = max((bar.total for bar in chart.bars), default=0)
    width = options.width or (console.width if options.terminal else 80)
    room = max(10, width - label_width - 3 - len(str(largest)) - 1)
    units = max(1, math.ceil(largest / room))
    lines = [_legend(chart, colour, units), Text()]
    bars = list(chart.bars)
    index = 0
    while index < len(bars):
        bar = bars[index]
        empty = 0
        while index + empty < len(bars) and not bars[index + empty].total:
            empty += 1
        if empty >= EMPTY_RUN:  # a long quiet stretch is one line, not a wall of empty bars
            gap = f"{'⋮' if colour else ':'} {empty} {chart.period.value}s without events"
            lines.append(Text(f"{'':>{label_width}} {gap}", style="dim"))
            index += empty
            continue
        index += 1
        line = Text(f"{bar.label:>{label_width}} {'│' if colour else '|'} ")
        used = 0
        for category in Category:
            for claim in (False, True):
                count = bar.counts.get((category, claim), 0)
                cells = min(math.ceil(count / units), room - used)
                if cells <= 0:
                    continue
                used += cells
                if colour:
                    mark = (SHADED if claim else SOLID) * cells
                    line.append(mark, style=CATEGORY_COLOUR[category])
                else:
                    line.append(_letter(category, claim) * cells)
        if bar.total:
            line.append(f" {bar.total}", style="dim")
        lines.append(line)
    if chart.left_out:
        ids = ", ".join(event.id for event in chart.left_out[:LEFT_OUT_SHOWN])
        more = len(chart.left_out) - LEFT_OUT_SHOWN
        if more > 0:
            ids += f" and {more} more"
        lines += [
            Text(),
            Text(
                f"Left out, dated less precisely than a {chart.period.value}: {ids}",
                style="dim",
            ),
        ]
    lines += [Text(), Text(as_of_text(dataset), style="dim")]
    if colour:
        for line in lines:
            console.print(line, overflow="fold")
    else:
        for line in lines:
            stream.write(line.plain.rstrip() + "\n")

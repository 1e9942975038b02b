"""Table cells that carry their own padding, so Rich lays out each cell once instead of twice.

Rich wraps every cell of a padded table in a `Padding`, which renders the cell's lines and then
hands them back to the table to be split, cropped and padded again. `pad_in_cells` moves a
table's horizontal padding into its `Text` cells, which wrap and pad themselves in one pass, and
gives each flexible column of an expanding table the width Rich gives it as a least width anyway,
so Rich does not measure cells whose measurement it would throw away. Drawn at 47 rows and 100
columns, in-process, the timeline took 57 ms instead of 80 on the machine that measured it.

Wherever a table fits its width, the output is byte for byte Rich's own:
tests/output/test_render_cells.py draws every table both ways at 60 to 200 columns, in colour
and without, and generated cells at 30 to 120. Too narrow for the columns' least widths (the
timeline below about 30 columns, where both are unreadable), Rich squeezes columns, and a
flexible column with a width squeezes differently from one without.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text


class PaddedText:
    """A Text with blank columns either side: what `Padding(text, (0, right, 0, left))` draws."""

    __slots__ = ("text", "left", "right")

    def __init__(self, text: Text, left: int, right: int) -> None:
        self.text = text
        self.left = left
        self.right = right

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text, left, right = self.text, self.left, self.right
        width = options.max_width - left - right
        before = Segment(" " * left) if left else None
        after = Segment(" " * right) if right else None
        newline = Segment.line()
        plain = text.plain
        justify = text.justify or options.justify or "default"
        one_line = justify == "left" and not text.spans and "\n" not in plain and "\t" not in plain
        if one_line and 0 < width and (used := cell_len(plain)) <= width:
            # One line that fits: nothing to wrap, and justifying it only pads it.
            if before:
                yield before
            style = console.get_style(text.style) if text.style else None
            yield Segment(plain + " " * (width - used), style)
            if after:
                yield after
            yield newline
            return
        lines = self._wrap(console, options, width, justify) if width > 0 else None
        if lines is None:  # too narrow, or Rich would crop a line: Rich's own way
            yield Padding(text, (0, right, 0, left))
            return
        for line, used in lines:
            if before:
                yield before
            if line.spans:
                yield from Text().join((line,)).render(console)  # the line's style as a span
            elif line.style:
                yield Segment(line.plain, console.get_style(line.style))
            else:
                yield Segment(line.plain)
            if used < width:
                yield Segment(" " * (width - used))
            if after:
                yield after
            yield newline

    def _wrap(
        self, console: Console, options: ConsoleOptions, width: int, justify: str
    ) -> list[tuple[Text, int]] | None:
        """The text's lines at `width`, each with its width; None if Rich would crop one."""
        text = self.text
        tab_size = console.tab_size if text.tab_size is None else text.tab_size
        wrapped = text.wrap(
            console,
            width,
            justify=justify,  # type: ignore[arg-type]
            overflow=text.overflow or options.overflow or "fold",
            tab_size=tab_size or 8,
            no_wrap=text.no_wrap if text.no_wrap is not None else bool(options.no_wrap),
        )
        lines = [(line, line.cell_len) for line in wrapped]
        if any(used > width for _, used in lines):
            return None
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        max_width = options.max_width
        extra = self.left + self.right
        if max_width - extra < 1:
            return Measurement(max_width, max_width)
        low, high = Measurement.get(console, options, self.text)
        return Measurement(low + extra, high + extra).with_maximum(max_width)


def _padded(cell: RenderableType, left: int, right: int) -> RenderableType:
    if not (left or right):
        return cell
    if isinstance(cell, Text):
        return PaddedText(cell, left, right)
    return Padding(cell, (0, right, 0, left))


def pad_in_cells(table: Table) -> Callable[..., None]:
    """Move `table`'s horizontal padding into its cells; call once every column is added.

    Returns the function that adds a row (use it instead of `table.add_row`). A table with
    vertical padding is left to Rich.
    """
    top, right, bottom, left = table.padding
    if top or bottom or not (left or right):
        return table.add_row
    last = len(table.columns) - 1
    pads: list[tuple[int, int]] = []
    for index, column in enumerate(table.columns):
        # Rich's own rule (Table._get_cells): collapsed and edge padding.
        cell_left = max(0, left - right) if table.collapse_padding and index else left
        cell_right = right
        if not table.pad_edge:
            cell_left = 0 if index == 0 else cell_left
            cell_right = 0 if index == last else cell_right
        pad = cell_left + cell_right
        pads.append((cell_left, cell_right))
        column.header = _padded(column.header, cell_left, cell_right)
        column.footer = _padded(column.footer, cell_left, cell_right)
        if column.width is None and column.ratio and table.expand:
            column.width = 1  # the least Rich gives a flexible column; spares measuring it
        for name in ("width", "min_width", "max_width"):
            value = getattr(column, name)
            if value is not None:
                setattr(column, name, value + pad)
    table.padding = 0

    def add_row(*cells: RenderableType | None, **row: object) -> None:
        if len(cells) > len(pads):  # Rich would add a column; padding is set per column
            raise ValueError(f"{len(cells)} cells for {len(pads)} columns")
        padded: Iterable[RenderableType | None] = (
            None if cell is None else _padded(cell, *pad)
            for cell, pad in zip(cells, pads, strict=False)
        )
        table.add_row(*padded, **row)  # type: ignore[arg-type]

    return add_row

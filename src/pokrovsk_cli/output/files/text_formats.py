"""Text formats for scripts: CSV, TSV, JSON, JSON Lines and Markdown, for every kind of listing.

Each writer is `write(listing, stream, options)`; the records and column orders come from
records.py, so every format carries the same fields.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any, TextIO

from pokrovsk_cli.data.model import Dataset, Event
from pokrovsk_cli.errors import UsageError
from pokrovsk_cli.output.columns import EVENT_COLUMNS, LIST_SEPARATOR
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import EVENTS, Listing, json_document, tabulate
from pokrovsk_cli.text import inert, json_safe

# OWASP "CSV injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def pick_columns(columns: Sequence[str], wanted: Sequence[str] | None) -> tuple[str, ...]:
    """The columns the user asked for, in their order; an unknown one is a usage error."""
    if not wanted:
        return tuple(columns)
    unknown = [name for name in wanted if name not in columns]
    if unknown:
        raise UsageError(
            f"--columns: no column {unknown[0]!r}", f"valid columns: {', '.join(columns)}"
        )
    return tuple(dict.fromkeys(wanted))


def _rows(
    listing: Listing[Any], options: OutputOptions
) -> tuple[tuple[str, ...], Iterable[dict[str, Any]]]:
    columns, records = tabulate(listing)
    return pick_columns(columns, options.columns), records


def cell_text(value: Any) -> str:
    """A value as cell text: lists joined with ';', booleans as true/false, None as empty."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def neutralise_formula(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (OWASP's advice)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


_CSV_DIALECT = {"lineterminator": "\r\n"}


def _stored_lines(
    listing: Listing[Any], options: OutputOptions, dialect: dict[str, Any]
) -> Iterable[str] | None:
    """The CSV lines the store keeps for these events (event_csv_lines made them), when plain
    CSV of every column is asked for; else None."""
    stored = getattr(listing.items, "csv_lines", None)
    if stored is None or listing.kind != EVENTS or dialect is not _CSV_DIALECT:
        return None
    if options.excel or options.terminal or options.screen:
        return None
    if pick_columns(EVENT_COLUMNS, options.columns) != EVENT_COLUMNS:
        return None
    lines: Iterable[str] | None = stored()
    return lines


class _Lines(list[str]):
    """A stream that keeps each line csv.writer writes (it writes a row in one call)."""

    def write(self, text: str) -> int:
        self.append(text)
        return len(text)


def event_csv_lines(events: Sequence[Event], dataset: Dataset) -> list[str]:
    """Each event's CSV line with every column, as write_csv writes it: the store keeps them."""
    lines = _Lines()
    listing = Listing(EVENTS, events, dataset)
    _write_delimited(listing, lines, OutputOptions(header=False), _CSV_DIALECT)  # type: ignore[arg-type]
    return lines


def _write_delimited(
    listing: Listing[Any], stream: TextIO, options: OutputOptions, dialect: dict[str, Any]
) -> None:
    stored = _stored_lines(listing, options, dialect)  # before _rows, which reads the events
    if stored is not None:
        if options.header:
            stream.write(",".join(EVENT_COLUMNS) + "\r\n")  # column names need no quoting
        stream.writelines(stored)
        return
    columns, records = _rows(listing, options)
    if options.excel:
        stream.write("\ufeff")  # a UTF-8 byte order mark, so Excel reads the text as UTF-8
        dialect = {**dialect, "quoting": csv.QUOTE_ALL}
    writer = csv.writer(stream, **dialect)
    if options.header:
        writer.writerow(columns)
    values = itemgetter(*columns) if len(columns) > 1 else lambda record: (record[columns[0]],)
    for record in records:
        # Most cells are text already; CSV of 23,000 events: 796 ms with cell_text on every
        # cell, 615 ms picking the columns in C and skipping text.
        row = [value if type(value) is str else cell_text(value) for value in values(record)]
        if options.excel:
            row = [neutralise_formula(cell) for cell in row]
        if options.terminal or options.screen:  # exact in files and pipes; a screen never obeys
            row = [inert(cell) for cell in row]
        writer.writerow(row)


def write_csv(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """RFC 4180 CSV: CRLF line ends, a header row, quotes only where needed."""
    _write_delimited(listing, stream, options, _CSV_DIALECT)


def write_tsv(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """Tab-separated, one record a line; a field holding a tab, newline or quote is quoted."""
    _write_delimited(listing, stream, options, {"delimiter": "\t", "lineterminator": "\n"})


def dump_json(document: Any, stream: TextIO, *, indent: int | None = 2) -> None:
    """JSON text; json escapes every C0 control (ESC included) and json_safe the C1 controls and
    bidi characters, so no escape sequence or reordering gets out."""
    stream.write(json_safe(json.dumps(document, ensure_ascii=False, indent=indent)))
    stream.write("\n")


def write_json(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """One JSON document per listing, with a schema_version (README "Machine output")."""
    dump_json(json_document(listing), stream)


def write_jsonl(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """JSON Lines: one record per line, lists as arrays, the same fields as CSV."""
    columns, records = _rows(listing, options)
    for record in records:
        stream.write(json_safe(json.dumps({c: record[c] for c in columns}, ensure_ascii=False)))
        stream.write("\n")


# Backslash escapes undo themselves in any CommonMark reader. `|` would end a table cell; the
# rest would start emphasis, code, links or raw HTML.
_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\|*_`[]<>#~"})


def markdown_cell(value: Any) -> str:
    """Cell text for a GitHub-flavoured Markdown table: special characters escaped, newlines
    as <br> (a table row is one line)."""
    text = cell_text(value).translate(_MARKDOWN_SPECIAL)
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def write_markdown(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """A GitHub-flavoured Markdown table with a header row."""
    columns, records = _rows(listing, options)
    stream.write("| " + " | ".join(columns) + " |\n")
    stream.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    for record in records:
        # Markdown is read by people (and rendered): controls are always made visible.
        cells = [inert(markdown_cell(record[column])) for column in columns]
        stream.write("| " + " | ".join(cells) + " |\n")

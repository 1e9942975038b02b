"""The one registry of output formats: a name maps to its writers, imported only when chosen.

A format is one entry here. Tabular formats use one function for every kind of listing (the
records come from records.py); `table` and `json` have a writer per kind. Module paths, not
functions: choosing csv never imports Rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from pokrovsk_cli.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How the destination looks and what the user asked of it; tests pass these directly."""

    terminal: bool = False  # a person is reading: colour, boxes, wrapping allowed
    width: int | None = None  # None: ask the terminal (or COLUMNS)
    color: bool | None = None  # None: decide from the terminal and NO_COLOR
    columns: tuple[str, ...] | None = None  # --columns: pick and order columns
    header: bool = True  # --no-header turns it off (csv, tsv)
    excel: bool = False  # --excel: BOM and formula-safe cells (csv, tsv)
    screen: bool = False  # stdout is a terminal, whatever the format: controls are shown inert


# Every writer is write(listing, stream, options); a listing is records.Listing.
Writer = Callable[[Any, TextIO, OutputOptions], None]
# ... but a to_path format's is write(listing, path, options): it opens the file by name.
PathWriter = Callable[[Any, "Path", OutputOptions], None]

LIST_KINDS = ("events", "facts", "answers", "places", "sources", "actors")
ROW_KINDS = (*LIST_KINDS, "latest", "changes")  # what the tabular text formats write


def _each(function: str, kinds: tuple[str, ...] = LIST_KINDS) -> dict[str, str]:
    return dict.fromkeys(kinds, function)


class Format(NamedTuple):
    """An output format: its writer for each kind of listing it makes sense for."""

    summary: str
    writers: dict[str, str]  # kind -> "module:function"
    extensions: tuple[str, ...] = ()
    options: frozenset[str] = frozenset()  # columns, header, excel
    # A database, not text: its writer takes a file's path, never a stream, so never stdout.
    to_path: bool = False


_TABULAR = frozenset({"columns", "header", "excel"})

FORMATS: dict[str, Format] = {
    "table": Format(
        "aligned columns for people (the default)",
        {
            "events": "pokrovsk_cli.output.terminal.events:write_event_table",
            "latest": "pokrovsk_cli.output.terminal.events:write_latest_table",
            "changes": "pokrovsk_cli.output.terminal.changes:write_change_table",
            "event": "pokrovsk_cli.output.terminal.events:write_event_detail",
            "facts": "pokrovsk_cli.output.terminal.lookup:write_fact_table",
            "answers": "pokrovsk_cli.output.terminal.lookup:write_lookup_panel",
            "places": "pokrovsk_cli.output.terminal.lookup:write_place_table",
            "sources": "pokrovsk_cli.output.terminal.lookup:write_source_table",
            "actors": "pokrovsk_cli.output.terminal.lookup:write_actor_table",
            "about": "pokrovsk_cli.output.terminal.lookup:write_about",
        },
        (".txt",),
    ),
    "csv": Format(
        "RFC 4180, header row",
        _each("pokrovsk_cli.output.files.text_formats:write_csv", ROW_KINDS),
        (".csv",),
        _TABULAR,
    ),
    "tsv": Format(
        "tab-separated, header row",
        _each("pokrovsk_cli.output.files.text_formats:write_tsv", ROW_KINDS),
        (".tsv", ".tab"),
        _TABULAR,
    ),
    "json": Format(
        "one JSON document",
        _each("pokrovsk_cli.output.files.text_formats:write_json", (*ROW_KINDS, "event", "about")),
        (".json",),
    ),
    "jsonl": Format(
        "JSON Lines, one record a line",
        _each("pokrovsk_cli.output.files.text_formats:write_jsonl", ROW_KINDS),
        (".jsonl", ".ndjson"),
        frozenset({"columns"}),
    ),
    "markdown": Format(
        "a GitHub-flavoured Markdown table",
        _each("pokrovsk_cli.output.files.text_formats:write_markdown", ROW_KINDS),
        (".md", ".markdown"),
        frozenset({"columns"}),
    ),
    "ics": Format(
        "iCalendar (RFC 5545), one all-day event each",
        {"events": "pokrovsk_cli.output.files.ics:write_ics"},
        (".ics",),
    ),
    "geojson": Format(
        "GeoJSON (RFC 7946) points for a map",
        {
            "events": "pokrovsk_cli.output.files.geojson:write_geojson",
            "places": "pokrovsk_cli.output.files.geojson:write_geojson",
        },
        (".geojson",),
    ),
    "timelinejs": Format(
        "Knight Lab TimelineJS JSON",
        {"events": "pokrovsk_cli.output.files.timelinejs:write_timelinejs"},
    ),
    "yaml": Format(
        "a dataset file: the events with the sources and places they cite",
        {"events": "pokrovsk_cli.output.files.dataset_yaml:write_yaml"},
        (".yaml", ".yml"),
    ),
    "html": Format(
        "one self-contained web page",
        _each("pokrovsk_cli.output.files.html:write_html"),
        (".html", ".htm"),
    ),
    "sqlite": Format(
        "a SQLite database for Datasette and sqlite-utils (to a file: -o FILE.db)",
        {
            "events": "pokrovsk_cli.output.files.sqlite_db:write_sqlite",
            "latest": "pokrovsk_cli.output.files.sqlite_db:write_sqlite",
        },
        (".db", ".sqlite", ".sqlite3"),
        to_path=True,
    ),
    "atom": Format(
        "an Atom feed (RFC 4287), for feed readers",
        {"changes": "pokrovsk_cli.output.files.atom:write_atom"},
        (".atom",),
    ),
    # `pokrovsk cite` (output/files/cite.py): references, not records.
    "text": Format(
        "formatted references in a citation style (--style)",
        {"citations": "pokrovsk_cli.output.files.cite:write_text_listing"},
        (".txt",),
    ),
    "csl-json": Format(
        "CSL-JSON, as citeproc, Zotero and pandoc read it",
        {"citations": "pokrovsk_cli.output.files.cite:write_csl_json_listing"},
    ),
    "bibtex": Format(
        "BibTeX (@misc entries, UTF-8)",
        {"citations": "pokrovsk_cli.output.files.cite:write_bibtex_listing"},
        (".bib",),
    ),
    "ris": Format(
        "RIS, for reference managers",
        {"citations": "pokrovsk_cli.output.files.cite:write_ris_listing"},
        (".ris",),
    ),
}


def formats_for(*kinds: str) -> list[str]:
    """The names of the formats that can write any of these kinds, in registry order."""
    return [name for name, spec in FORMATS.items() if any(k in spec.writers for k in kinds)]


def format_from_path(path: str, kind: str) -> str:
    """The format a file name implies (`events.csv` -> csv), for --output without --format."""
    from pathlib import PurePath  # only --output needs it

    suffix = PurePath(path).suffix.casefold()
    for name in formats_for(kind):
        if suffix in FORMATS[name].extensions:
            return name
    known = ", ".join(
        f"{ext} ({name})" for name in formats_for(kind) for ext in FORMATS[name].extensions
    )
    raise UsageError(
        f"--output: cannot tell the format from {path!r}",
        f"give --format, or use one of: {known}",
    )


def get_writer(name: str, kind: str) -> Writer:
    """Import and return the writer of format `name` for this kind of listing."""
    spec = FORMATS[name]
    if kind not in spec.writers:
        can = ", ".join(formats_for(kind))
        raise UsageError(f"--format {name} cannot write {kind}", f"formats for {kind}: {can}")
    module_name, _, attribute = spec.writers[kind].partition(":")
    return getattr(importlib.import_module(module_name), attribute)  # type: ignore[no-any-return]


# A table lays out every row before printing any: past this many, a machine format serves.
TABLE_ROW_LIMIT = 2000


def check_table_size(name: str, kind: str, items: Any) -> None:
    """Refuse a table of any listing too long to lay out in reasonable time (50,000 rows took
    40 s); the formats that stream have no such limit."""
    if (
        name == "table"
        and kind in LIST_KINDS
        and kind != "answers"
        and len(items) > TABLE_ROW_LIMIT
    ):
        raise UsageError(
            f"{len(items):,} rows are too many for a table (at most {TABLE_ROW_LIMIT:,})",
            "use --format csv or jsonl (they stream), --limit N, or narrower filters",
        )


def check_options(name: str, options: OutputOptions) -> None:
    """Refuse options the chosen format ignores, rather than silently dropping them."""
    allowed = FORMATS[name].options
    given = {
        "columns": options.columns is not None,
        "header": not options.header,
        "excel": options.excel,
    }
    flags = {"columns": "--columns", "header": "--no-header", "excel": "--excel"}
    for option, used in given.items():
        if used and option not in allowed:
            takers = [n for n, spec in FORMATS.items() if option in spec.options]
            raise UsageError(
                f"{flags[option]} does not apply to --format {name}",
                f"it works with: {', '.join(takers)}",
            )

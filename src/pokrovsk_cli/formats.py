"""The one registry of output formats: a name maps to a writer, imported only when chosen."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from pokrovsk_cli.model import Dataset


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How the destination looks: tests pass these instead of a real terminal."""

    terminal: bool = False  # a person is reading: colour, boxes, wrapping allowed
    width: int | None = None  # None: ask the terminal (or COLUMNS)
    color: bool | None = None  # None: decide from the terminal and NO_COLOR


# Every writer is write(records, dataset, stream, options); records differ per registry.
Writer = Callable[[Any, Dataset, TextIO, OutputOptions], None]

# Writers for lists of events. Module paths, not functions: choosing csv never imports Rich.
EVENT_FORMATS: dict[str, str] = {
    "table": "pokrovsk_cli.render:write_event_table",
    "csv": "pokrovsk_cli.export:write_events_csv",
    "json": "pokrovsk_cli.export:write_events_json",
}

# Writers for one event in full (`pokrovsk show`).
DETAIL_FORMATS: dict[str, str] = {
    "table": "pokrovsk_cli.render:write_event_detail",
    "json": "pokrovsk_cli.export:write_event_detail_json",
}


# `pokrovsk fact QUESTION`: the best answer and the other matches.
LOOKUP_FORMATS: dict[str, str] = {
    "table": "pokrovsk_cli.render_lookup:write_lookup_panel",
    "csv": "pokrovsk_cli.export_lookup:write_lookup_csv",
    "json": "pokrovsk_cli.export_lookup:write_lookup_json",
}

# `pokrovsk fact` with no question: every curated fact.
FACT_FORMATS: dict[str, str] = {
    "table": "pokrovsk_cli.render_lookup:write_fact_table",
    "csv": "pokrovsk_cli.export_lookup:write_facts_csv",
    "json": "pokrovsk_cli.export_lookup:write_facts_json",
}

PLACE_FORMATS: dict[str, str] = {
    "table": "pokrovsk_cli.render_lookup:write_place_table",
    "csv": "pokrovsk_cli.export_lookup:write_places_csv",
    "json": "pokrovsk_cli.export_lookup:write_places_json",
}

SOURCE_FORMATS: dict[str, str] = {
    "table": "pokrovsk_cli.render_lookup:write_source_table",
    "csv": "pokrovsk_cli.export_lookup:write_sources_csv",
    "json": "pokrovsk_cli.export_lookup:write_sources_json",
}


def get_writer(registry: dict[str, str], name: str) -> Any:
    """Import and return the writer registered under `name`."""
    module_name, _, attribute = registry[name].partition(":")
    return getattr(importlib.import_module(module_name), attribute)

"""The column order of an event record: the contract CSV, TSV, JSON Lines, Markdown and the JSON
documents share (output/columns.py names it with the other kinds'), and what a CSV or JSON Lines
layer of events is read in (read_bulk.py). Column orders never change; new columns are only ever
appended."""

from __future__ import annotations

EVENT_COLUMNS = (
    "id",
    "date",
    "date_start",
    "date_end",
    "precision",
    "approximate",
    "uncertain",
    "title",
    "summary",
    "category",
    "tags",
    "places",
    "actors",
    "status",
    "claimed_by",
    "denied_by",
    "sources",
    "quote",
    "quote_by",
    "note",
    "dataset",
    "assessed_by",
    "added",  # curation dates (schema 3), and the ids of corrections that name the entry
    "updated",
    "corrections",
    "aliases",  # schema 4: other ways people name the event, so an export loses nothing
    "fatalities",  # schema 5: deaths reported for the event, a whole number (or empty)
)
# How a list (tags, places, sources) is joined in one cell of CSV, TSV and Markdown.
LIST_SEPARATOR = ";"

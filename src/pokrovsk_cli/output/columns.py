"""The column order of every kind of record: the contract CSV, TSV, JSON Lines, Markdown and
the JSON documents share. Column orders never change; new columns are only ever appended."""

from __future__ import annotations

# The events' columns are an input too (a CSV or JSON Lines layer, data/read_bulk.py), so they
# are defined in the data layer, which may not import this one, and named here with the rest.
from pokrovsk_cli.data.event_columns import EVENT_COLUMNS as EVENT_COLUMNS
from pokrovsk_cli.data.event_columns import LIST_SEPARATOR as LIST_SEPARATOR

# `pokrovsk latest`: an event's columns, then how many days ago its span ended and began.
LATEST_COLUMNS = (*EVENT_COLUMNS, "days_since_end", "days_since_start")


ANSWER_COLUMNS = (
    "rank",
    "kind",
    "id",
    "score",
    "title",
    "text",
    "value",
    "unit",
    "date",
    "status",
    "attributed_to",
    "sources",
    "note",
    "dataset",
    "low",
    "high",
    "confidence",
    "match",
    "how",
    "events",
    "corrections",  # schema 3
)
FACT_COLUMNS = (
    "id",
    "question",
    "aliases",
    "answer",
    "value",
    "unit",
    "as_of",
    "status",
    "attributed_to",
    "sources",
    "note",
    "dataset",
    "low",
    "high",
    "added",
    "updated",
    "corrections",
)
PLACE_COLUMNS = (
    "id",
    "name",
    "other_names",
    "kind",
    "oblast",
    "country",
    "lat",
    "lon",
    "distance_km",
    "bearing_deg",
    "compass",
    "sources",
    "dataset",
    "added",
    "updated",
)
SOURCE_COLUMNS = (
    "id",
    "publisher",
    "title",
    "url",
    "published",
    "events",
    "facts",
    "places",
    "dataset",
    "copy_url",
    "added",
    "updated",
)
ACTOR_COLUMNS = (
    "id",
    "name",
    "other_names",
    "side",
    "kind",
    "events",
    "claims",
    "denials",
    "assessments",
    "note",
    "dataset",
)
# `pokrovsk changes`: one row per change, newest first.
CHANGE_COLUMNS = (
    "date",
    "change",
    "kind",
    "id",
    "title",
    "detail",
    "correction",
    "sources",
    "dataset",
)

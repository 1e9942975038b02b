"""The dataset format as JSON Schema (draft 2020-12), for editors that validate YAML as it is typed.

Built from the same constants and Enums the loader uses, so the two cannot drift apart; a test
checks the bundled data against it. The loader still does more (real calendar days, intervals
in order, references that exist, duplicate ids across files).
"""

from __future__ import annotations

from typing import Any

from pokrovsk_cli.data.entries import ID_PATTERN, SUMMARY_LIMIT, TEXT_LIMIT, TEXT_LIMITS
from pokrovsk_cli.data.files import SCHEMA_VERSION
from pokrovsk_cli.data.model import ActorKind, Category, Change, Side, Status
from pokrovsk_cli.data.read_events import FATALITIES_LIMIT

SCHEMA_ID = "urn:pokrovsk-cli:dataset-schema:1"  # a name, not a place to fetch from

_POINT = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?"
DATE_PATTERN = f"^{_POINT}(/{_POINT})?$"


def _text(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description, **extra}


def _texts(description: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": description,
        **extra,
    }


def _entry(required: list[str], properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "properties": {
            **properties,
            "replaces": {
                "type": "boolean",
                "description": "Replace the entry with this id from an earlier file.",
            },
        },
        "additionalProperties": False,
        **extra,
    }


def _day(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": description}


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema of one dataset file."""
    ident = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$", "description": "kebab-case"}
    a_date = {
        "type": ["string", "integer"],
        "pattern": DATE_PATTERN,
        "description": "2024, 2024-02, 2024-02-17, a trailing ~ or ?, or A/B for a span",
    }
    sources = _texts("ids of the sources cited", minItems=1)
    curation = {
        "added": _day("the day the entry entered the data (required in the bundled data)"),
        "updated": _day("the day it last changed, if it did"),
    }
    source = _entry(
        ["id", "publisher", "title"],
        {
            "id": ident,
            "publisher": _text("who published it"),
            "title": _text("its headline"),
            "url": {
                "type": ["string", "null"],
                "pattern": "^https?://[^\\s/]+",
                "description": "the publisher's own page; empty when unknown, never invented",
            },
            "copy_url": {
                "type": ["string", "null"],
                "pattern": "^https?://[^\\s/]+",
                "description": "where a copy was read (a mirror, a syndication)",
            },
            "published": a_date,
            "note": _text("anything a reader should know"),
            **curation,
        },
    )
    place = _entry(
        ["id", "name", "kind", "oblast", "country", "sources"],
        {
            "id": ident,
            "name": _text("the name used in English"),
            "other_names": _texts("Ukrainian, Russian and Soviet-era names"),
            "kind": _text("city, town, village, region..."),
            "oblast": _text("the oblast or region"),
            "country": _text("the country"),
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "sources": sources,
            "note": _text("anything a reader should know; why coordinates are missing"),
            **curation,
        },
        dependentRequired={"lat": ["lon"], "lon": ["lat"]},
    )
    actor = _entry(
        ["id", "name", "side", "kind"],
        {
            "id": ident,
            "name": _text("the name used in English"),
            "other_names": _texts("other names and spellings"),
            "side": {"enum": [s.value for s in Side]},
            "kind": {"enum": [k.value for k in ActorKind]},
            "note": _text("who they are"),
        },
    )
    event = _entry(
        ["id", "date", "title", "summary", "category", "status", "sources"],
        {
            **curation,
            "id": ident,
            "date": a_date,
            "title": _text("a short title"),
            "summary": _text("1-3 sentences in your own words", maxLength=SUMMARY_LIMIT),
            "category": {"enum": [c.value for c in Category]},
            "tags": _texts("free tags"),
            "aliases": _texts("other ways people name or ask about it (for pokrovsk fact)"),
            "places": _texts("place ids"),
            "actors": _texts("actor ids: who acted"),
            "status": {"enum": [s.value for s in Status]},
            "claimed_by": _texts("actor ids: who claims it (claimed and disputed events)"),
            "denied_by": _texts("actor ids: who denies it (disputed events)"),
            "assessed_by": _texts("actor ids: the independent analysts or monitors (assessed)"),
            "fatalities": {
                "type": "integer",
                "minimum": 0,
                "maximum": FATALITIES_LIMIT,
                "description": "deaths the sources report for the event, a whole number",
            },
            "sources": sources,
            "quote": {
                "type": "object",
                "required": ["text", "by"],
                "properties": {"text": _text("a short direct quote"), "by": _text("who said it")},
                "additionalProperties": False,
            },
            "note": _text("e.g. where sources disagree"),
        },
        allOf=[
            {
                "if": {"properties": {"status": {"enum": ["claimed", "disputed"]}}},
                "then": {"required": ["claimed_by"], "properties": {"claimed_by": {"minItems": 1}}},
            },
            {
                "if": {"properties": {"status": {"const": "disputed"}}},
                "then": {"required": ["denied_by"], "properties": {"denied_by": {"minItems": 1}}},
            },
            {
                "if": {"properties": {"status": {"const": "assessed"}}},
                "then": {
                    "required": ["assessed_by"],
                    "properties": {"assessed_by": {"minItems": 1}},
                },
            },
        ],
    )
    figure = {
        "value": {"type": ["number", "string"]},
        "low": {"type": "number", "description": "a range's lower end"},
        "high": {"type": "number", "description": "a range's upper end"},
        "unit": _text("the value's unit"),
        "attributed_to": _text("who says so"),
        "status": {"enum": ["reported", "claimed", "confirmed", "assessed"]},
        "sources": sources,
        "note": _text("anything a reader should know"),
    }
    earlier_value = {
        "type": "object",
        "required": ["as_of", "sources"],
        "properties": {**figure, "as_of": a_date},
        "additionalProperties": False,
    }
    fact = _entry(
        ["id", "question", "answer", "sources"],
        {
            **curation,
            "id": ident,
            "question": _text("the question it answers"),
            "aliases": _texts("other ways people ask"),
            "answer": _text("a sentence in your own words"),
            **figure,
            "as_of": a_date,
            "history": {
                "type": "array",
                "items": earlier_value,
                "minItems": 1,
                "description": "the figure's earlier values, oldest first",
            },
        },
        allOf=[
            {
                "if": {"properties": {"status": {"const": "claimed"}}, "required": ["status"]},
                "then": {"required": ["attributed_to"]},
            }
        ],
    )
    correction = _entry(
        ["id", "date", "entry", "change", "why", "sources"],
        {
            "id": ident,
            "date": _day("the day the entry was put right"),
            "entry": {**ident, "description": "the event, fact, place or source corrected"},
            "change": {"enum": [c.value for c in Change]},
            "was": {"type": ["string", "number"], "description": "the old value"},
            "now": {
                "type": ["string", "number"],
                "description": "the new value (not for retracted)",
            },
            "why": _text("what was wrong, in your own words"),
            "sources": sources,
        },
    )
    release = {
        "type": "object",
        "required": ["version", "date"],
        "properties": {"version": {"type": ["string", "number"]}, "date": _day("its day")},
        "additionalProperties": False,
    }
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "pokrovsk dataset file",
        "description": "Sources, places, events and facts on the battle for Pokrovsk.",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "dataset": {
                "type": "object",
                "properties": {
                    "version": {"type": ["string", "number"]},
                    "curated_through": {
                        "type": "string",
                        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                        "description": "the last day the curators checked the news",
                    },
                    "versions": {
                        "type": "array",
                        "items": release,
                        "description": "each release of the file and its day, oldest first",
                    },
                },
                "additionalProperties": False,
            },
            "sources": {"type": "array", "items": source},
            "places": {"type": "array", "items": place},
            "actors": {"type": "array", "items": actor},
            "events": {"type": "array", "items": event},
            "facts": {"type": "array", "items": fact},
            "corrections": {"type": "array", "items": correction},
        },
        "additionalProperties": False,
    }
    _bound_texts(document)
    return document


# Properties whose strings have a pattern of their own instead of a length limit.
_UNBOUNDED = {"id", "date", "published", "as_of", "curated_through", "added", "updated", "entry"}


def _bound_texts(node: Any, name: str | None = None) -> None:
    """Give every named text property (and list items, under their list's name) the loader's
    length limit (dataset.TEXT_LIMITS)."""
    if isinstance(node, list):
        for item in node:
            _bound_texts(item, name)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    text = kind == "string" or (isinstance(kind, list) and "string" in kind)
    if text and name is not None and name not in _UNBOUNDED:
        node.setdefault("maxLength", TEXT_LIMITS.get(name, TEXT_LIMIT))
    for key, value in node.items():
        if key == "properties":
            for child_name, child in value.items():
                _bound_texts(child, child_name)
        else:
            _bound_texts(value, name if key == "items" else None)

"""`pokrovsk changes -f atom`: an Atom feed (RFC 4287) of what changed in the data.

Ids are name-based UUIDs (RFC 9562, version 5) of each change's kind, entry, change and day, so
the same change keeps its id in every run and a feed reader never shows it twice; no web address
is invented for the dataset. Each entry links the publisher pages (or copies, marked) of the
sources behind it. Data text is escaped for XML and made inert: a feed reader shows it as text.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape, quoteattr

from pokrovsk_cli import __version__
from pokrovsk_cli.data.provenance import copy_label
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.text import inert, one_line

if TYPE_CHECKING:
    from datetime import date

    from pokrovsk_cli.answers.changes import ChangeRow, Changes
    from pokrovsk_cli.data.model import Dataset
    from pokrovsk_cli.output.records import Listing

# The namespace of every id this feed mints (a fixed random UUID, so ids are stable).
NAMESPACE = uuid.UUID("6f1d2a52-3c0e-4c59-9d0c-2f0b4c1e8a7d")
FEED_TITLE = "Battle for Pokrovsk: changes to the data"
AUTHOR = "pokrovsk dataset curators"
SUBTITLE = "Added, updated, corrected and retracted entries"
_HEADING = {
    "added": "Added",
    "updated": "Updated",
    "corrected": "Corrected",
    "retracted": "Retracted",
}


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"  # curation dates are days: midnight UTC


def _text(value: str) -> str:
    return escape(inert(value))


def _feed_updated(changes: Changes, dataset: Dataset) -> str:
    """The newest change's day; with none, the data's newest release or as-of day, else now."""
    if changes.rows:
        return _stamp(changes.rows[0].day)
    days = [day for layer in dataset.layers for _, day in layer.versions]
    if dataset.curated_through is not None:
        days.append(dataset.curated_through.last)
    if days:
        return _stamp(max(days))
    from pokrovsk_cli.clock import run_time

    return run_time().strftime("%Y-%m-%dT%H:%M:%SZ")


def _links(row: ChangeRow, dataset: Dataset) -> list[str]:
    links = []
    for source_id in row.sources:
        source = dataset.sources.get(source_id)
        if source is None:
            continue
        title = f"{source.publisher}: {source.title}"
        if source.url:
            links.append((source.url, title))
        elif source.copy_url:
            links.append((source.copy_url, f"{title} ({copy_label(source.copy_url)})"))
    return [
        f'    <link rel="related" href={quoteattr(one_line(url))} title={quoteattr(inert(title))}/>'
        for url, title in links
    ]


def _entry(row: ChangeRow, dataset: Dataset) -> list[str]:
    key = f"{row.kind}/{row.id}/{row.change}/{row.day.isoformat()}/{row.correction or ''}"
    title = f"{_HEADING[row.change]} {row.kind}: {row.title}"
    body = row.detail or f"The {row.kind} {row.id} was {row.change} on {row.day.isoformat()}."
    return [
        "  <entry>",
        f"    <id>urn:uuid:{uuid.uuid5(NAMESPACE, key)}</id>",
        f"    <title>{_text(title)}</title>",
        f"    <updated>{_stamp(row.day)}</updated>",
        f"    <category term={quoteattr(row.change)}/>",
        f"    <category term={quoteattr(row.kind)}/>",
        f'    <content type="text">{_text(body)} (pokrovsk {row.kind} {_text(row.id)})</content>',
        *_links(row, dataset),
        "  </entry>",
    ]


def write_atom(listing: Listing[Changes], stream: TextIO, options: OutputOptions) -> None:
    """The feed: one entry per change, newest first."""
    changes, dataset = listing.items, listing.dataset
    since = f" since {changes.since.text}" if changes.since else ""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>urn:uuid:{uuid.uuid5(NAMESPACE, 'feed')}</id>",
        f"  <title>{_text(FEED_TITLE)}</title>",
        f"  <subtitle>{_text(SUBTITLE + since)}</subtitle>",
        f"  <updated>{_feed_updated(changes, dataset)}</updated>",
        f"  <author><name>{AUTHOR}</name></author>",
        f'  <generator version="{__version__}">pokrovsk</generator>',
    ]
    for row in changes.rows:
        lines += _entry(row, dataset)
    lines.append("</feed>")
    stream.write("\n".join(lines) + "\n")

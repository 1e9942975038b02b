"""Knight Lab TimelineJS JSON: the timeline as slides a journalist can publish.

Dates keep their precision (a month-precision event gives only year and month), intervals get
an end_date, and the group is the category. TimelineJS shows `headline` and `text` as HTML, so
every data string is HTML-escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from pokrovsk_cli.answers.actors import who_says
from pokrovsk_cli.data.dates import end_precisions, format_span
from pokrovsk_cli.data.model import Event, Precision
from pokrovsk_cli.data.provenance import copy_label
from pokrovsk_cli.output.files.text_formats import dump_json
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.text import html_text as escape


def date_parts(day: date, precision: Precision) -> dict[str, int]:
    """A TimelineJS date object with only the parts the precision knows."""
    parts = {"year": day.year}
    if precision is not Precision.YEAR:
        parts["month"] = day.month
    if precision is Precision.DAY:
        parts["day"] = day.day
    return parts


def _text(event: Event, listing: Listing[Sequence[Event]]) -> str:
    sources = [listing.dataset.sources[s] for s in event.sources]
    status = event.status.value
    for label, names in who_says(event, listing.dataset.actors):
        status += f"; {label} {names}"
    links = []
    for source in sources:
        label = escape(f"{source.publisher}: {source.title}")
        if source.url:
            label = f'<a href="{escape(source.url)}">{label}</a>'
        elif source.copy_url:
            copy = escape(copy_label(source.copy_url))
            label += f' (<a href="{escape(source.copy_url)}">{copy}</a>)'
        links.append(label)
    return (
        f"<p>{escape(event.summary)}</p>"
        f"<p><em>Status: {escape(status)}</em></p>"
        f"<p>Sources: {' · '.join(links)}</p>"
    )


def slide(event: Event, listing: Listing[Sequence[Event]]) -> dict[str, Any]:
    """One event as a TimelineJS slide."""
    span = event.date
    start_precision, end_precision = end_precisions(span)
    result: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_parts(span.first, start_precision),
        "display_date": format_span(span),
        "text": {"headline": escape(event.title), "text": _text(event, listing)},
        "group": event.category.value,
    }
    if span.interval:
        result["end_date"] = date_parts(span.last, end_precision)
    return result


def write_timelinejs(
    listing: Listing[Sequence[Event]], stream: TextIO, options: OutputOptions
) -> None:
    """A TimelineJS document: a title slide and one slide per event."""
    dump_json(
        {
            "title": {
                "text": {
                    "headline": "The battle for Pokrovsk",
                    "text": "<p>A sourced timeline. Claims are marked with who makes them.</p>",
                }
            },
            "events": [slide(event, listing) for event in listing.items],
        },
        stream,
    )

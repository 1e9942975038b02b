"""iCalendar (RFC 5545): one all-day VEVENT per event, spanning the event's real precision.

A month-precision event spans the whole month, an interval its days; DTEND is exclusive, so
it is the day after the last day. UIDs come from event ids, so a calendar that subscribes to
the file updates events instead of duplicating them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import TextIO

from pokrovsk_cli import __version__
from pokrovsk_cli.answers.about import as_of_text
from pokrovsk_cli.answers.actors import who_says
from pokrovsk_cli.data.model import Event, Precision, Status
from pokrovsk_cli.data.provenance import cited_at
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.text import inert

UID_DOMAIN = "pokrovsk-cli"

# RFC 5545 3.8.1.11 has TENTATIVE and CONFIRMED; a claim is tentative until someone confirms it.
_ICS_STATUS = {
    Status.CLAIMED: "TENTATIVE",
    Status.DISPUTED: "TENTATIVE",
    Status.CONFIRMED: "CONFIRMED",
}


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline; other
    control characters are not allowed in TEXT, so they are shown as visible escapes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(inert(line) for line in text.split("\n"))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _stamp() -> str:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH when set, so builds can be reproducible."""
    from pokrovsk_cli.clock import run_time

    return run_time().strftime("%Y%m%dT%H%M%SZ")


def _lines(event: Event, listing: Listing[Sequence[Event]], stamp: str) -> Iterator[str]:
    dataset = listing.dataset
    span = event.date
    sources = [dataset.sources[s] for s in event.sources]
    description = [event.summary, f"Status: {event.status.value}"]
    for label, names in who_says(event, dataset.actors):
        description.append(f"{label.capitalize()}: {names}")
    description.append(f"Date in the data: {span.text} ({span.precision.value} precision)")
    if event.note:
        description.append(f"Note: {event.note}")
    description.append("Sources:")
    description += [f"- {cited_at(s.publisher, s.title, s.url, s.copy_url)}" for s in sources]
    yield "BEGIN:VEVENT"
    yield f"UID:{event.id}@{UID_DOMAIN}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{span.first:%Y%m%d}"
    yield f"DTEND;VALUE=DATE:{span.last + timedelta(days=1):%Y%m%d}"
    yield f"SUMMARY:{escape_text(event.title)}"
    yield f"DESCRIPTION:{escape_text(chr(10).join(description))}"
    yield f"CATEGORIES:{escape_text(event.category.value)}"
    if event.status in _ICS_STATUS:
        yield f"STATUS:{_ICS_STATUS[event.status]}"
    places = [dataset.places[p] for p in event.places]
    if places:
        yield f"LOCATION:{escape_text(', '.join(p.name for p in places))}"
        point = next((p for p in places if p.lat is not None and p.lon is not None), None)
        if point is not None:
            yield f"GEO:{point.lat:.6f};{point.lon:.6f}"
    first_url = next((s.url for s in sources if s.url), None)
    if first_url:
        yield f"URL:{inert(first_url)}"  # a URL holds no controls; if one did, it shows
    yield "END:VEVENT"


def _calendar_description(listing: Listing[Sequence[Event]], left_out: int) -> str:
    # No commas or semicolons: readers leave the escapes of this non-standard property in place.
    text = "A sourced timeline of the battle for Pokrovsk (Ukraine) - "
    text += as_of_text(listing.dataset)
    if left_out:
        text += f" - {left_out} event(s) dated only to a year are left out"
    return text


def in_calendar(event: Event) -> bool:
    """A calendar shows days: an event known only to the year (or a span of years) would be an
    all-day event a year or more long, so it is left out, and the calendar says how many."""
    return event.date.precision is not Precision.YEAR


def write_ics(listing: Listing[Sequence[Event]], stream: TextIO, options: OutputOptions) -> None:
    """One VCALENDAR with a VEVENT per event; CRLF line ends and folded lines, as RFC 5545 asks."""
    stamp = _stamp()
    shown = [event for event in listing.items if in_calendar(event)]
    left_out = len(listing.items) - len(shown)
    if left_out:
        print(
            f"pokrovsk: note: {left_out} event(s) dated only to a year are not in the calendar",
            file=sys.stderr,
        )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//pokrovsk-cli//pokrovsk {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Battle for Pokrovsk",
        f"X-WR-CALDESC:{escape_text(_calendar_description(listing, left_out))}",
    ]
    for event in shown:
        lines.extend(_lines(event, listing, stamp))
    lines.append("END:VCALENDAR")
    for line in lines:
        stream.write(fold(line) + "\r\n")

"""The cards of the web page: one <article> per event, fact, answer or place.

A card stacks its fields instead of spreading them over columns, so it fits a phone's width.
Every data string goes through html_text (escaped, controls shown inert); the only markup is ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pokrovsk_cli.answers.actors import who_says
from pokrovsk_cli.answers.answer import ANSWER
from pokrovsk_cli.answers.asked import HOME_PLACE
from pokrovsk_cli.answers.confidence import ANSWER_AT
from pokrovsk_cli.answers.geo import compass_point
from pokrovsk_cli.data.dates import format_span
from pokrovsk_cli.data.model import Dataset, Event, Fact, FactValue, Source, Status
from pokrovsk_cli.data.provenance import copy_label
from pokrovsk_cli.output.values import format_value
from pokrovsk_cli.text import html_text as escape

if TYPE_CHECKING:
    from pokrovsk_cli.answers.answer import Answer
    from pokrovsk_cli.answers.geo import PlaceDistance

_STATUS_MARK = {
    "claimed": "⚑ ",
    "disputed": "⚠ ",
    "confirmed": "✓ ",
    "reported": "",
    "assessed": "◇ ",
    "computed": "∑ ",
}


def link(url: str, label: str) -> str:
    """A link to a source's page; `label` is already escaped."""
    return f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>'


def source_list(source_ids: Iterable[str], dataset: Dataset) -> str:
    """The sources as links: the publisher's URL, or a copy marked "copy at HOST"."""
    items = (
        f"<li>{_cited(source, f'{source.publisher} — {source.title}')}</li>"
        for source in (dataset.sources[s] for s in source_ids)
    )
    return f'<ol class="sources">{"".join(items)}</ol>'


def _cited(source: Source, text: str) -> str:
    """`text` linked to the publisher's page, or followed by a link to the copy, marked as one."""
    label = escape(text)
    if source.url:
        return link(source.url, label)
    if source.copy_url:
        return f"{label} ({link(source.copy_url, escape(copy_label(source.copy_url)))})"
    return label


def _status_badge(status: str, text: str | None = None) -> str:
    shown = text if text is not None else status
    mark = _STATUS_MARK.get(status, "")
    return f'<span class="badge {escape(status)}">{mark}{escape(shown)}</span>'


def _fields(rows: Sequence[tuple[str, str]]) -> str:
    """Label and value pairs (values already escaped) as a definition list."""
    if not rows:
        return ""
    items = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="fields">{items}</dl>'


def _says_label(status: str) -> str:
    if status in ("claimed", "disputed"):
        return "claimed by"
    return "assessed by" if status == "assessed" else "according to"


def _history(values: Sequence[FactValue], dataset: Dataset) -> str:
    """Earlier values of a changing figure, newest first, each with its sources' publishers."""
    items = []
    for value in reversed(values):
        line = f"{escape(format_span(value.as_of))}: "
        line += escape(format_value(value.value, value.unit, value.low, value.high) or "—")
        if value.status is not Status.REPORTED:
            line += " " + _status_badge(value.status.value)
        if value.attributed_to:
            line += f" — {escape(value.attributed_to)}"
        links = [_cited(dataset.sources[s], dataset.sources[s].publisher) for s in value.sources]
        if links:
            line += f' <span class="meta">({", ".join(links)})</span>'
        items.append(f"<li>{line}</li>")
    return f'<ul class="history">{"".join(items)}</ul>'


def _corrected(dataset: Dataset, entry_id: str) -> list[str]:
    """ "Corrected 1 Dec 2026: …" / "Retracted …" for each correction of the entry."""
    from pokrovsk_cli.answers.corrections import correction_line, corrections_of

    lines = [correction_line(c) for c in corrections_of(dataset, entry_id)]
    return [line[:1].upper() + line[1:] for line in lines]  # str.capitalize lowers the rest


def event_card(event: Event, dataset: Dataset) -> str:
    """One event of the timeline: date, title, category and status, summary, who says, sources."""
    status = event.status.value
    parts = [f'<article id="{escape(event.id)}">']
    parts.append(f'<div class="when">{escape(format_span(event.date))}</div>')
    parts.append(f"<h3>{escape(event.title)}</h3>")
    badges = f'<span class="badge">{escape(event.category.value)}</span>'
    badges += _status_badge(status)
    parts.append(f"<div>{badges}</div>")
    parts.append(f"<p>{escape(event.summary)}</p>")
    meta = []
    if event.places:
        meta.append("Places: " + ", ".join(escape(dataset.places[p].name) for p in event.places))
    for label, names in who_says(event, dataset.actors):
        meta.append(f"{label.capitalize()}: {escape(names)}")
    if event.quote:
        meta.append(f"“{escape(event.quote.text)}” — {escape(event.quote.by)}")
    if event.note:
        meta.append("Note: " + escape(event.note))
    meta += [f"<strong>{escape(line)}</strong>" for line in _corrected(dataset, event.id)]
    if meta:
        parts.append('<p class="meta">' + "<br>".join(meta) + "</p>")
    parts.append(source_list(event.sources, dataset))
    parts.append(f'<div class="meta">id: {escape(event.id)}</div></article>')
    return "\n".join(parts)


def fact_card(fact: Fact, dataset: Dataset) -> str:
    """One curated fact: the question, the answer, its figure, as-of date, status and sources."""
    status = fact.status.value
    parts = [f'<article class="card" id="{escape(fact.id)}">', f"<h3>{escape(fact.question)}</h3>"]
    shown = format_value(fact.value, fact.unit, fact.low, fact.high)
    if shown:
        parts.append(f'<p class="value">{escape(shown)}</p>')
    parts.append(f"<p>{escape(fact.answer)}</p>")
    rows = [("as of", escape(format_span(fact.as_of)))] if fact.as_of else []
    rows.append(("status", _status_badge(status)))
    if fact.attributed_to:
        rows.append((_says_label(status), escape(fact.attributed_to)))
    parts.append(_fields(rows))
    if fact.note:
        parts.append(f'<p class="meta">Note: {escape(fact.note)}</p>')
    for line in _corrected(dataset, fact.id):
        parts.append(f'<p class="meta"><strong>{escape(line)}</strong></p>')
    if fact.earlier:  # full width: a list is too cramped beside a label on a phone
        parts.append(f"<h4>Earlier values</h4>{_history(fact.earlier, dataset)}")
    parts.append(f"<h4>Sources</h4>{source_list(fact.sources, dataset)}")
    parts.append(f'<div class="meta">id: {escape(fact.id)}</div></article>')
    return "\n".join(parts)


def _answer_status(answer: Answer) -> str:
    if answer.status == "computed":
        source = "coordinates" if answer.unit in ("km", "°") else "the data's dates"
        return _status_badge("computed", f"computed from {source}")
    return _status_badge(answer.status)


def _answer_events(events: Sequence[Event]) -> str:
    items = (
        f"<li>{escape(format_span(e.date))} {_status_badge(e.status.value)} {escape(e.title)}"
        f' <span class="meta">{escape(e.id)}</span></li>'
        for e in events
    )
    return f'<ul class="events">{"".join(items)}</ul>'


def answer_card(answer: Answer, dataset: Dataset) -> str:
    """One candidate answer: what it says, how sure it is, and whether it counts as an answer."""
    sure = answer.match == ANSWER
    match = "answer" if sure else "closest match, not an answer"
    parts = [
        f'<article class="card{"" if sure else " weak"}" id="{escape(answer.id)}">',
        f'<div class="when">{escape(answer.kind)} · {escape(answer.id)}</div>',
        f"<h3>{escape(answer.title)}</h3>",
        f'<div><span class="badge match-{"answer" if sure else "weak"}">{escape(match)}</span>'
        f' <span class="sure">right {answer.confidence:.0%} of the time</span></div>',
        f"<p>{escape(answer.text)}</p>",
    ]
    listing = answer.kind == "events"
    rows = []
    if listing and answer.date:
        rows.append(("period", escape(format_span(answer.date))))
    elif answer.value is not None or answer.low is not None:
        rows.append(
            ("value", escape(format_value(answer.value, answer.unit, answer.low, answer.high)))
        )
    if answer.date and not listing:
        label = "date" if answer.kind == "event" or answer.status == "computed" else "as of"
        rows.append((label, escape(format_span(answer.date))))
    if not listing:
        rows.append(("status", _answer_status(answer)))
    if answer.attributed_to:
        if answer.kind == "event":
            label = "assessed by" if answer.status == "assessed" else "claimed by"
        else:
            label = _says_label(answer.status)
        rows.append((label, escape(answer.attributed_to)))
    if answer.how:
        rows.append(("how", escape(answer.how)))
    rows.append(("score", f"{answer.score:.2f} (the answer needs {ANSWER_AT:.0%} right or more)"))
    parts.append(_fields(rows))
    if answer.note:
        parts.append(f'<p class="meta">Note: {escape(answer.note)}</p>')
    if answer.events:
        parts.append(f"<h4>Events</h4>{_answer_events(answer.events)}")
    if answer.history[:-1]:
        parts.append(f"<h4>Earlier values</h4>{_history(answer.history[:-1], dataset)}")
    parts.append(f"<h4>Sources</h4>{source_list(answer.sources, dataset)}")
    parts.append("</article>")
    return "\n".join(parts)


def _distance(row: PlaceDistance) -> str:
    place = row.place
    if row.km is not None and row.bearing is not None:
        words = compass_point(row.bearing, words=True)
        return f"{row.km:.1f} km {words} ({row.bearing:.0f}°), in a straight line"
    if place.lat is None or place.lon is None:
        return "not known: coordinates not verified"
    if place.id == HOME_PLACE:
        return "distances are measured from here (the city centre)"
    return "not known: the data has no Pokrovsk to measure from"


def place_card(row: PlaceDistance, dataset: Dataset) -> str:
    """One place: its names, kind, where it is, how far from Pokrovsk, and sources."""
    place = row.place
    parts = [f'<article class="card" id="{escape(place.id)}">', f"<h3>{escape(place.name)}</h3>"]
    if place.other_names:
        parts.append(f'<p class="meta">Also: {escape(", ".join(place.other_names))}</p>')
    coordinates = "not verified"
    if place.lat is not None and place.lon is not None:
        coordinates = f"{place.lat:.4f}, {place.lon:.4f}"
    rows = [
        ("kind", escape(place.kind)),
        ("where", escape(f"{place.oblast} oblast, {place.country}")),
        ("from Pokrovsk", escape(_distance(row))),
        ("lat, lon", escape(coordinates)),
    ]
    parts.append(_fields(rows))
    if place.note:
        parts.append(f'<p class="meta">Note: {escape(place.note)}</p>')
    parts.append(f"<h4>Sources</h4>{source_list(place.sources, dataset)}")
    parts.append(f'<div class="meta">id: {escape(place.id)}</div></article>')
    return "\n".join(parts)

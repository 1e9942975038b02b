"""One self-contained web page: inline CSS, no scripts, no fetches, readable on a phone.

Every data string goes through html.escape; a Content-Security-Policy that allows only the
inline style makes sure the page never loads anything, even if a browser is asked to.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, TextIO

from pokrovsk_cli import __version__
from pokrovsk_cli.answers.about import as_of_text
from pokrovsk_cli.answers.actors import who_says
from pokrovsk_cli.data.dates import format_span
from pokrovsk_cli.data.model import Event
from pokrovsk_cli.data.provenance import copy_label
from pokrovsk_cli.output.files.text_formats import cell_text, pick_columns
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import EVENTS, Listing, tabulate
from pokrovsk_cli.text import html_text as escape

_TITLES = {
    "events": "Battle for Pokrovsk: timeline",
    "facts": "Battle for Pokrovsk: facts",
    "answers": "Battle for Pokrovsk: answers",
    "places": "Battle for Pokrovsk: places",
    "sources": "Battle for Pokrovsk: sources",
    "actors": "Battle for Pokrovsk: actors",
}

_STYLE = """
:root { color-scheme: light dark; --muted: #6b6b6b; --line: #d0d0d0; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid var(--line); }
article { margin: 0 0 1.4rem; }
article h3 { font-size: 1rem; margin: 0.1rem 0; }
.when { color: var(--muted); font-size: 0.9rem; }
.badge { display: inline-block; font-size: 0.75rem; padding: 0 0.4rem; border-radius: 0.6rem;
  border: 1px solid var(--line); margin-right: 0.3rem; }
.claimed { border-color: #b58900; } .disputed { border-color: #dc322f; }
.confirmed { border-color: #859900; }
.meta, .sources { font-size: 0.85rem; color: var(--muted); }
.sources a { overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: 0.85rem; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.4rem; vertical-align: top; }
footer { color: var(--muted); font-size: 0.8rem; margin-top: 2rem; }
"""

_STATUS_MARK = {
    "claimed": "⚑ ",
    "disputed": "⚠ ",
    "confirmed": "✓ ",
    "reported": "",
    "assessed": "◇ ",
}


def _event(event: Event, listing: Listing[Any]) -> str:
    dataset = listing.dataset
    status = event.status.value
    parts = [f'<article id="{escape(event.id)}">']
    parts.append(f'<div class="when">{escape(format_span(event.date))}</div>')
    parts.append(f"<h3>{escape(event.title)}</h3>")
    badges = f'<span class="badge">{escape(event.category.value)}</span>'
    badges += f'<span class="badge {escape(status)}">{_STATUS_MARK[status]}{escape(status)}</span>'
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
    if meta:
        parts.append('<p class="meta">' + "<br>".join(meta) + "</p>")
    links = []
    for source in (dataset.sources[s] for s in event.sources):
        label = escape(f"{source.publisher} — {source.title}")
        if source.url:
            label = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{label}</a>'
        elif source.copy_url:
            copy = escape(copy_label(source.copy_url))
            label += f' (<a href="{escape(source.copy_url)}" rel="noopener noreferrer">{copy}</a>)'
        links.append(f"<li>{label}</li>")
    parts.append(f'<ol class="sources">{"".join(links)}</ol>')
    parts.append(f'<div class="meta">id: {escape(event.id)}</div></article>')
    return "\n".join(parts)


def _timeline(listing: Listing[Any]) -> str:
    body = []
    for year, events in groupby(listing.items, key=lambda e: e.date.first.year):
        body.append(f"<section><h2>{year}</h2>")
        body.extend(_event(event, listing) for event in events)
        body.append("</section>")
    return "\n".join(body)


def _table(listing: Listing[Any], options: OutputOptions) -> str:
    columns, records = tabulate(listing)
    columns = pick_columns(columns, options.columns)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    rows = []
    for record in records:
        cells = "".join(f"<td>{escape(_cell(record[c]))}</td>" for c in columns)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else cell_text(value)


def write_html(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """The page: a timeline of events by year, or a plain table for other listings."""
    title = _TITLES[listing.kind]
    count = len(listing.items.matches) if listing.kind == "answers" else len(listing.items)
    content = _timeline(listing) if listing.kind == EVENTS else _table(listing, options)
    stream.write(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p class="meta">{count} entries · {escape(as_of_text(listing.dataset))}. '
        "⚑ one side's claim, not verified · "
        "⚠ disputed: one side claims, the other denies · "
        "◇ an independent analyst's or monitor's assessment.</p>\n"
        f"{content}\n"
        f"<footer>Made by pokrovsk {escape(__version__)} from its curated, sourced "
        "dataset.</footer>\n</body>\n</html>\n"
    )

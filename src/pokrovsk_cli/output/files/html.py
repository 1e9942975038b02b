"""One self-contained web page: inline CSS, no scripts, no fetches, readable on a phone.

Events, facts, answers and places are cards (html_cards.py) that stack on a narrow screen;
sources and actors are tables that scroll sideways. Every data string goes through html_text;
a Content-Security-Policy that allows only the inline style makes sure the page never loads
anything, even if a browser is asked to.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from pokrovsk_cli import __version__
from pokrovsk_cli.answers.about import as_of_text
from pokrovsk_cli.data.model import Dataset
from pokrovsk_cli.output.files.html_cards import (
    answer_card,
    event_card,
    fact_card,
    link,
    place_card,
)
from pokrovsk_cli.output.files.text_formats import cell_text, pick_columns
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import (
    ACTORS,
    ANSWERS,
    EVENTS,
    FACTS,
    PLACES,
    SOURCES,
    Listing,
    tabulate,
)
from pokrovsk_cli.text import html_text as escape

if TYPE_CHECKING:
    from pokrovsk_cli.answers.answer import Lookup

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

# Added to _STYLE on every page but the timeline's, which keeps _STYLE alone. minmax(0, 1fr)
# and overflow-wrap let a long word or URL wrap instead of widening the page past a phone.
_CARD_STYLE = """
header .scope { font-weight: 600; margin-bottom: 0.2rem; }
.card { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.5rem 0.8rem;
  overflow-wrap: anywhere; }
.card.weak { border-style: dashed; }
.card h3 { font-size: 1.05rem; margin: 0.2rem 0 0.3rem; }
.card p { margin: 0.4rem 0; }
.value { font-size: 1.25rem; font-weight: 600; }
.sure { font-size: 0.85rem; color: var(--muted); }
.match-answer { border-color: #859900; } .match-weak { border-style: dashed; }
dl.fields { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.8rem;
  margin: 0.4rem 0; font-size: 0.9rem; }
dl.fields dt { color: var(--muted); } dl.fields dd { margin: 0; }
.card h4 { font-size: 0.85rem; color: var(--muted); margin: 0.5rem 0 0.1rem; }
.card ul, .card ol { margin: 0.2rem 0; padding-left: 1.2rem; }
.history, .events { font-size: 0.9rem; }
"""

_LEGEND = (
    "⚑ one side's claim, not verified · "
    "⚠ disputed: one side claims, the other denies · "
    "◇ an independent analyst's or monitor's assessment."
)


def _timeline(listing: Listing[Any]) -> str:
    body = []
    for year, events in groupby(listing.items, key=lambda e: e.date.first.year):
        body.append(f"<section><h2>{year}</h2>")
        body.extend(event_card(event, listing.dataset) for event in events)
        body.append("</section>")
    return "\n".join(body)


def _cards(card: Callable[[Any, Dataset], str]) -> Callable[[Listing[Any]], str]:
    """A page body of one card per item, in one section (facts, places)."""

    def body(listing: Listing[Any]) -> str:
        cards = "\n".join(card(item, listing.dataset) for item in listing.items)
        return f"<section>\n{cards}\n</section>"

    return body


def _answers(listing: Listing[Lookup]) -> str:
    """The answer, then the other matches; or why nothing answers, then the closest matches."""
    lookup, dataset = listing.items, listing.dataset
    body = []
    if lookup.explained:
        steps = "".join(
            f"<dt>{escape(step)}</dt><dd>{escape(detail)}</dd>"
            for step, detail in lookup.explanation
        )
        body.append(f'<section><h2>How the question was read</h2><dl class="fields">{steps}</dl>')
        body.append("</section>")
    if lookup.matches:
        body.append("<section><h2>Answer</h2>")
        body.append(answer_card(lookup.matches[0], dataset))
        body.append("</section>")
    else:
        refusal = f": {escape(lookup.refusal)}" if lookup.refusal else ""
        body.append(f"<section><h2>No confident answer</h2><p>No answer{refusal}.</p></section>")
    for heading, answers in (
        ("Other matches", lookup.matches[1:]),
        ("Closest matches, not an answer", lookup.closest),
    ):
        if answers:
            body.append(f"<section><h2>{heading}</h2>")
            body.extend(answer_card(answer, dataset) for answer in answers)
            body.append("</section>")
    return "\n".join(body)


def _scope(listing: Listing[Any]) -> str:
    """What the page holds, in words: the question asked, or which entries (escaped)."""
    items, dataset = listing.items, listing.dataset
    if listing.kind == ANSWERS:
        found = len(items.matches)
        if found:
            others = found - 1
            more = f"the answer and {others} other match{'' if others == 1 else 'es'}"
            more = more if others else "one answer"
        else:
            closest = len(items.closest)
            more = f"no confident answer; {closest} closest match{'' if closest == 1 else 'es'}"
        return f"Question: “{escape(items.query)}” · {more}"
    every = {
        FACTS: len(dataset.facts),
        PLACES: len(dataset.places),
        SOURCES: len(dataset.sources),
        ACTORS: len(dataset.actors),
    }[listing.kind]
    if len(items) == every:
        return f"All {listing.kind} ({every})"
    if listing.kind == SOURCES and not any(use.source.url for use in items):
        return f"Sources with no publisher URL ({len(items)} of {every})"
    return f"{listing.kind.capitalize()}: {len(items)} of {every}"


def _header(listing: Listing[Any], title: str) -> str:
    """The page's title, what it holds and how current the data is."""
    as_of = escape(as_of_text(listing.dataset))
    if listing.kind == EVENTS:
        return (
            f"<h1>{escape(title)}</h1>\n"
            f'<p class="meta">{len(listing.items)} entries · {as_of}. {_LEGEND}</p>\n'
        )
    note = {
        FACTS: _LEGEND,
        ANSWERS: _LEGEND,
        PLACES: "Distances: straight line from Pokrovsk's centre (haversine), not by road.",
    }.get(listing.kind, "The table scrolls sideways for more columns.")
    return (
        f"<header>\n<h1>{escape(title)}</h1>\n"
        f'<p class="scope">{_scope(listing)} · {as_of}</p>\n'
        f'<p class="meta">{note}</p>\n</header>\n'
    )


def _table(listing: Listing[Any], options: OutputOptions) -> str:
    columns, records = tabulate(listing)
    columns = pick_columns(columns, options.columns)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    rows = []
    for record in records:
        cells = "".join(f"<td>{_cell(column, record[column])}</td>" for column in columns)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(column: str, value: Any) -> str:
    """A cell's escaped text; a source's addresses as links, to open on a phone."""
    text = escape(", ".join(value) if isinstance(value, list) else cell_text(value))
    if column in ("url", "copy_url") and value:
        return link(value, text)
    return text


_BODIES: dict[str, Callable[[Listing[Any]], str]] = {
    EVENTS: _timeline,
    FACTS: _cards(fact_card),
    ANSWERS: _answers,
    PLACES: _cards(place_card),
}


def write_html(listing: Listing[Any], stream: TextIO, options: OutputOptions) -> None:
    """The page: cards (events by year, facts, answers, places), or a table (sources, actors)."""
    title = _TITLES[listing.kind]
    body = _BODIES.get(listing.kind)
    content = body(listing) if body else _table(listing, options)
    style = _STYLE if listing.kind == EVENTS else _STYLE + _CARD_STYLE
    stream.write(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"{_header(listing, title)}"
        f"{content}\n"
        f"<footer>Made by pokrovsk {escape(__version__)} from its curated, sourced "
        "dataset.</footer>\n</body>\n</html>\n"
    )

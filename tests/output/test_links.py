"""URLs on a terminal: whole on a line of their own below the box, OSC 8 links, never markup."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest

from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.events import write_event_detail
from pokrovsk_cli.output.terminal.lookup import write_lookup_panel, write_source_table

OSC8 = re.compile(r"\x1b\]8;id=[^;]*;([^\x1b]*)\x1b\\")
ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def draw(write, listing, width: int, color: bool = False) -> str:
    stream = io.StringIO()
    write(listing, stream, OutputOptions(terminal=True, width=width, color=color))
    return stream.getvalue()


def event_urls(dataset, event) -> list[str]:
    sources = [dataset.sources[s] for s in event.sources]
    return [url for s in sources for url in (s.url, s.copy_url) if url]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_url_of_show_is_whole_on_one_line_at_any_width(bundled, width):
    event = next(e for e in bundled.events if e.id == "avdiivka-falls")
    lines = draw(write_event_detail, Listing("event", event, bundled), width).splitlines()
    urls = event_urls(bundled, event)
    assert len(urls) == 4 and max(map(len, urls)) > 60  # long enough to be cut by a border
    for url in urls:
        assert [line for line in lines if url in line], url
        assert not any("│" in line for line in lines if url in line)  # never inside the box
    assert lines[lines.index("Links") + 1] == f"[1] copy at japannews.yomiuri.co.jp: {urls[0]}"


def test_every_url_of_a_fact_answer_is_whole_below_its_box(bundled):
    from pokrovsk_cli.answers.ask import look_up
    from pokrovsk_cli.answers.facts import FactIndex

    lookup = look_up("when did avdiivka fall", FactIndex(bundled), today=date(2026, 12, 2))
    assert lookup.answer is not None and lookup.answer.id == "avdiivka-falls"
    lines = draw(write_lookup_panel, Listing("answers", lookup, bundled), 80).splitlines()
    event = next(e for e in bundled.events if e.id == "avdiivka-falls")
    for url in event_urls(bundled, event):
        (line,) = [line for line in lines if url in line]
        assert line.startswith("[") and line.endswith(url)


def test_links_are_osc8_on_a_colour_terminal_and_can_be_turned_off(bundled, monkeypatch):
    event = next(e for e in bundled.events if e.id == "avdiivka-falls")
    listing = Listing("event", event, bundled)
    out = draw(write_event_detail, listing, 80, color=True)
    assert OSC8.findall(out) == event_urls(bundled, event)  # each URL linked, once, whole
    assert all(line in ANSI.sub("", out) for line in draw(write_event_detail, listing, 80, False))
    monkeypatch.setenv("FORCE_HYPERLINK", "0")
    assert OSC8.findall(draw(write_event_detail, listing, 80, color=True)) == []


def test_piped_output_has_no_links_and_keeps_urls_inline(bundled):
    event = next(e for e in bundled.events if e.id == "avdiivka-falls")
    stream = io.StringIO()
    write_event_detail(Listing("event", event, bundled), stream, OutputOptions())
    out = stream.getvalue()
    assert "\x1b" not in out and "Links" not in out
    assert "https://www.pravda.com.ua/eng/news/2024/02/17/7442285/" in out


def test_a_url_that_is_not_plain_web_text_is_shown_inert_and_never_linked(bundled):
    event = next(e for e in bundled.events if e.id == "avdiivka-falls")
    hostile = {
        event.sources[0]: "https://example.org/\x1b]8;;https://evil.example\x1b\\[bold]x",
        event.sources[1]: "javascript:alert(1)",
    }
    sources = dict(bundled.sources)
    for source_id, url in hostile.items():
        sources[source_id] = replace(sources[source_id], url=url, copy_url=None)
    dataset = replace(bundled, sources=sources)
    out = draw(write_event_detail, Listing("event", event, dataset), 200, color=True)
    links = OSC8.findall(out)
    assert "javascript:alert(1)" not in links and not any("evil" in link for link in links)
    shown = ANSI.sub("", out)
    assert "[1] https://example.org/\\x1b]8;;https://evil.example\\x1b\\[bold]x" in shown
    assert "[2] javascript:alert(1)" in shown


def test_the_sources_table_links_every_fragment_of_a_folded_url(bundled):
    from pokrovsk_cli.answers.citations import count_citations

    uses = [u for u in count_citations(bundled) if u.source.id == "wikipedia-avdiivka-battle-copy"]
    out = draw(write_source_table, Listing("sources", uses, bundled), 60, color=True)
    url = bundled.sources["wikipedia-avdiivka-battle-copy"].url
    assert url is not None and len(url) > 60  # folded over two lines at 60 columns
    assert set(OSC8.findall(out)) >= {url}
    assert url not in ANSI.sub("", out).replace("\n", "")  # folded text, whole link target

"""The HTML pages of facts, answers and places: cards a phone can read, read back by a parser.

Expected values come from the fixtures as written (small.yaml, curated.yaml), never from the
code under test. The timeline page's bytes are in test_golden.py; its structure and escaping in
test_formats.py and test_hostile.py.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from pokrovsk_cli.answers.answer import WEAK, Answer, Lookup
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.output.files.html import write_html
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from tests.conftest import FIXTURES, SMALL, serve, with_hostile_text

SMALL_DATA = ["--no-bundled", "--data", str(SMALL)]
CURATED_DATA = ["--no-bundled", "--data", str(FIXTURES / "datasets" / "curated.yaml")]
CURATED_AS_OF = "data as of 19 Mar 2026 (version t.1)"
CSP = (
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
)


INLINE = {"a", "span"}


class Page(HTMLParser):
    """A page read back: its tags, its header's text, and each <article> with its text,
    heading and links (href, text)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[str] = []
        self.header: list[str] = []
        self.articles: list[dict] = []
        self.links: list[tuple[str, str]] = []
        self._in_header = self._in_h3 = False
        self._article: dict | None = None
        self._link: list | None = None
        self.feed(html)
        self.close()

    def _boundary(self, tag):
        if tag not in INLINE and self._article is not None:
            self._article["text"].append(" ")  # block boundaries separate words when read

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        self._boundary(tag)
        if tag == "header":
            self._in_header = True
        elif tag == "article":
            assert self._article is None, "cards do not nest"
            self._article = {
                "id": attributes.get("id"),
                "class": attributes.get("class", ""),
                "text": [],
                "h3": [],
                "links": [],
            }
        elif tag == "h3":
            self._in_h3 = True
        elif tag == "a":
            self._link = [attributes["href"], []]

    def handle_endtag(self, tag):
        self._boundary(tag)
        if tag == "header":
            self._in_header = False
        elif tag == "article" and self._article is not None:
            article = self._article
            article["text"] = " ".join("".join(article["text"]).split())
            article["h3"] = "".join(article["h3"])
            self.articles.append(article)
            self._article = None
        elif tag == "h3":
            self._in_h3 = False
        elif tag == "a" and self._link is not None:
            link = (self._link[0], "".join(self._link[1]))
            self.links.append(link)
            if self._article is not None:
                self._article["links"].append(link)
            self._link = None

    def handle_data(self, data):
        if self._in_header:
            self.header.append(data)
        if self._article is not None:
            self._article["text"].append(data)
            if self._in_h3:
                self._article["h3"].append(data)
        if self._link is not None:
            self._link[1].append(data)

    @property
    def header_text(self) -> str:
        return " ".join("".join(self.header).split())

    def card(self, ident: str) -> dict:
        (found,) = [a for a in self.articles if a["id"] == ident]
        return found


def page_of(runner, *args) -> tuple[str, Page]:
    result = runner.invoke(app, [*args, "-f", "html"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout, Page(result.stdout)


def assert_self_contained(html: str, page: Page) -> None:
    """The CSP, the phone's viewport, no script, nothing fetched, every link a web address."""
    assert CSP in html and 'name="viewport" content="width=device-width' in html
    assert not {"script", "img", "link", "iframe", "object", "embed"} & set(page.tags)
    assert "<script" not in html.lower()
    for href, _ in page.links:
        assert href.startswith(("https://", "http://")), href


@pytest.mark.parametrize("command", [["fact"], ["places"], ["fact", "prewar population"]])
def test_card_pages_have_no_table_and_fetch_nothing(runner, command):
    html, page = page_of(runner, *command, *SMALL_DATA)
    assert_self_contained(html, page)
    assert "table" not in page.tags
    assert page.articles and all("card" in a["class"].split() for a in page.articles)


def test_every_fact_is_a_card_with_its_question_answer_and_sources(runner):
    html, page = page_of(runner, "fact", *SMALL_DATA)
    assert page.header_text == (
        "Battle for Pokrovsk: facts All facts (1) · data as of: not stated "
        "⚑ one side's claim, not verified · ⚠ disputed: one side claims, the other denies · "
        "◇ an independent analyst's or monitor's assessment."
    )
    (card,) = page.articles
    assert card["id"] == "prewar-population"
    assert card["h3"] == "What was the prewar population?"
    text = card["text"]
    for part in (
        "60,000 people",
        "About 60,000 people lived there before the war.",
        "as of Jan 2022",
        "status reported",
        "according to Example Wire",
    ):
        assert part in text, part
    assert card["links"] == [
        ("https://example.org/a", 'Example Wire — Town falls, "officials" say; 3,000 left')
    ]


def test_a_fact_card_shows_a_claim_a_range_and_its_earlier_values(runner):
    _, page = page_of(runner, "fact", *CURATED_DATA)
    assert f"All facts (2) · {CURATED_AS_OF}" in page.header_text
    share = page.card("share")
    assert share["h3"] == "How much of the region is held?"
    assert "15–17 %" in share["text"]
    assert "status ⚑ claimed claimed by The Ministry" in share["text"]
    residents = page.card("residents")
    assert "1,200 people" in residents["text"] and "as of 1 Mar 2026" in residents["text"]
    # Newest first, each with its status (when not reported), who says so and its sources.
    assert (
        "Earlier values 10 Jan 2025: 7,000 people ⚑ claimed — The Ministry (Example Wire)"
        " Sep 2024: 26,000 people (Example Daily) Sources"
    ) in residents["text"]
    assert residents["links"] == [
        ("https://example.org/wire", "Example Wire"),
        ("https://example.org/daily", "Example Daily"),
        ("https://example.org/wire", "Example Wire — Town changes hands"),
    ]


def test_every_bundled_fact_and_place_is_a_card(runner, bundled):
    _, facts = page_of(runner, "fact")
    assert [a["id"] for a in facts.articles] == [f.id for f in bundled.facts]
    assert [a["h3"] for a in facts.articles] == [f.question for f in bundled.facts]
    _, places = page_of(runner, "places")
    assert sorted(a["id"] for a in places.articles) == sorted(bundled.places)
    assert f"All places ({len(bundled.places)}) · data as of " in places.header_text


def test_every_place_is_a_card_with_distance_bearing_and_coordinates(runner):
    _, page = page_of(runner, "places", *SMALL_DATA)
    assert "All places (2) · data as of: not stated" in page.header_text
    assert "straight line from Pokrovsk's centre (haversine), not by road" in page.header_text
    assert [a["id"] for a in page.articles] == ["pokrovsk", "myrnohrad"]  # nearest first
    myrnohrad = page.card("myrnohrad")
    assert myrnohrad["h3"] == "Myrnohrad"
    for part in (
        "Also: Dymytrov, Dimitrov",
        "kind city",
        "where Donetsk oblast, Ukraine",
        "from Pokrovsk 6.4 km east (82°), in a straight line",  # 6.378 km at 81.65°
        "lat, lon 48.2911, 37.2681",
    ):
        assert part in myrnohrad["text"], part
    assert myrnohrad["links"] == [
        ("https://example.org/a", 'Example Wire — Town falls, "officials" say; 3,000 left')
    ]
    assert "from Pokrovsk distances are measured from here" in page.card("pokrovsk")["text"]


def test_a_place_without_coordinates_and_a_copy_only_source(runner):
    _, page = page_of(runner, "places", *CURATED_DATA)
    village = page.card("village")
    assert "from Pokrovsk not known: coordinates not verified" in village["text"]
    assert "lat, lon not verified" in village["text"]
    assert "Note: Coordinates not verified in any source we read." in village["text"]
    # No publisher URL: the title is not a link, the copy is, and says it is a copy.
    assert "Example Encyclopedia — A village (copy at wikimili.com)" in village["text"]
    assert village["links"] == [("https://wikimili.com/en/A_village", "copy at wikimili.com")]
    assert "not known: the data has no Pokrovsk to measure from" in page.card("town")["text"]


def test_an_answer_card_says_it_is_the_answer_and_how_sure(runner):
    _, page = page_of(runner, "fact", "prewar population", *SMALL_DATA)
    assert "Question: “prewar population” · one answer · data as of: not stated" in (
        page.header_text
    )
    (card,) = page.articles
    assert card["id"] == "prewar-population" and "weak" not in card["class"]
    assert card["h3"] == "What was the prewar population?"
    assert re.search(r"fact · prewar-population .* answer right \d+% of the time ", card["text"])
    assert "value 60,000 people as of Jan 2022 status reported" in card["text"]
    assert "according to Example Wire" in card["text"]
    assert card["links"][0][0] == "https://example.org/a"


def test_a_computed_answer_says_what_it_was_computed_from(runner):
    _, page = page_of(runner, "fact", "how far is myrnohrad", *SMALL_DATA)
    card = page.articles[0]
    assert "6.4 km" in card["text"] and "status ∑ computed from coordinates" in card["text"]


def test_weak_matches_are_shown_as_the_closest_match_not_an_answer(small):
    weak = Answer(
        "fact",
        "prewar-population",
        "What was the prewar population?",
        "About 60,000 people lived there before the war.",
        60000,
        "people",
        None,
        "reported",
        None,
        ("src-a",),
        score=0.38,
        confidence=0.38,
        match=WEAK,
    )
    lookup = Lookup("mayor of town", (), (weak,), refusal="no entry matches 'mayor'")
    stream = io.StringIO()
    write_html(Listing("answers", lookup, small), stream, OutputOptions())
    page = Page(stream.getvalue())
    assert "Question: “mayor of town” · no confident answer; 1 closest match" in page.header_text
    assert "<h2>No confident answer</h2><p>No answer: no entry matches &#x27;mayor&#x27;.</p>" in (
        stream.getvalue()
    )
    assert "<h2>Closest matches, not an answer</h2>" in stream.getvalue()
    (card,) = page.articles
    assert card["class"] == "card weak"
    assert "closest match, not an answer right 38% of the time" in card["text"]


HOSTILE = "<script>alert(1)</script> \x1b[31mred\x1b[0m [bold]loud[/bold] " + "W" * 300
# As a person must see it: the tags as text, the escape spelled out, the markup literal.
SHOWN = r"<script>alert(1)</script> \x1b[31mred\x1b[0m [bold]loud[/bold] " + "W" * 300


@pytest.mark.parametrize(
    ("command", "card", "heading"),
    [
        (["fact"], "prewar-population", f"prewar population {SHOWN}"),
        (["fact", "prewar population"], "prewar-population", f"prewar population {SHOWN}"),
        (["places"], "myrnohrad", f"Myrnohrad {SHOWN}"),
    ],
)
def test_hostile_text_comes_out_inert(runner, monkeypatch, small, command, card, heading):
    serve(monkeypatch, with_hostile_text(small, HOSTILE))
    html, page = page_of(runner, *command)
    assert_self_contained(html, page)  # <script> in the data is text, not a tag
    assert "\x1b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert page.card(card)["h3"] == heading


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# A harness, not the page: headless windows are at least 500 px wide, so the page is shown in a
# 390 px iframe, and a copy of it (without its CSP, with a probe script) reports its widths.
PROBE = """<script>addEventListener('load', () => { const d = document.documentElement;
parent.postMessage(d.scrollWidth + ' ' + d.clientWidth, '*'); });</script>"""
HARNESS = """<!DOCTYPE html><body><pre id="out">none</pre>
<iframe src="page.html" style="width:390px;height:844px;border:0"></iframe>
<script>addEventListener('message', e => document.getElementById('out').textContent = e.data);
</script>"""


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("command", [["fact"], ["fact", "how many russian troops"], ["places"]])
def test_no_page_is_wider_than_a_phone(runner, tmp_path, command):
    html, _ = page_of(runner, *command)
    copy = html.replace(CSP, "").replace("</body>", PROBE + "</body>")
    (tmp_path / "page.html").write_text(copy, encoding="utf-8")
    (tmp_path / "harness.html").write_text(HARNESS, encoding="utf-8")
    shown = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
            (tmp_path / "harness.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r'<pre id="out">(\d+) (\d+)</pre>', shown)
    assert found, shown[:500]
    scroll_width, client_width = map(int, found.groups())
    assert client_width <= 390 and scroll_width <= client_width

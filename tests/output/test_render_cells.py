"""Cells that carry their own padding draw exactly what Rich draws with its own padding."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pokrovsk_cli.answers.ask import look_up
from pokrovsk_cli.answers.citations import count_citations
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.answers.geo import HOME_PLACE, distances_from
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal import events as render
from pokrovsk_cli.output.terminal import lookup as render_lookup
from pokrovsk_cli.output.terminal.cells import PaddedText, pad_in_cells
from tests.conftest import FIXTURES, with_hostile_text
from tests.test_hostile import HOSTILE

# Where every column fits (at 60 columns and up for every table here) the output is the same.
# Narrower, Rich squeezes columns below their least width, and the two ways squeeze differently
# (both unreadable): output/terminal/cells.py says why.
WIDTHS = [60, 79, 80, 99, 100, 140, 200]


def rich_padding(table: Table):
    return table.add_row


def listings(dataset):
    index = FactIndex(dataset)
    home = dataset.places.get(HOME_PLACE)
    return [
        (render.write_event_table, Listing("events", dataset.events, dataset)),
        (render.write_event_detail, Listing("event", dataset.events[-1], dataset)),
        (render_lookup.write_fact_table, Listing("facts", dataset.facts, dataset)),
        (
            render_lookup.write_lookup_panel,
            Listing(
                "answers",
                look_up("prewar population", index, today=date(2026, 12, 1), alternatives=3),
                dataset,
            ),
        ),
        (
            render_lookup.write_place_table,
            Listing("places", distances_from(home, dataset.places.values()), dataset),
        ),
        (render_lookup.write_source_table, Listing("sources", count_citations(dataset), dataset)),
    ]


def draw(write, listing, options):
    """What a writer prints, with the OSC 8 link ids (random per run, by Rich) taken out."""
    stream = io.StringIO()
    write(listing, stream, options)
    return re.sub(r"\x1b\]8;id=[^;]*;", "\x1b]8;;", stream.getvalue())


@pytest.fixture(scope="module")
def awkward():
    return load_dataset([FIXTURES / "datasets" / "awkward.yaml"], bundled=False)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("color", [False, None])
def test_every_table_is_drawn_as_rich_draws_it(bundled, awkward, monkeypatch, width, color):
    options = OutputOptions(terminal=True, width=width, color=color)
    for dataset in (bundled, awkward):
        for write, listing in listings(dataset):
            ours = draw(write, listing, options)
            with monkeypatch.context() as patch:
                patch.setattr(render, "pad_in_cells", rich_padding)
                patch.setattr(render_lookup, "pad_in_cells", rich_padding)
                theirs = draw(write, listing, options)
            assert ours == theirs, (write.__name__, width, color)


def test_piped_tables_are_drawn_as_rich_draws_them(bundled, monkeypatch):
    for write, listing in listings(bundled):
        ours = draw(write, listing, OutputOptions())
        monkeypatch.setattr(render, "pad_in_cells", rich_padding)
        monkeypatch.setattr(render_lookup, "pad_in_cells", rich_padding)
        theirs = draw(write, listing, OutputOptions())
        monkeypatch.undo()
        assert ours == theirs, write.__name__


def test_hostile_text_is_drawn_as_rich_draws_it(monkeypatch, small):
    dataset = with_hostile_text(small, HOSTILE)  # in-process: the loader refuses it in files
    listing = Listing("events", dataset.events, dataset)
    for width in (40, 80, 100):
        options = OutputOptions(terminal=True, width=width, color=None)
        ours = draw(render.write_event_table, listing, options)
        monkeypatch.setattr(render, "pad_in_cells", rich_padding)
        theirs = draw(render.write_event_table, listing, options)
        monkeypatch.undo()
        assert ours == theirs


words = st.text(st.sampled_from("ab cdé\n\tW—漢字\u0301🙂\u200b"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(st.tuples(words, words, words), min_size=1, max_size=4),
    width=st.integers(30, 120),
    justify=st.sampled_from(["left", "right", "center", "full"]),
    overflow=st.sampled_from(["fold", "crop", "ellipsis"]),
    no_wrap=st.booleans(),
    ratio=st.booleans(),
    style=st.sampled_from(["", "bold", "dim italic"]),
)
def test_any_text_cells_are_drawn_as_rich_draws_them(
    cells, width, justify, overflow, no_wrap, ratio, style
):
    # Where the columns' least widths do not fit, Rich squeezes them, and a flexible column with
    # a width squeezes differently (terminal/cells.py): here, column A, 1 of padding, B's least 2,
    # C's least 1, and 4 for the box's edges and dividers.
    measure = Console(width=width).measure
    widest = max(measure(Text(a)).maximum for a, _, _ in cells)
    assume(not ratio or max(widest, 1) + 1 + 2 + 1 + 4 <= width)

    def build(one_pass):
        table = Table(expand=ratio, collapse_padding=True, pad_edge=False)
        table.add_column("A", no_wrap=True)
        table.add_column("B", justify=justify, overflow=overflow, ratio=2 if ratio else None)
        table.add_column("C", no_wrap=no_wrap, overflow=overflow, ratio=1 if ratio else None)
        add_row = pad_in_cells(table) if one_pass else table.add_row
        for a, b, c in cells:
            add_row(Text(a), Text(b, style=style), Text(c, justify="right"))
        console = Console(width=width, file=io.StringIO(), force_terminal=True, color_system="256")
        console.print(table)
        return console.file.getvalue()

    assert build(True) == build(False)


def test_a_padded_text_measures_as_rich_padding_does():
    from rich.measure import Measurement
    from rich.padding import Padding

    console = Console(width=80)
    text = Text("two words")
    for width in (1, 2, 3, 5, 80):
        options = console.options.update_width(width)
        ours = Measurement.get(console, options, PaddedText(text, 1, 1))
        theirs = Measurement.get(console, options, Padding(text, (0, 1, 0, 1)))
        assert ours == theirs

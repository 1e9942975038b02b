"""The table and panel a person sees, at a fixed width, with and without colour."""

from __future__ import annotations

import io

import pytest

from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.events import write_event_detail, write_event_table


def render(write, items, dataset, **options):
    kind = "event" if write is write_event_detail else "events"
    stream = io.StringIO()
    write(Listing(kind, items, dataset), stream, OutputOptions(**options))
    return stream.getvalue()


@pytest.mark.parametrize("width", [80, 100, 140])
def test_terminal_table_fits_the_width(bundled, width):
    out = render(
        write_event_table, bundled.events, bundled, terminal=True, width=width, color=False
    )
    assert max(len(line) for line in out.splitlines()) <= width
    assert "─" in out  # a person gets a ruled header


def test_terminal_table_shows_every_id_whole(bundled):
    out = render(write_event_table, bundled.events, bundled, terminal=True, width=100, color=False)
    for event in bundled.events:
        assert event.id in out
    assert "…" not in out


def test_terminal_table_marks_claims_and_disputes(small):
    out = render(write_event_table, small.events, small, terminal=True, width=100, color=False)
    assert "⚑ claimed" in out and "⚠ disputed" in out and "✓ confirmed" in out
    assert "claimed by" in out and "Ministry" in out
    assert "6 event(s)" in out


def test_colour_only_when_asked(small):
    plain = render(write_event_table, small.events, small, terminal=True, width=100, color=False)
    coloured = render(write_event_table, small.events, small, terminal=True, width=100)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured


def test_no_color_env_is_respected(small, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = render(write_event_table, small.events, small, terminal=True, width=100)
    assert "\x1b[3" not in out  # no foreground colours


def test_detail_panel(small):
    event = next(e for e in small.events if e.id == "claimed-capture")
    out = render(write_event_detail, event, small, terminal=True, width=100, color=False)
    assert out.startswith("╭─ Capture claimed")
    assert "⚠ disputed" in out and "denied by General Staff" in out
    assert "https://example.org/b" in out

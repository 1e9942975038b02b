"""The table and panel a person sees, at a fixed width, with and without colour."""

from __future__ import annotations

import io
import re

import pytest

from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.records import Listing
from pokrovsk_cli.output.terminal.events import write_event_detail, write_event_table
from tests.conftest import bundled_raw

# The bundled events as the file lists them, read without our loader.
BUNDLED_EVENTS = bundled_raw()["events"]
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and weight, nothing else


def render(write, items, dataset, **options):
    kind = "event" if write is write_event_detail else "events"
    stream = io.StringIO()
    write(Listing(kind, items, dataset), stream, OutputOptions(**options))
    return stream.getvalue()


@pytest.mark.parametrize(
    ("width", "columns"),
    [
        (80, ["Date", "Event", "Places", "Status"]),  # narrow: category and sources make way
        (100, ["Date", "Event", "Category", "Places", "Status", "Sources"]),
        (140, ["Date", "Event", "Category", "Places", "Status", "Sources"]),
    ],
)
def test_terminal_table_fits_the_width(bundled, width, columns):
    out = render(
        write_event_table, bundled.events, bundled, terminal=True, width=width, color=False
    )
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[0].split() == columns
    assert lines[1] == "─" * width  # a person gets a ruled header
    assert lines[-3].startswith(f"{len(BUNDLED_EVENTS)} event(s) · data as of 19 Mar 2026")


def test_terminal_table_shows_every_id_whole(bundled):
    out = render(write_event_table, bundled.events, bundled, terminal=True, width=100, color=False)
    words = set(out.split())
    for event in BUNDLED_EVENTS:
        assert event["id"] in words, event["id"]
    assert "…" not in out


# small.yaml's events as the table draws them at 100 columns (spaces squeezed to one), in the
# order given: a status and who claims it in the Status column, the id under each title.
SMALL_TABLE = [
    "Date Event Category Places Status Sources",
    "─" * 100,
    "2023 Something during 2023 history Pokrovsk reported Example",
    "year-event Wire",
    "17 Feb 2024 A day in February 2024 military Myrnohrad ✓ confirmed Example",
    "day-event Wire",
    "Jan 2025 Mine work stops economic Pokrovsk reported Example",
    "month-event Wire +1",
    "mid-2024 Summer offensive military Pokrovsk reported Example",
    "mid-year Wire",
    "1 Dec 2025 Capture claimed military Pokrovsk ⚠ disputed Ministry",
    "claimed-capture claimed by Bulletin",
    "Ministry",
    "20 Nov 2025 ≈ Roughly late November political ⚑ claimed Ministry",
    "approx-event claimed by Bulletin",
    "Ministry",
    "6 event(s) · data as of: not stated",
    "⚑ one side's claim · ⚠ disputed: claimed and denied · ◇ independent assessment",
    "sources and full details: pokrovsk show ID",
]


def squeezed(out: str) -> list[str]:
    return [" ".join(line.split()) for line in out.splitlines()]


def test_terminal_table_marks_claims_and_disputes(small):
    out = render(write_event_table, small.events, small, terminal=True, width=100, color=False)
    assert "⚑ claimed" in out and "⚠ disputed" in out and "✓ confirmed" in out
    assert squeezed(out) == SMALL_TABLE


def test_colour_only_when_asked(small):
    plain = render(write_event_table, small.events, small, terminal=True, width=100, color=False)
    coloured = render(write_event_table, small.events, small, terminal=True, width=100)
    assert "\x1b[" not in plain
    assert SGR.sub("", coloured) == plain  # the same table, with colour added
    assert "\x1b[34mhistory" in coloured and "\x1b[1mDate" in coloured  # a category, a header


def test_no_color_env_is_respected(small, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = render(write_event_table, small.events, small, terminal=True, width=100)
    assert "\x1b[3" not in out  # no foreground colours
    assert squeezed(SGR.sub("", out)) == SMALL_TABLE  # the table itself, whole


def test_detail_panel(small):
    event = next(e for e in small.events if e.id == "claimed-capture")
    out = render(write_event_detail, event, small, terminal=True, width=100, color=False)
    assert out.startswith("╭─ Capture claimed")
    assert "⚠ disputed" in out and "denied by General Staff" in out
    lines = out.splitlines()
    end = next(n for n, line in enumerate(lines) if line.startswith("╰"))
    assert lines[end + 1 :] == ["Links", "[1] https://example.org/b"]  # whole, outside the box
    inside = [line.strip("│ ") for line in lines[1:end]]
    assert inside[:10] == [  # claimed-capture as small.yaml gives it
        "id        claimed-capture",
        "date      1 Dec 2025   (day precision; data: 2025-12-01)",
        "category  military",
        "status    ⚠ disputed",
        "claimed by Ministry",
        "denied by General Staff",
        "places    Pokrovsk (Покровськ, Krasnoarmeysk, Krasnoarmiisk) · 48.2828, 37.1828",
        "summary   One side says it took the city; the other denies it.",
        "sources   1. Ministry Bulletin — Claims of capture (Nov 2025)",
        "example.org · link [1] below",
    ]

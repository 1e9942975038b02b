"""`pokrovsk chart`: events counted per period, drawn for a terminal or plain for a pipe."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest

from pokrovsk_cli.answers.periods import count_events, period_label, period_start
from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data.dates import parse_data_date
from pokrovsk_cli.data.model import Category, Dataset, Event, Period, Status
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.output.terminal.chart import write_chart
from tests.conftest import SMALL

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    ("day", "period", "start", "label"),
    [
        (date(2024, 2, 17), Period.WEEK, date(2024, 2, 12), "2024-W07"),
        (date(2024, 2, 17), Period.MONTH, date(2024, 2, 1), "Feb 2024"),
        (date(2024, 2, 17), Period.YEAR, date(2024, 1, 1), "2024"),
        (date(2021, 1, 1), Period.WEEK, date(2020, 12, 28), "2020-W53"),
        # Hand-checked on a calendar: 30 Dec 2024 is a Monday and opens ISO week 1 of 2025.
        (date(2025, 1, 1), Period.WEEK, date(2024, 12, 30), "2025-W01"),
        (date(2024, 2, 12), Period.WEEK, date(2024, 2, 12), "2024-W07"),  # a Monday: itself
        (date(2024, 2, 18), Period.WEEK, date(2024, 2, 12), "2024-W07"),  # the Sunday after
        (date(2024, 12, 31), Period.MONTH, date(2024, 12, 1), "Dec 2024"),
        (date(2024, 6, 30), Period.MONTH, date(2024, 6, 1), "Jun 2024"),
        (date(2024, 12, 31), Period.YEAR, date(2024, 1, 1), "2024"),
    ],
)
def test_periods(day, period, start, label):
    assert period_start(day, period) == start
    assert period_label(start, period) == label


def test_counts_by_category_and_claim_with_empty_periods(small):
    chart = count_events(small.events, Period.MONTH)
    labels = [bar.label for bar in chart.bars]
    assert labels[0] == "Feb 2024" and labels[-1] == "Dec 2025" and len(labels) == 23
    by_label = {bar.label: bar for bar in chart.bars}
    assert by_label["Jun 2024"].counts == {(Category.MILITARY, False): 1}  # mid-year starts in June
    assert by_label["Dec 2025"].counts == {(Category.MILITARY, True): 1}  # disputed is a claim
    assert by_label["Nov 2025"].counts == {(Category.POLITICAL, True): 1}
    assert by_label["Mar 2024"].total == 0
    assert [event.id for event in chart.left_out] == ["year-event"]  # a year is not one month


MONTH_LABELS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@pytest.mark.parametrize(("month", "name"), list(enumerate(MONTH_LABELS, start=1)))
def test_every_month_label(month, name):
    assert period_label(date(2025, month, 1), Period.MONTH) == f"{name} 2025"


def _events(small: Dataset, *dates: str) -> tuple[Event, ...]:
    """Reported military events on these dates (the rest of each copied from small.yaml's)."""
    template = small.events[0]
    template = replace(template, category=Category.MILITARY, status=Status.REPORTED)
    return tuple(
        replace(template, id=f"e{i}", date=parse_data_date(d)) for i, d in enumerate(dates)
    )


def test_bars_run_through_december_into_january_with_empty_weeks_and_months(small):
    events = _events(small, "2024-11-15", "2025-02-03")
    months = count_events(events, Period.MONTH)
    assert [(b.label, b.first, b.total) for b in months.bars] == [
        ("Nov 2024", date(2024, 11, 1), 1),
        ("Dec 2024", date(2024, 12, 1), 0),
        ("Jan 2025", date(2025, 1, 1), 0),
        ("Feb 2025", date(2025, 2, 1), 1),
    ]
    weeks = count_events(_events(small, "2024-12-24", "2025-01-07"), Period.WEEK)
    assert [(b.label, b.first, b.total) for b in weeks.bars] == [
        ("2024-W52", date(2024, 12, 23), 1),
        ("2025-W01", date(2024, 12, 30), 0),
        ("2025-W02", date(2025, 1, 6), 1),
    ]
    years = count_events(_events(small, "2022-05", "2024~"), Period.YEAR)
    assert [(b.label, b.total) for b in years.bars] == [("2022", 1), ("2023", 0), ("2024", 1)]


def test_an_event_counts_where_its_span_starts(small):
    chart = count_events(_events(small, "2024-01-30/2024-02-02", "2024-02-01"), Period.MONTH)
    assert [(b.label, b.total) for b in chart.bars] == [("Jan 2024", 1), ("Feb 2024", 1)]


def test_nothing_to_count_gives_no_bars():
    chart = count_events((), Period.MONTH)
    assert (chart.bars, chart.left_out, chart.period) == ((), (), Period.MONTH)


def test_a_year_chart_keeps_year_events(small):
    chart = count_events(small.events, Period.YEAR)
    assert [bar.label for bar in chart.bars] == ["2023", "2024", "2025"]
    assert chart.left_out == ()


def test_week_charts_leave_out_months(small):
    chart = count_events(small.events, Period.WEEK)
    assert {e.id for e in chart.left_out} == {"year-event", "month-event", "mid-year"}


# A dataset that states no as-of date: the chart's footer says so.
UNDATED = Dataset("none", {}, {}, (), (), {})


def draw(chart, **options) -> str:
    stream = io.StringIO()
    write_chart(chart, UNDATED, stream, OutputOptions(**options))
    return stream.getvalue()


def test_colour_marks_claims_apart_and_fits_80_columns(bundled):
    out = draw(count_events(bundled.events, Period.MONTH), terminal=True, width=80, color=True)
    assert "\x1b[" in out
    plain = ANSI.sub("", out)
    assert "█ reported or confirmed" in plain and "▒ claimed or disputed" in plain
    assert "Nov 2025 │ █▒▒▒▒▒█ 7" in plain
    assert max(len(line) for line in plain.splitlines()) <= 80


def test_plain_characters_when_piped(bundled):
    out = draw(count_events(bundled.events, Period.MONTH))
    assert "\x1b" not in out and "█" not in out and "│" not in out
    assert "Nov 2025 | MmmmmmP 7" in out
    assert "lower case: claimed or disputed" in out
    assert "16 months without events" in out
    assert "Left out, dated less precisely than a month: grishino-station-founded" in out


def test_no_color_on_a_terminal_uses_letters(bundled, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = draw(count_events(bundled.events, Period.YEAR), terminal=True, width=80)
    assert "\x1b[3" not in out  # no colour codes
    assert "2025 | MMMMMMMMmmmmmmmmmmmmmmmmmmmmmmmmmCCCEEeP 40" in out


def test_big_counts_are_scaled_to_the_width(small):
    many = [
        replace(
            small.events[1],
            id=f"e{n}",
            date=parse_data_date("2024-02-17"),
            status=Status.CLAIMED if n % 2 else Status.REPORTED,
        )
        for n in range(1000)
    ]
    out = draw(count_events(many, Period.MONTH), width=80)
    assert "each mark stands for up to 16 events" in out
    bar = next(line for line in out.splitlines() if line.startswith("Feb 2024"))
    assert bar.endswith(" 1000") and len(bar) <= 80
    assert "M" in bar and "m" in bar


def test_chart_command_takes_the_timeline_filters(runner):
    result = runner.invoke(
        app, ["chart", "--no-bundled", "--data", str(SMALL), "--by", "year", "--status", "disputed"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-3:] == ["2025 | m 1", "", "data as of: not stated"]


def test_chart_with_nothing_to_draw(runner):
    result = runner.invoke(app, ["chart", "--since", "2030"])
    assert result.exit_code == 1 and "no events match" in result.stderr


def test_chart_refuses_an_unknown_period(runner):
    result = runner.invoke(app, ["chart", "--by", "decade"])
    assert result.exit_code == 2 and "'decade'" in result.stderr

"""Dates: the data's EDTF subset, user dates (and dateutil's pitfalls), spans and display."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pokrovsk_cli.data.dates import DateParseError, format_span, parse_data_date, parse_user_date
from pokrovsk_cli.data.model import Precision

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), Precision.MONTH),
        ("2024-02-17", date(2024, 2, 17), date(2024, 2, 17), Precision.DAY),
        ("2024-06/2024-08", date(2024, 6, 1), date(2024, 8, 31), Precision.MONTH),
        ("1875/1884-05", date(1875, 1, 1), date(1884, 5, 31), Precision.YEAR),
        ("2025-10-31/2025-11-01", date(2025, 10, 31), date(2025, 11, 1), Precision.DAY),
    ],
)
def test_data_dates_are_spans(text, first, last, precision):
    span = parse_data_date(text)
    assert (span.first, span.last, span.precision, span.text) == (first, last, precision, text)


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("2022-04-08~", True, False), ("2026-05?", False, True), ("2024%", True, True)],
)
def test_data_date_qualifiers(text, approximate, uncertain):
    span = parse_data_date(text)
    assert (span.approximate, span.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "not a real calendar date"),
        ("2023-02-29", "not a real calendar date"),
        ("2025/2024", "starts after it ends"),
        ("24-02-17", "is not a date"),
        ("Feb 2024", "is not a date"),
        ("2024-2-7", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_bad_data_dates(text, message):
    with pytest.raises(DateParseError, match=message):
        parse_data_date(text)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2024-02-17", date(2024, 2, 17), date(2024, 2, 17), Precision.DAY),
        (" 2024-2-7 ", date(2024, 2, 7), date(2024, 2, 7), Precision.DAY),
        ("Feb 2024", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("February 2024", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("17 February 2024", date(2024, 2, 17), date(2024, 2, 17), Precision.DAY),
        ("February 17, 2024", date(2024, 2, 17), date(2024, 2, 17), Precision.DAY),
        ("17 Feb 2024", date(2024, 2, 17), date(2024, 2, 17), Precision.DAY),
        ("today", TODAY, TODAY, Precision.DAY),
        ("Yesterday", date(2026, 11, 23), date(2026, 11, 23), Precision.DAY),
    ],
)
def test_user_dates(text, first, last, precision):
    span = parse_user_date(text, today=TODAY)
    assert (span.first, span.last, span.precision) == (first, last, precision)


def test_year_means_the_whole_year_not_today_in_that_year():
    # dateutil's parse("2024") would give today's month and day in 2024.
    span = parse_user_date("2024", today=TODAY)
    assert (span.first, span.last) == (date(2024, 1, 1), date(2024, 12, 31))


def test_iso_day_is_never_read_day_first():
    # dateutil with dayfirst=True reads 2024-11-03 as 11 March.
    assert parse_user_date("2024-11-03", today=TODAY).first == date(2024, 11, 3)


def test_month_name_without_day_is_not_filled_from_today():
    span = parse_user_date("Feb 2024", today=date(2026, 11, 30))
    assert span.precision is Precision.MONTH and span.first.day == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("garbage", "is not a date"),
        ("17 February", "has no year"),
        ("03/11/2024", "not an unambiguous date"),
        ("2024-02-30", "not a real calendar date"),
        ("2024-13", "not a real calendar date"),
        ("", "not an unambiguous date"),
    ],
)
def test_bad_user_dates(text, message):
    with pytest.raises(DateParseError, match=message):
        parse_user_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2024-02-17", "17 Feb 2024"),
        ("2025-01", "Jan 2025"),
        ("2024", "2024"),
        ("2024-06/2024-08", "mid-2024"),
        ("2024-06~/2024-08", "mid-2024 ≈"),
        ("2025-03/2025-04", "Mar–Apr 2025"),
        ("2024-07-18/2024-07-28", "18–28 Jul 2024"),
        ("2024-04-22/2024-05-05", "22 Apr–5 May 2024"),
        ("2025-12-27/2026-01-02", "27 Dec 2025 – 2 Jan 2026"),
        ("1875/1884-05", "1875 – May 1884"),
        ("2022-04-08~", "8 Apr 2022 ≈"),
        ("2026-05?", "May 2026 ?"),
    ],
)
def test_display_keeps_precision(text, shown):
    assert format_span(parse_data_date(text)) == shown


def test_overlaps():
    year = parse_data_date("2024")
    assert year.overlaps(parse_data_date("2024-12-31"))
    assert not year.overlaps(parse_data_date("2025-01-01"))
    assert parse_data_date("2024-06/2025-02").overlaps(parse_data_date("2025-01"))


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_iso_days_round_trip(day):
    iso = day.isoformat()
    assert parse_data_date(iso).first == day
    assert parse_user_date(iso, today=TODAY).last == day


@given(st.integers(1000, 9998), st.integers(1, 12))
def test_month_spans_cover_the_whole_month(year, month):
    span = parse_data_date(f"{year}-{month:02d}")
    assert span.first.day == 1
    assert (span.last.month, span.last.year) == (month, year)
    assert span.last.replace(day=1) == span.first
    assert (span.last.toordinal() + 1) == date(year + (month == 12), month % 12 + 1, 1).toordinal()

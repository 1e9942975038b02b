"""Dates: the data's EDTF subset, user dates (and dateutil's pitfalls), spans and display."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pokrovsk_cli.data.dates import (
    DateParseError,
    end_precisions,
    format_span,
    parse_data_date,
    parse_user_date,
)
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


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)))  # LAST_YEAR: 9998
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


# --- edges a mutation run found untested (issue 15) --------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-17/2024-02-17", "starts and ends on the same day; write it as '2024-02-17'"),
        ("2024-06/2024-06", "starts and ends on the same month; write it as '2024-06'"),
        ("2024/2024", "starts and ends on the same year; write it as '2024'"),
        ("2024-06~/2024-06", "same month; write it as '2024-06~'"),
        ("2024-06/2024-06?", "same month; write it as '2024-06\\?'"),
        ("2024-06~/2024-06?", "same month; write it as '2024-06%'"),
    ],
)
def test_an_interval_of_one_day_month_or_year_is_refused(text, message):
    with pytest.raises(DateParseError, match=message):
        parse_data_date(text)


@pytest.mark.parametrize(
    ("text", "first", "last", "approximate", "uncertain"),
    [
        ("2024-02-17/2024-02-18", date(2024, 2, 17), date(2024, 2, 18), False, False),
        ("2024-06?/2024-08", date(2024, 6, 1), date(2024, 8, 31), False, True),
        ("2024-06/2024-08?", date(2024, 6, 1), date(2024, 8, 31), False, True),
        ("2024-06/2024-08~", date(2024, 6, 1), date(2024, 8, 31), True, False),
        ("2024~/2025?", date(2024, 1, 1), date(2025, 12, 31), True, True),
        ("2023-12-31/2024-01-01", date(2023, 12, 31), date(2024, 1, 1), False, False),
    ],
)
def test_an_interval_keeps_both_ends_and_their_qualifiers(
    text, first, last, approximate, uncertain
):
    span = parse_data_date(text)
    assert (span.first, span.last, span.approximate, span.uncertain, span.interval) == (
        first, last, approximate, uncertain, True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024/2024-05", Precision.YEAR, Precision.MONTH),
        ("2024-05-03/2024-06", Precision.DAY, Precision.MONTH),
        ("2024-05-03", Precision.DAY, Precision.DAY),
    ],
)
def test_end_precisions(text, start, end):
    assert end_precisions(parse_data_date(text)) == (start, end)


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@pytest.mark.parametrize(("month", "name"), list(enumerate(MONTHS, start=1)))
def test_every_month_is_shown_by_its_english_name(month, name):
    assert format_span(parse_data_date(f"2025-{month:02d}")) == f"{name} 2025"
    assert format_span(parse_data_date(f"2025-{month:02d}-09")) == f"9 {name} 2025"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Five of the month pairs read as "mid-year"; the others keep their months.
        ("2024-05/2024-07", "mid-2024"),
        ("2024-05/2024-08", "mid-2024"),
        ("2024-06/2024-07", "mid-2024"),
        ("2024-04/2024-08", "Apr–Aug 2024"),
        ("2024-06/2024-09", "Jun–Sep 2024"),
        ("2024-07/2024-08", "Jul–Aug 2024"),
        ("2024-09/2024-11", "Sep–Nov 2024"),
        ("2024-10/2025-02", "Oct 2024 – Feb 2025"),
        ("2024-02-27/2024-03-01", "27 Feb–1 Mar 2024"),
        ("2024-11-30/2024-12-01", "30 Nov–1 Dec 2024"),
        ("2024/2025", "2024 – 2025"),
        ("2024-06?/2024-08", "mid-2024 ?"),
        ("2024~/2025?", "2024 – 2025 ≈ ?"),
        ("2024-05-03/2024-06", "3 May 2024 – Jun 2024"),
    ],
)
def test_display_of_intervals(text, shown):
    assert format_span(parse_data_date(text)) == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("03.11.2024", "not an unambiguous date"),  # 3 November or 11 March
        ("3 11 2024", "not an unambiguous date"),
        ("2024/03/11", "not an unambiguous date"),
        ("Feb", "has no year"),
        ("31 April 2024", "is not a date"),
        ("0000", "not a real calendar date"),
    ],
)
def test_more_bad_user_dates(text, message):
    with pytest.raises(DateParseError, match=message):
        parse_user_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0000", "outside the years 1-9998"),
        ("9999", "outside the years 1-9998"),
        ("2024-00", "not a real calendar date"),
        ("2024-02-17 ", None),  # surrounding space is trimmed
    ],
)
def test_data_date_limits(text, message):
    if message is None:
        assert parse_data_date(text).first == date(2024, 2, 17)
        return
    with pytest.raises(DateParseError, match=message):
        parse_data_date(text)


def test_december_ends_on_the_31st_and_leap_februaries_on_the_29th():
    assert parse_data_date("2023-12").last == date(2023, 12, 31)
    assert parse_data_date("2024-02").last == date(2024, 2, 29)
    assert parse_data_date("1900-02").last == date(1900, 2, 28)  # not a leap year
    assert parse_data_date("2000-02").last == date(2000, 2, 29)


def test_the_first_year_a_date_may_hold_is_year_1():
    assert parse_data_date("0001").first == date(1, 1, 1)
    assert parse_data_date("9998-12-31").last == date(9998, 12, 31)


def test_an_interval_has_one_slash():
    with pytest.raises(DateParseError, match="^'2025/2026' is not a date in the form"):
        parse_data_date("2024/2025/2026")


@pytest.mark.parametrize(
    ("text", "kept", "first", "last", "precision"),
    [
        (" Today ", "Today", TODAY, TODAY, Precision.DAY),
        (" 2024-02 ", "2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        (" Feb 2024 ", "Feb 2024", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2024 AD", "2024 AD", date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR),
        ("Monday 2024", "Monday 2024", date(2024, 1, 1), date(2024, 12, 31), Precision.YEAR),
    ],
)
def test_user_dates_keep_their_text_trimmed(text, kept, first, last, precision):
    span = parse_user_date(text, today=TODAY)
    assert (span.text, span.first, span.last, span.precision) == (kept, first, last, precision)


def test_a_bad_iso_user_date_is_named_in_the_message():
    with pytest.raises(DateParseError, match=r"^'2024-02-30' is not a real calendar date \("):
        parse_user_date(" 2024-02-30 ", today=TODAY)


def test_format_day_writes_english_months_whatever_the_locale():
    from pokrovsk_cli.data.dates import format_day

    assert format_day(date(2025, 11, 1)) == "1 Nov 2025"
    assert format_day(date(2024, 2, 29)) == "29 Feb 2024"

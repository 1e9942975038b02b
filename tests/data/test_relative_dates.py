"""Relative dates ("7 days ago", "last week", "this year") as --since/--until read them: each span
worked out by hand from a calendar, today passed in."""

from datetime import date

import pytest

from pokrovsk_cli.data.dates import DateParseError, parse_user_date
from pokrovsk_cli.data.model import Precision

WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("today", date(2026, 12, 2), date(2026, 12, 2), Precision.DAY),
        ("Yesterday", date(2026, 12, 1), date(2026, 12, 1), Precision.DAY),
        ("7 days ago", date(2026, 11, 25), date(2026, 11, 25), Precision.DAY),
        ("a day ago", date(2026, 12, 1), date(2026, 12, 1), Precision.DAY),
        ("0 days ago", date(2026, 12, 2), date(2026, 12, 2), Precision.DAY),
        ("2 weeks ago", date(2026, 11, 18), date(2026, 11, 18), Precision.DAY),
        ("one week ago", date(2026, 11, 25), date(2026, 11, 25), Precision.DAY),
        ("3 months ago", date(2026, 9, 1), date(2026, 9, 30), Precision.MONTH),
        ("12 months ago", date(2025, 12, 1), date(2025, 12, 31), Precision.MONTH),
        ("a year ago", date(2025, 1, 1), date(2025, 12, 31), Precision.YEAR),
        ("last week", date(2026, 11, 26), date(2026, 12, 2), Precision.DAY),
        ("past week", date(2026, 11, 26), date(2026, 12, 2), Precision.DAY),
        ("this week", date(2026, 11, 30), date(2026, 12, 2), Precision.DAY),  # from Monday
        ("last month", date(2026, 11, 1), date(2026, 11, 30), Precision.MONTH),
        ("previous month", date(2026, 11, 1), date(2026, 11, 30), Precision.MONTH),
        ("past month", date(2026, 11, 3), date(2026, 12, 2), Precision.DAY),  # 30 days
        ("this month", date(2026, 12, 1), date(2026, 12, 2), Precision.MONTH),
        ("this year", date(2026, 1, 1), date(2026, 12, 2), Precision.YEAR),
        ("last year", date(2025, 1, 1), date(2025, 12, 31), Precision.YEAR),
        ("past year", date(2025, 12, 3), date(2026, 12, 2), Precision.DAY),  # 365 days
        ("last 30 days", date(2026, 11, 3), date(2026, 12, 2), Precision.DAY),
        ("past 2 weeks", date(2026, 11, 19), date(2026, 12, 2), Precision.DAY),
        ("  LAST   WEEK ", date(2026, 11, 26), date(2026, 12, 2), Precision.DAY),
    ],
)
def test_each_relative_form_is_the_span_it_says(text, first, last, precision):
    span = parse_user_date(text, today=WEDNESDAY)
    assert (span.first, span.last, span.precision) == (first, last, precision)
    assert span.text == text.strip()


def test_month_arithmetic_crosses_the_year_and_knows_february():
    january = date(2024, 1, 15)
    assert parse_user_date("last month", today=january).first == date(2023, 12, 1)
    assert parse_user_date("last month", today=january).last == date(2023, 12, 31)
    march = date(2024, 3, 31)
    assert parse_user_date("1 month ago", today=march).last == date(2024, 2, 29)  # leap year
    assert parse_user_date("this week", today=date(2024, 3, 4)).first == date(2024, 3, 4)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9999 years ago", "'9999 years ago' is outside the calendar"),
        ("999999 days ago", "'999999 days ago' is outside the calendar"),
        ("7 days", "'7 days' is not a date"),
        ("last fortnight", "'last fortnight' is not a date"),
        ("this 3 days", "'this 3 days' is not a date"),
        ("days ago", "'days ago' is not a date"),
        ("last week please", "'last week please' is not a date"),
        ("last weeks", "'last weeks' is not a date"),  # a plural needs a number
        ("1000000 days ago", "'1000000 days ago' is not a date"),  # counts have 6 digits at most
    ],
)
def test_what_is_not_a_relative_date_is_refused(text, message):
    with pytest.raises(DateParseError, match=f"^{message}$"):
        parse_user_date(text, today=WEDNESDAY)


def test_a_question_reads_the_same_days_as_the_option():
    from pokrovsk_cli.answers.when import read_window

    for phrase in ("last week", "last month", "this year", "3 months ago", "the last 30 days"):
        window = read_window(f"what happened {phrase}".split(), WEDNESDAY).window
        span = parse_user_date(phrase.removeprefix("the "), today=WEDNESDAY)
        assert window is not None and (window.first, window.last) == (span.first, span.last)

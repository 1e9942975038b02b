"""Date windows read from questions, each form with the days it must give (README "Time in
questions"); relative ones as of Tuesday 1 December 2026, as in the question sets."""

from __future__ import annotations

from datetime import date

import pytest

from pokrovsk_cli.answers.asked import words
from pokrovsk_cli.answers.when import Window, days_in, read_window, shift, window_around

TODAY = date(2026, 12, 1)  # a Tuesday


def window(question, today=TODAY):
    found = read_window(words(question), today).window
    return None if found is None else (found.first.isoformat(), found.last.isoformat())


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("in 2016", "2016-01-01", "2016-12-31"),
        ("in may 2025", "2025-05-01", "2025-05-31"),
        ("in sept 2025", "2025-09-01", "2025-09-30"),
        ("in feb 2024", "2024-02-01", "2024-02-29"),  # a leap year
        ("early february 2025", "2025-02-01", "2025-02-28"),  # part of a month: the month
        ("26 october 2025", "2025-10-26", "2025-10-26"),
        ("1st november 2025", "2025-11-01", "2025-11-01"),
        ("october 26th 2025", "2025-10-26", "2025-10-26"),
        ("early 2024", "2024-01-01", "2024-04-30"),
        ("mid 2024", "2024-05-01", "2024-08-31"),
        ("middle 2024", "2024-05-01", "2024-08-31"),
        ("late 2024", "2024-09-01", "2024-12-31"),
        ("the end of 2024", "2024-09-01", "2024-12-31"),
        ("the beginning of 2025", "2025-01-01", "2025-04-30"),
        ("the middle of 2025", "2025-05-01", "2025-08-31"),
        ("spring 2025", "2025-03-01", "2025-05-31"),
        ("summer 2025", "2025-06-01", "2025-08-31"),
        ("autumn 2024", "2024-09-01", "2024-11-30"),
        ("fall 2024", "2024-09-01", "2024-11-30"),
        ("winter 2024", "2023-12-01", "2024-02-29"),
        ("winter 2025", "2024-12-01", "2025-02-28"),
        ("q1 2025", "2025-01-01", "2025-03-31"),
        ("q4 2025", "2025-10-01", "2025-12-31"),
        ("the first quarter of 2025", "2025-01-01", "2025-03-31"),
        ("the third quarter of 2025", "2025-07-01", "2025-09-30"),
        ("the first half of 2025", "2025-01-01", "2025-06-30"),
        ("the second half of 2025", "2025-07-01", "2025-12-31"),
        ("last week", "2026-11-25", "2026-12-01"),
        ("this week", "2026-11-30", "2026-12-01"),  # from Monday
        ("last month", "2026-11-01", "2026-11-30"),
        ("this month", "2026-12-01", "2026-12-01"),
        ("the past month", "2026-11-02", "2026-12-01"),
        ("this year", "2026-01-01", "2026-12-01"),
        ("last year", "2025-01-01", "2025-12-31"),
        ("the past year", "2025-12-02", "2026-12-01"),
        ("the last 10 days", "2026-11-22", "2026-12-01"),
        ("the last 2 weeks", "2026-11-18", "2026-12-01"),
        ("the last 3 months", "2026-09-03", "2026-12-01"),
        ("the last 1 year", "2025-12-02", "2026-12-01"),
        ("since june 2025", "2025-06-01", "2026-12-01"),
        ("after june 2025", "2025-07-01", "2026-12-01"),
        ("before 2024", "0001-01-01", "2023-12-31"),
        ("until march 2024", "0001-01-01", "2024-03-31"),
        ("till 2016", "0001-01-01", "2016-12-31"),
    ],
)
def test_each_form_gives_its_days(question, first, last):
    assert window(question) == (first, last)


def test_a_window_running_past_today_ends_today():
    assert window("in 2026") == ("2026-01-01", "2026-12-01")
    assert window("in december 2026") == ("2026-12-01", "2026-12-01")
    assert window("in 2027") == ("2027-01-01", "2027-12-31")  # wholly after today: kept whole


def test_a_window_before_the_calendar_is_no_window():
    assert window("last year", today=date(1, 1, 1)) is None  # year 0 does not exist
    assert window("last week", today=date(1, 1, 3)) is None


@pytest.mark.parametrize(
    "question",
    [
        "31 february 2025",
        "february 30 2024",
        "april 31 2025",
        "the last 0 days",
        "the last 101 days",
        "the last 5 fortnights",
        "in 1799",
        "in 2101",
        "32 march 2025",
        "nothing about time",
    ],
)
def test_what_is_no_date_gives_no_window(question):
    assert window(question) is None


def test_the_words_that_said_the_window_are_marked_used():
    reading = read_window(words("what happened in early 2024 at the mine"), TODAY)
    assert reading.used == frozenset({3, 4})  # "early", "2024"
    reading = read_window(words("since june 2025"), TODAY)
    assert reading.used == frozenset({0, 1, 2})


@pytest.mark.parametrize(
    ("question", "relation", "anchors", "span"),
    [
        ("between the fall of avdiivka and the kursk incursion", "between",
         (("the", "fall", "of", "avdiivka"), ("the", "kursk", "incursion")), None),
        ("before the kursk incursion", "before", (("the", "kursk", "incursion"),), None),
        ("prior to the kursk incursion", "before", (("to", "the", "kursk", "incursion"),), None),
        ("until the fall of avdiivka", "before", (("the", "fall", "of", "avdiivka"),), None),
        ("in the month before the kursk incursion", "before", (("the", "kursk", "incursion"),),
         (1, "month")),
        ("the 3 weeks after avdiivka fell", "after", (("avdiivka", "fell"),), (3, "week")),
        ("since the kursk incursion", "since", (("the", "kursk", "incursion"),), None),
    ],
)  # fmt: skip
def test_an_event_relation_is_read_for_the_caller(question, relation, anchors, span):
    reading = read_window(words(question), TODAY)
    assert reading.window is None
    assert (reading.relation, reading.anchors, reading.span) == (relation, anchors, span)


def test_between_needs_two_things():
    reading = read_window(words("between the lines"), TODAY)
    assert reading.relation is None and reading.window is None


DAY_A, DAY_B = (date(2024, 2, 17), date(2024, 2, 17)), (date(2024, 8, 6), date(2024, 8, 6))


@pytest.mark.parametrize(
    ("relation", "second", "span", "first", "last"),
    [
        ("between", DAY_B, None, date(2024, 2, 18), date(2024, 8, 5)),
        ("before", None, None, date(1875, 1, 1), date(2024, 2, 16)),
        ("before", None, (1, "month"), date(2024, 1, 17), date(2024, 2, 16)),
        ("after", None, None, date(2024, 2, 18), TODAY),
        ("since", None, None, date(2024, 2, 17), TODAY),
        ("after", None, (2, "week"), date(2024, 2, 18), date(2024, 3, 2)),
        ("after", None, (10, "day"), date(2024, 2, 18), date(2024, 2, 27)),
        ("after", None, (1, "year"), date(2024, 2, 18), date(2025, 2, 17)),
    ],
)
def test_windows_around_events(relation, second, span, first, last):
    found = window_around(relation, DAY_A, second, TODAY, span, earliest=date(1875, 1, 1))
    assert found == Window(first, last)


def test_between_takes_the_events_in_either_order():
    one = window_around("between", DAY_B, DAY_A, TODAY)
    two = window_around("between", DAY_A, DAY_B, TODAY)
    assert one == two == Window(date(2024, 2, 18), date(2024, 8, 5))
    # A span's own days are left out: from the day after it ends.
    span = (date(2024, 2, 10), date(2024, 2, 20))
    assert window_around("between", span, DAY_B, TODAY).first == date(2024, 2, 21)


@pytest.mark.parametrize(
    ("day", "span", "sign", "expected"),
    [
        (date(2024, 8, 6), (1, "month"), -1, date(2024, 7, 6)),
        (date(2024, 3, 31), (1, "month"), -1, date(2024, 2, 29)),  # clamped to the month's end
        (date(2025, 1, 15), (2, "month"), -1, date(2024, 11, 15)),  # across a year
        (date(2024, 12, 15), (1, "month"), 1, date(2025, 1, 15)),
        (date(2024, 2, 29), (1, "year"), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), (1, "year"), -1, date(2023, 2, 28)),
        (date(2024, 1, 1), (2, "week"), 1, date(2024, 1, 15)),
        (date(2024, 1, 1), (3, "day"), -1, date(2023, 12, 29)),
    ],
)
def test_shift_moves_by_calendar_units(day, span, sign, expected):
    assert shift(day, span, sign) == expected


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(2024, 2, 29), (2025, 2, 28), (2025, 12, 31), (2025, 4, 30), (9999, 12, 31), (1, 1, 31)],
)
def test_days_in(year, month, days):
    assert days_in(year, month) == days


def test_windows_compare_by_their_days():
    assert Window(date(2024, 1, 1), date(2024, 1, 2)) == Window(date(2024, 1, 1), date(2024, 1, 2))
    assert Window(date(2024, 1, 1), date(2024, 1, 2)) != Window(date(2024, 1, 1), date(2024, 1, 3))
    assert Window(date(2024, 1, 1), date(2024, 1, 2)) != (date(2024, 1, 1), date(2024, 1, 2))
    assert (
        len(
            {Window(date(2024, 1, 1), date(2024, 1, 2)), Window(date(2024, 1, 1), date(2024, 1, 2))}
        )
        == 1
    )
    assert Window(date(2024, 1, 1), date(2024, 1, 2)).id == "window:2024-01-01/2024-01-02"
    assert repr(Window(date(2024, 1, 1), date(2024, 1, 2))) == "Window(2024-01-01, 2024-01-02)"


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("in 1800", "1800-01-01"),
        ("in 2100", "2100-01-01"),
        ("22nd march 2025", "2025-03-22"),
        ("23rd march 2025", "2025-03-23"),
        ("31 march 2025", "2025-03-31"),
    ],
)
def test_the_edges_of_years_and_days(question, first):
    assert window(question)[0] == first


def test_a_three_digit_number_is_no_day():
    assert window("100 march 2025") == ("2025-03-01", "2025-03-31")  # "march 2025", not a day

"""Dates said relative to today ("7 days ago", "last week", "this year"), read as honest spans.

One reading for the whole tool: `--since "last week"` and the question "what happened last week"
name the same days. Today is always a parameter. The spans (README "Dates"):

- `today`, `yesterday`, `N days ago`, `N weeks ago` (7N days back): that one day;
- `N months ago`: that calendar month; `N years ago`: that calendar year;
- `this week` (Monday to today), `this month`, `this year`: the part so far, to today;
- `last week` / `past week`: the 7 days ending today; `last month` / `previous month`: the
  calendar month before this one; `last year` / `previous year`: the calendar year before this;
  `past month`: the 30 days ending today; `past year`: the 365 days ending today;
- `last N days|weeks|months|years` (also `past N …`): N days, 7N, 30N or 365N days ending today.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pokrovsk_cli.data.model import Precision

DAYS_IN_UNIT = {"day": 1, "week": 7, "month": 30, "year": 365}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_LOOKING_BACK = ("last", "past", "previous", "this")
RELATIVE_FORMS = "'today', 'yesterday', '7 days ago', 'last week', 'last month', 'this year'"

# (first day, last day, precision, how many words it took)
Span = tuple[date, date, Precision, int]


def _count(word: str) -> int | None:
    if word.isascii() and word.isdigit() and len(word) <= 6:
        return int(word)
    return _NUMBER_WORDS.get(word)


def _unit(word: str) -> str | None:
    unit = word.removesuffix("s")
    return unit if unit in DAYS_IN_UNIT else None


def _month_of(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    if month == 12:
        return first, date(year, 12, 31)
    return first, date(year, month + 1, 1) - timedelta(days=1)


def months_back(today: date, count: int) -> tuple[date, date]:
    """The calendar month `count` months before today's."""
    index = today.year * 12 + today.month - 1 - count
    return _month_of(index // 12, index % 12 + 1)


def _ago(count: int, unit: str, today: date) -> tuple[date, date, Precision]:
    if unit == "month":
        return (*months_back(today, count), Precision.MONTH)
    if unit == "year":
        year = today.year - count
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    day = today - timedelta(days=count * DAYS_IN_UNIT[unit])
    return day, day, Precision.DAY


def _looking_back(word: str, unit: str, today: date) -> tuple[date, date, Precision]:
    """ "this/last/past/previous week|month|year"."""
    if word == "this":
        if unit == "week":
            return today - timedelta(days=today.weekday()), today, Precision.DAY
        if unit == "month":
            return today.replace(day=1), today, Precision.MONTH
        return date(today.year, 1, 1), today, Precision.YEAR
    if unit == "week" or word == "past":  # rolling: the days ending today
        return today - timedelta(days=DAYS_IN_UNIT[unit] - 1), today, Precision.DAY
    if unit == "month":
        return (*months_back(today, 1), Precision.MONTH)
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), Precision.YEAR


def relative_span(words: Sequence[str], today: date, *, named_days: bool = True) -> Span | None:
    """The relative date the (lower-case) words start with, if any, and how many words it took.

    named_days=False leaves "today" and "yesterday" alone (in a question they rarely mean a
    window: "who holds Pokrovsk today"). Raises OverflowError or ValueError for a span outside
    the calendar ("9999 years ago"); the callers say so in their own terms.
    """
    if not words:
        return None
    first = words[0]
    if named_days and first in ("today", "yesterday"):
        day = today - timedelta(days=first == "yesterday")
        return day, day, Precision.DAY, 1
    second = words[1] if len(words) > 1 else ""
    third = words[2] if len(words) > 2 else ""
    count = _count(first)
    if count is not None and _unit(second) and third == "ago":
        return (*_ago(count, _unit(second) or "", today), 3)
    if first not in _LOOKING_BACK:
        return None
    if _unit(second) and not second.endswith("s"):
        return (*_looking_back(first, _unit(second) or "", today), 2)
    count = _count(second) if first != "this" else None
    unit = _unit(third)
    if count and unit:  # "the last 30 days"
        return today - timedelta(days=count * DAYS_IN_UNIT[unit] - 1), today, Precision.DAY, 3
    return None

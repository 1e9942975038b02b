"""Dates as honest spans: the data's EDTF subset, the user's dates, and precision-aware display.

A date is never a made-up day: "2024" is 1 Jan to 31 Dec 2024, "2024-02" all of February.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from pokrovsk_cli.data.model import DateSpan, Precision

# English month names and their three-letter forms, whatever the locale (strptime's %B and the
# calendar module follow it, and the calendar module costs more to import than this table).
_NAMES = "january february march april may june july august september october november december"
MONTH_NAMES = {
    name: n for n, full in enumerate(_NAMES.split(), start=1) for name in (full, full[:3])
}

# EDTF level 0/1 subset: YYYY, YYYY-MM, YYYY-MM-DD, each optionally followed by
# ~ (approximate), ? (uncertain) or % (both); an interval joins two of them with "/".
_EDTF_POINT = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%]?)")
_ISO_USER = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_NUMERIC_ONLY = re.compile(r"[\d\s./-]+")

DATA_DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, optionally ending in ~ or ?, or an interval A/B"
USER_DATE_FORMS = (
    "2024, 2024-02, 2024-02-17, 'Feb 2024', '17 February 2024', 'today', 'yesterday',"
    " '7 days ago', 'last week', 'last month', 'this year'"
)

# English, whatever the locale: the tool's output is English (calendar.month_abbr follows the
# locale, and importing calendar costs a lookup 1.5 ms).
_MONTH_ABBR = ("", *"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())


LAST_YEAR = 9998


class DateParseError(ValueError):
    """A date string that is not in an accepted form; the message says why."""


def _span(text: str, year: int, month: int | None, day: int | None) -> tuple[date, date, Precision]:
    """Return the first and last day covered by a year, month or day, checking the calendar."""
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
        if day is None:
            first = date(year, month, 1)
            if month == 12:
                return first, date(year, 12, 31), Precision.MONTH
            return first, date(year, month + 1, 1) - timedelta(days=1), Precision.MONTH
        exact = date(year, month, day)
    except ValueError as exc:
        raise DateParseError(f"{text!r} is not a real calendar date ({exc})") from None
    return exact, exact, Precision.DAY


def _parse_point(text: str) -> DateSpan:
    match = _EDTF_POINT.fullmatch(text)
    if not match:
        raise DateParseError(f"{text!r} is not a date in the form {DATA_DATE_FORMS}")
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    year = int(match["y"])
    if not 1 <= year <= LAST_YEAR:
        # Calendars and charts reach a day or a week past an event; 9999-12-31 has none.
        raise DateParseError(f"{text!r} is outside the years 1-{LAST_YEAR} that data may hold")
    first, last, precision = _span(text, year, month, day)
    qualifier = match["q"]
    return DateSpan(
        text=text,
        first=first,
        last=last,
        precision=precision,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def parse_data_date(text: str) -> DateSpan:
    """Parse a dataset date in the EDTF subset of DESIGN.md into a span of days."""
    text = text.strip()
    if "/" not in text:
        return _parse_point(text)
    start_text, _, end_text = text.partition("/")
    start, end = _parse_point(start_text), _parse_point(end_text)
    if start.first > end.last:
        raise DateParseError(f"interval {text!r} starts after it ends")
    if (start.first, start.last) == (end.first, end.last):
        # "17–17 Feb 2024" says less than "17 Feb 2024": one day, month or year is not a span.
        approximate, uncertain = (
            start.approximate or end.approximate,
            start.uncertain or end.uncertain,
        )
        qualifier = "%" if approximate and uncertain else "~" if approximate else "?" * uncertain
        raise DateParseError(
            f"interval {text!r} starts and ends on the same {start.precision.value};"
            f" write it as {start_text.rstrip('~?%') + qualifier!r}"
        )
    coarser = max(start.precision, end.precision, key=lambda p: p.rank)
    return DateSpan(
        text=text,
        first=start.first,
        last=end.last,
        precision=coarser,
        approximate=start.approximate or end.approximate,
        uncertain=start.uncertain or end.uncertain,
        interval=True,
    )


# Two defaults that differ in every field: whatever dateutil fills in from a default shows up
# as a difference between the two results, so nothing is silently taken from "today".
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(1999, 12, 28)


def _relative(text: str, today: date) -> DateSpan | None:
    """ "7 days ago", "last week", "this year" (data/relative_dates.py says which days)."""
    words = text.lower().split()
    if not words or not (words[0].isalpha() or words[-1] == "ago" or len(words) > 2):
        return None  # "2024": not worth the import
    from pokrovsk_cli.data.relative_dates import relative_span

    try:
        found = relative_span(words, today)
    except (OverflowError, ValueError):
        raise DateParseError(f"{text!r} is outside the calendar") from None
    if found is None or found[3] != len(words):
        return None
    first, last, precision, _ = found
    return DateSpan(text=text, first=first, last=last, precision=precision)


def parse_user_date(text: str, *, today: date) -> DateSpan:
    """Parse a date typed by a user into the span it names.

    ISO forms are read exactly; natural forms ("Feb 2024") go through dateutil, and the
    precision comes from which parts the user actually wrote.
    """
    cleaned = text.strip()
    relative = _relative(cleaned, today)
    if relative is not None:
        return relative
    iso = _ISO_USER.fullmatch(cleaned)
    if iso:
        month = int(iso["m"]) if iso["m"] else None
        day_of_month = int(iso["d"]) if iso["d"] else None
        first, last, precision = _span(cleaned, int(iso["y"]), month, day_of_month)
        return DateSpan(text=cleaned, first=first, last=last, precision=precision)
    if not cleaned or _NUMERIC_ONLY.fullmatch(cleaned):
        # "03/11/2024" is 3 November to some and 11 March to others: refuse to guess.
        raise DateParseError(f"{text!r} is not an unambiguous date")

    from dateutil import parser  # lazy: only natural-language dates need it

    try:
        a = parser.parse(cleaned, default=_DEFAULT_A)
        b = parser.parse(cleaned, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        raise DateParseError(f"{text!r} is not a date") from None
    if a.year != b.year:
        raise DateParseError(f"{text!r} has no year")
    has_month = a.month == b.month
    has_day = a.day == b.day
    if has_day and not has_month:
        raise DateParseError(f"{text!r} has a day but no month")
    first, last, precision = _span(
        cleaned, a.year, a.month if has_month else None, a.day if has_day else None
    )
    return DateSpan(text=cleaned, first=first, last=last, precision=precision)


def _format_point(day: date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return str(day.year)
    if precision is Precision.MONTH:
        return f"{_MONTH_ABBR[day.month]} {day.year}"
    return f"{day.day} {_MONTH_ABBR[day.month]} {day.year}"


def format_day(day: date) -> str:
    """One day as the output writes days: "1 Nov 2025" (English months, whatever the locale)."""
    return _format_point(day, Precision.DAY)


def end_precisions(span: DateSpan) -> tuple[Precision, Precision]:
    """The precision of a span's start and of its end (they differ in `2024/2024-05`)."""
    if not span.interval:
        return span.precision, span.precision
    start_text, _, end_text = span.text.partition("/")
    return _parse_point(start_text).precision, _parse_point(end_text).precision


def _format_interval(span: DateSpan) -> str:
    first, last = span.first, span.last
    start_p, end_p = end_precisions(span)
    if start_p is end_p is Precision.DAY and first.year == last.year:
        if first.month == last.month:
            return f"{first.day}–{last.day} {_MONTH_ABBR[first.month]} {first.year}"
        return f"{first.day} {_MONTH_ABBR[first.month]}–{_format_point(last, end_p)}"
    if start_p is end_p is Precision.MONTH and first.year == last.year:
        if (first.month, last.month) in ((6, 8), (5, 8), (6, 7), (5, 7)):
            return f"mid-{first.year}"
        return f"{_MONTH_ABBR[first.month]}–{_MONTH_ABBR[last.month]} {first.year}"
    return f"{_format_point(first, start_p)} – {_format_point(last, end_p)}"


def format_span(span: DateSpan) -> str:
    """Show a span as people write dates: "17 Feb 2024", "Jan 2025", "mid-2024 ≈"."""
    text = _format_interval(span) if span.interval else _format_point(span.first, span.precision)
    if span.approximate:
        text += " ≈"
    if span.uncertain:
        text += " ?"
    return text

"""Date windows read from the words of a question: "in november 2025", "early 2024", "last week",
"summer 2025", "before the kursk incursion".

Conventions (README "Time in questions"): early, mid and late YEAR are its thirds (Jan-Apr,
May-Aug, Sep-Dec); the first and second half are Jan-Jun and Jul-Dec; seasons are meteorological
(spring Mar-May, summer Jun-Aug, autumn Sep-Nov, winter YEAR is Dec of the year before to Feb).
Relative dates ("last week", "3 months ago", "this year") are read as data/relative_dates.py reads
them for --since and --until. A date that is no real date ("31 February 2025") gives no window.

A window bounded by an event ("before the kursk incursion", "between the fall of avdiivka and the
kursk incursion") is read here as words to look up; answers/ask.py finds the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pokrovsk_cli.data.dates import MONTH_NAMES
from pokrovsk_cli.data.relative_dates import relative_span

MONTHS = {**MONTH_NAMES, "sept": 9}  # a question may also write "sept"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_THIRDS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12), "end": (9, 12)}
_HALVES = {"first": (1, 6), "second": (7, 12)}
_QUARTERS = {"q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
_ORDINAL_QUARTER = {"first": (1, 3), "second": (4, 6), "third": (7, 9), "fourth": (10, 12)}
# Words that, with a year or month, only say "when" and not "what".
FRAME = frozenset(
    """in during of from to until till through throughout since before after between and the
    year month week day days weeks months years beginning start end early mid middle late half
    first second third fourth quarter season spring summer autumn fall winter this last past
    previous so far""".split()
)
# Relations to an event: "before the kursk incursion", "since the fall of avdiivka".
_MOST_UNITS = 100  # "the last N days" in a question: N at most this
RELATIONS = ("between", "before", "after", "since", "until", "till", "prior")


class Window:
    """Days first..last, both included. (Plain classes: a dataclass costs a millisecond of
    start-up, on the path of every question.)"""

    __slots__ = ("first", "last")

    def __init__(self, first: date, last: date) -> None:
        self.first, self.last = first, last

    @property
    def id(self) -> str:
        return f"window:{self.first.isoformat()}/{self.last.isoformat()}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Window) and (self.first, self.last) == (other.first, other.last)

    def __hash__(self) -> int:
        return hash((self.first, self.last))

    def __repr__(self) -> str:
        return f"Window({self.first}, {self.last})"


class Reading:
    """What the question says about time: a window, the positions of the words that said it
    (left out of the topic), and, when the window is bounded by an event, the relation and the
    words naming the event(s) for the caller to look up."""

    __slots__ = ("window", "used", "relation", "anchors", "span")

    def __init__(
        self,
        window: Window | None,
        used: frozenset[int],
        relation: str | None = None,
        anchors: tuple[tuple[str, ...], ...] = (),
        span: tuple[int, str] | None = None,  # "the month before X": (1, "month")
    ) -> None:
        self.window, self.used, self.relation = window, used, relation
        self.anchors, self.span = anchors, span


def days_in(year: int, month: int) -> int:
    """The number of days in a month (the calendar module's monthrange, without its import)."""
    if month == 12:  # the next month may be past the calendar's end (year 10000)
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _year(word: str) -> int | None:
    if len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2100:
        return int(word)
    return None


def _month_window(year: int, first_month: int, last_month: int) -> Window:
    return Window(date(year, first_month, 1), date(year, last_month, days_in(year, last_month)))


def _day(word: str) -> int | None:
    digits = word.removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
    return int(digits) if digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2 else None


def _clamp(window: Window, today: date) -> Window:
    return (
        Window(window.first, min(window.last, today))
        if (window.first <= today < window.last)
        else window
    )


def read_window(text_words: Sequence[str], today: date) -> Reading:
    """The date window a question names, if any (the first one it names); none when the
    window would fall outside the calendar (a week before 1 January of year 1)."""
    try:
        return _read_window(text_words, today)
    except (OverflowError, ValueError):  # a day before 1 January 1 or after 31 December 9999
        return Reading(None, frozenset())


def _read_window(text_words: Sequence[str], today: date) -> Reading:
    found = _relative(text_words, today) or _calendar(text_words)
    if found is not None:
        window, used = found
        relation = _relation_to_dates(text_words, used, window, today)
        if relation is not None:
            return Reading(relation[0], relation[1])
        return Reading(_clamp(window, today), used)
    return _event_relation(text_words)


def _relative(text_words: Sequence[str], today: date) -> tuple[Window, frozenset[int]] | None:
    """The first relative date in the question ("last week", "3 months ago"), read as the
    --since/--until values are (data/relative_dates.py)."""
    for i in range(len(text_words)):
        found = relative_span(text_words[i : i + 3], today, named_days=False)  # 3 words at most
        counted = text_words[i + 1] if i + 1 < len(text_words) else ""
        if counted.isdigit() and int(counted) > _MOST_UNITS:
            continue  # "the last 2024 days" is more likely a misreading than a window
        if found is not None:
            first, last, _, taken = found
            return Window(first, last), frozenset(range(i, i + taken))
    return None


def _calendar(text_words: Sequence[str]) -> tuple[Window, frozenset[int]] | None:
    """A day, month, part of a year or year written out: the first one in the question."""
    for i, word in enumerate(text_words):
        year = _year(word)
        if year is None:
            continue
        before = text_words[i - 1] if i > 0 else ""
        before2 = text_words[i - 2] if i > 1 else ""
        used = {i}
        if before in MONTHS:
            month = MONTHS[before]
            used.add(i - 1)
            day = _day(before2)
            if day is None and before2.isdigit() and len(before2) <= 2:
                return None  # "32 march 2025": a number where a day goes, but no day
            if day is not None:  # "26 october 2025"
                used.add(i - 2)
                if day > days_in(year, month):
                    return None  # "31 february": no real date, so no window
                one = date(year, month, day)
                return Window(one, one), frozenset(used)
            if before2 in _THIRDS or before2 in ("beginning", "start"):
                used.add(i - 2)
            return _month_window(year, month, month), frozenset(used)
        day = _day(before)
        if day is not None and before2 in MONTHS:  # "october 26 2025"
            month = MONTHS[before2]
            if day > days_in(year, month):
                return None
            one = date(year, month, day)
            return Window(one, one), frozenset({i, i - 1, i - 2})
        if before in _SEASONS:
            first, last = _SEASONS[before]
            return _month_window(year, first, last), frozenset({i, i - 1})
        if before == "winter":
            # Meteorological winter YEAR: December of the year before to the end of February.
            return Window(date(year - 1, 12, 1), date(year, 2, days_in(year, 2))), frozenset(
                {i, i - 1}
            )
        if before in _QUARTERS:
            first, last = _QUARTERS[before]
            return _month_window(year, first, last), frozenset({i, i - 1})
        if before == "of" and before2 in ("half", "quarter") and i > 2:
            which = text_words[i - 3]
            table = _HALVES if before2 == "half" else _ORDINAL_QUARTER
            if which in table:
                first, last = table[which]
                return _month_window(year, first, last), frozenset({i, i - 1, i - 2, i - 3})
        if before in _THIRDS:
            first, last = _THIRDS[before]
            return _month_window(year, first, last), frozenset({i, i - 1})
        if before == "of" and before2 in ("end", "beginning", "start", "middle"):
            first, last = {"end": (9, 12), "middle": (5, 8)}.get(before2, (1, 4))
            return _month_window(year, first, last), frozenset({i, i - 1, i - 2})
        return _month_window(year, 1, 12), frozenset(used)
    return None


def _relation_to_dates(
    text_words: Sequence[str], used: frozenset[int], window: Window, today: date
) -> tuple[Window, frozenset[int]] | None:
    """'since june 2025', 'before 2024', 'after march 2025': open windows from a written date."""
    start = min(used)
    word = text_words[start - 1] if start > 0 else ""
    if word == "since" or word == "after":
        first = window.first if word == "since" else window.last + timedelta(days=1)
        return Window(first, today), used | {start - 1}
    if word in ("before", "until", "till"):
        last = window.first - timedelta(days=1) if word == "before" else window.last
        return Window(date(1, 1, 1), last), used | {start - 1}
    return None


def _event_relation(text_words: Sequence[str]) -> Reading:
    """'between the fall of avdiivka and the kursk incursion', 'in the month before X'."""
    for i, word in enumerate(text_words):
        if word not in RELATIONS:
            continue
        used = set(range(i, len(text_words)))
        span: tuple[int, str] | None = None
        if i >= 1 and text_words[i - 1] in (
            "day",
            "week",
            "month",
            "year",
            "days",
            "weeks",
            "months",
            "years",
        ):
            count = 1
            if i >= 2 and text_words[i - 2].isdigit():
                count = int(text_words[i - 2])
                used.add(i - 2)
            span = (count, text_words[i - 1].removesuffix("s"))
            used.add(i - 1)
        rest = tuple(text_words[i + 1 :])
        if word == "between":  # "between X and Y", or no relation at all
            cut = rest.index("and") if "and" in rest else 0
            first, second = rest[:cut], rest[cut + 1 :]
            if first and second:
                return Reading(None, frozenset(used), "between", (first, second))
            continue
        if rest:
            relation = "before" if word in ("prior", "until", "till") else word
            return Reading(None, frozenset(used), relation, (rest,), span)
    return Reading(None, frozenset())


def window_around(
    relation: str,
    first: tuple[date, date],
    second: tuple[date, date] | None,
    today: date,
    span: tuple[int, str] | None = None,
    earliest: date = date(1, 1, 1),
) -> Window:
    """The window an event relation names, given the events' days (first, last): 'between'
    leaves out both events' own days, 'before' ends the day before, 'since' and 'after' run to
    today; 'the month before X' is the 30 days before X's first day."""
    if relation == "between" and second is not None:
        start, end = sorted((first, second))
        return Window(start[1] + timedelta(days=1), end[0] - timedelta(days=1))
    if relation == "before":
        last = first[0] - timedelta(days=1)
        if span:
            return Window(shift(first[0], span, -1), last)
        return Window(earliest, last)
    begin = first[1] + timedelta(days=1) if relation == "after" else first[0]
    if span:
        return Window(begin, shift(begin, span, 1) - timedelta(days=1))
    return Window(begin, today)


def shift(day: date, span: tuple[int, str], sign: int) -> date:
    """`day` moved by a span of calendar units ('1 month' back from 6 Aug is 6 Jul)."""
    count, unit = span
    if unit in ("day", "week"):
        return day + timedelta(days=sign * count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1) * sign
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = days_in(year, month + 1)
    return date(year, month + 1, min(day.day, last))

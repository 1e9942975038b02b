"""Query semantics: spans, AND across filters, OR within a repeated filter, ordering."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pokrovsk_cli.answers.query import (
    EventFilter,
    Named,
    find_event,
    resolve_names,
    resolve_places,
    select_events,
)
from pokrovsk_cli.data.dates import parse_user_date
from pokrovsk_cli.data.model import Category, Status
from pokrovsk_cli.errors import NotFoundError, UsageError
from pokrovsk_cli.text import fold
from tests.conftest import SMALL_IN_ORDER

TODAY = date(2026, 11, 24)


def when(text):
    return parse_user_date(text, today=TODAY)


def ids(dataset, **wanted):
    return [e.id for e in select_events(dataset.events, EventFilter(**wanted), dataset.places)]


def test_chronological_by_first_day_then_precision(small):
    assert ids(small) == SMALL_IN_ORDER


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        # --since keeps events whose span ends on or after the first day of X.
        (
            {"since": "2024"},
            ["day-event", "mid-year", "month-event", "approx-event", "claimed-capture"],
        ),
        ({"since": "2023-12"}, SMALL_IN_ORDER),
        ({"since": "2024-08-31"}, ["mid-year", "month-event", "approx-event", "claimed-capture"]),
        # --until keeps events whose span starts on or before the last day of X.
        ({"until": "2024"}, ["year-event", "day-event", "mid-year"]),
        ({"until": "2024-06-01"}, ["year-event", "day-event", "mid-year"]),
        ({"until": "2024-05"}, ["year-event", "day-event"]),
        # --on keeps events overlapping X.
        ({"on": "2024-07"}, ["mid-year"]),
        ({"on": "2025"}, ["month-event", "approx-event", "claimed-capture"]),
        ({"on": "2025-01-15"}, ["month-event"]),
        ({"since": "2024", "until": "2024"}, ["day-event", "mid-year"]),
        # The same day as both ends: what overlaps that one day (17 Feb 2024 and the year).
        ({"since": "2024-02-17", "until": "2024-02-17"}, ["day-event"]),
        ({"since": "2024-02-16", "until": "2024-02-16"}, []),
        ({"on": "2024-02-17"}, ["day-event"]),
        ({"on": "2024-02-18"}, []),
    ],
)
def test_date_filters(small, wanted, expected):
    assert ids(small, **{k: when(v) for k, v in wanted.items()}) == expected


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ({"categories": (Category.ECONOMIC,)}, ["month-event"]),
        ({"categories": (Category.ECONOMIC, Category.HISTORY)}, ["year-event", "month-event"]),
        ({"statuses": (Status.DISPUTED, Status.CLAIMED)}, ["approx-event", "claimed-capture"]),
        ({"tags": ("MINE",)}, ["month-event"]),
        ({"tags": ("mine", "fall")}, ["day-event", "month-event"]),
        ({"places": ("myrnohrad",)}, ["day-event"]),
        ({"search": "WHOLE year"}, ["year-event"]),
        ({"search": "krasnoarmeysk mine"}, ["month-event"]),  # a place's other name
        ({"search": "quotes comma"}, ["day-event"]),
        ({"search": "nothing like this"}, []),
        ({"categories": (Category.MILITARY,), "statuses": (Status.DISPUTED,)}, ["claimed-capture"]),
        ({"limit": 2}, ["year-event", "day-event"]),
        ({"reverse": True, "limit": 2}, ["claimed-capture", "approx-event"]),
    ],
)
def test_other_filters(small, wanted, expected):
    assert ids(small, **wanted) == expected


def test_search_ignores_accents():
    assert fold("Mýrnohrád") == "myrnohrad"
    assert fold("Slov'yansk") == fold("Slovyansk")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Pokrovsk"], ("pokrovsk",)),
        (["krasnoarmeysk"], ("pokrovsk",)),
        (["Покровськ"], ("pokrovsk",)),
        (["DIMITROV", "pokrovsk"], ("myrnohrad", "pokrovsk")),
        (["Pokrovsk", "pokrovsk"], ("pokrovsk",)),
    ],
)
def test_places_resolve_by_any_name(small, names, expected):
    assert resolve_places(names, small.places) == expected


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("pokrovk", "did you mean: pokrovsk?"),
        ("Mirnograd", "did you mean: myrnohrad?"),  # close to another name's folded form
        ("zzz", "run 'pokrovsk places' to list them"),  # nothing close: the fallback
    ],
)
def test_unknown_place_is_a_usage_error_with_suggestion(small, name, hint):
    with pytest.raises(UsageError, match=f"^--place: no place called '{name}'$") as info:
        resolve_places([name], small.places)
    assert info.value.hint == hint


def test_since_after_until_is_refused(small):
    with pytest.raises(UsageError, match="later than --until"):
        ids(small, since=when("2025"), until=when("2024"))


def test_select_does_not_mutate(small):
    before = small.events
    ids(small, reverse=True, limit=1)
    assert small.events is before


def test_find_event_suggests_close_ids(small):
    assert find_event(small.events, "day-event").id == "day-event"
    with pytest.raises(NotFoundError, match="^no event with id 'capture'$") as info:
        find_event(small.events, "capture")
    assert info.value.hint == "closest ids: claimed-capture, approx-event"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_takes_a_shortcut_for_ascii_that_changes_nothing(text):
    decomposed = unicodedata.normalize("NFKD", text)
    slow = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    assert fold(text) == slow.replace("'", "")


# --- suggestions and messages, exactly (a mutation run found them loosely checked) ---------


def _named(*entries: tuple[str, tuple[str, ...]]) -> list[Named]:
    return [Named(ident, names) for ident, names in entries]


BASE = "abcdefghijklmnopqrst"  # 20 letters; the name asked for adds a 21st, "u"


def near(k: int) -> str:
    """BASE with its last k letters wrong: difflib's ratio to BASE + "u" is 2 * (20 - k) / 41
    (0.976, 0.927, 0.878 ... 0.634 for k = 7, and below the 0.6 cut-off from k = 8)."""
    return BASE[: 20 - k] + "x" * k


def test_suggestions_come_from_the_six_closest_names_and_name_at_most_three_ids():
    # "alpha" holds the three closest names, "beta" the next three, "gamma" only the seventh:
    # six names are compared, so gamma is not suggested.
    known = _named(
        ("alpha", (near(0), near(1), near(2))),
        ("beta", (near(3), near(4), near(5))),
        ("gamma", (near(6),)),
    )
    with pytest.raises(UsageError, match=f"^--x: no thing called '{BASE}u'$") as info:
        resolve_names("--x", "thing", [BASE + "u"], known, "fallback")
    assert info.value.hint == "did you mean: alpha, beta?"


def test_no_more_than_three_ids_are_suggested():
    known = _named(*((ident, (near(k),)) for k, ident in enumerate("abcd")))
    with pytest.raises(UsageError) as info:
        resolve_names("--x", "thing", [BASE + "u"], known, "fallback")
    assert info.value.hint == "did you mean: a, b, c?"


def test_find_event_names_three_ids_that_contain_the_word_first(small):
    with pytest.raises(NotFoundError, match="^no event with id 'event'$") as info:
        find_event(small.events, "event")
    # Four ids contain "event"; the first three in the data's order are named.
    assert info.value.hint == "closest ids: year-event, day-event, month-event"


def test_find_event_with_nothing_close_says_how_to_list_ids(small):
    with pytest.raises(NotFoundError, match="^no event with id 'zzzzzzzz'$") as info:
        find_event(small.events, "zzzzzzzz")
    assert info.value.hint == "run 'pokrovsk timeline' to list event ids"


def test_a_limit_below_one_is_refused_in_words(small):
    with pytest.raises(UsageError, match="^--limit must be at least 1, not 0$"):
        ids(small, limit=0)


def test_search_words_do_not_match_across_fields(small):
    # The searchable text joins title, summary, tags and places with spaces only.
    assert ids(small, search="xx") == []

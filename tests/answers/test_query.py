"""Query semantics: spans, AND across filters, OR within a repeated filter, ordering."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pokrovsk_cli.answers.query import EventFilter, find_event, resolve_places, select_events
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


def test_unknown_place_is_a_usage_error_with_suggestion(small):
    with pytest.raises(UsageError, match="no place called 'pokrovk'") as info:
        resolve_places(["pokrovk"], small.places)
    assert "pokrovsk" in info.value.hint


def test_since_after_until_is_refused(small):
    with pytest.raises(UsageError, match="later than --until"):
        ids(small, since=when("2025"), until=when("2024"))


def test_select_does_not_mutate(small):
    before = small.events
    ids(small, reverse=True, limit=1)
    assert small.events is before


def test_find_event_suggests_close_ids(small):
    assert find_event(small.events, "day-event").id == "day-event"
    with pytest.raises(NotFoundError) as info:
        find_event(small.events, "capture")
    assert "claimed-capture" in info.value.hint


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_takes_a_shortcut_for_ascii_that_changes_nothing(text):
    decomposed = unicodedata.normalize("NFKD", text)
    slow = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    assert fold(text) == slow.replace("'", "")

"""Computed answers: what they say, the figure they give, and how they say they got it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pokrovsk_cli.answers.computed import ago, bearing, between, distance, duration, in_words
from pokrovsk_cli.data.dates import parse_data_date
from pokrovsk_cli.data.model import Precision


@pytest.mark.parametrize(
    ("days", "precision", "said"),
    [
        (1, Precision.DAY, "1 day"),
        (2, Precision.DAY, "2 days"),
        (59, Precision.DAY, "59 days"),
        (60, Precision.DAY, "about 2 months (60 days)"),
        (31, Precision.MONTH, "about 1 month"),
        (92, Precision.MONTH, "about 3 months"),
        (320, Precision.DAY, "about 11 months (320 days)"),
        (730, Precision.DAY, "about 2 years (730 days)"),
        (1018, Precision.DAY, "about 2 years, 9 months (1,018 days)"),
        (1096, Precision.DAY, "about 3 years (1,096 days)"),
        (400, Precision.MONTH, "about 13 months"),
        (800, Precision.MONTH, "about 2 years, 2 months"),
        (4000, Precision.YEAR, "about 11 years"),
    ],
)
def test_in_words(days, precision, said):
    assert in_words(days, precision) == said


def event_at(bundled, event_id, date_text=None):
    event = next(e for e in bundled.events if e.id == event_id)
    return replace(event, date=parse_data_date(date_text)) if date_text else event


def test_a_duration_counts_both_end_days(bundled):
    answer = duration(event_at(bundled, "dobropillia-counterattack"))
    assert (answer.id, answer.value, answer.unit) == (
        "computed:duration:dobropillia-counterattack",
        55,
        "days",
    )
    assert answer.text.endswith(": 55 days, 16 Aug–9 Oct 2025.")
    assert answer.how == "days from 2025-08-16 to 2025-10-09, both counted"
    assert answer.status == "computed" and answer.sources


def test_a_duration_known_to_the_month_says_it_is_rough(bundled):
    answer = duration(event_at(bundled, "offensive-begins-mid-2024"))  # 2024-06/2024-08
    assert answer.value == 92
    assert "about 3 months, " in answer.text
    assert answer.text.endswith("known only to the month, so this is rough.")
    approximate = duration(
        event_at(bundled, "dobropillia-counterattack", "2025-08-16~/2025-10-09~")
    )
    assert approximate.text.endswith("The dates are approximate, so this is rough.")


@pytest.mark.parametrize("when", ["2024-02-17", "2025-01", "2024"])
def test_no_duration_for_a_single_date(bundled, when):
    assert duration(event_at(bundled, "avdiivka-falls", when)) is None


def test_time_since_counts_from_the_first_day_to_today(bundled):
    answer = ago(event_at(bundled, "avdiivka-falls"), date(2026, 12, 1))
    assert (answer.id, answer.value) == ("computed:ago:avdiivka-falls", 1018)
    assert answer.text == (
        "about 2 years, 9 months (1,018 days) from Avdiivka falls; Ukrainian troops withdraw"
        " (17 Feb 2024) to today, 1 Dec 2026."
    )
    assert answer.how == "days from 2024-02-17 (the event's first day) to today, 2026-12-01"
    future = ago(event_at(bundled, "avdiivka-falls"), date(2024, 2, 1))
    assert future.value == -16 and "after today" in future.text


def test_days_between_go_from_first_day_to_first_day_in_date_order(bundled):
    early, late = event_at(bundled, "avdiivka-falls"), event_at(bundled, "kursk-incursion")
    forward, backward = between(early, late), between(late, early)
    assert forward.value == backward.value == (date(2024, 8, 6) - date(2024, 2, 17)).days
    assert forward.id == "computed:between:avdiivka-falls:kursk-incursion"
    assert backward.id == "computed:between:kursk-incursion:avdiivka-falls"
    assert forward.text == backward.text  # told in date order either way
    assert forward.text.startswith("about 6 months (171 days) from Avdiivka falls")
    assert set(forward.sources) == {*early.sources, *late.sources}


def test_distance_and_bearing_between_two_places(bundled):
    places = bundled.places
    away = distance(places["kramatorsk"], places["bakhmut"])
    assert (away.value, away.unit, away.id) == (34.6, "km", "computed:distance:kramatorsk:bakhmut")
    assert away.text.startswith("Bakhmut is about 35 km east-south-east of Kramatorsk")
    way = bearing(places["pokrovsk"], places["kramatorsk"])
    assert (way.value, way.unit) == (30, "°")
    assert way.text == "Kramatorsk lies north-north-east of Pokrovsk (bearing 30°, 59 km)."
    assert way.places == frozenset({"pokrovsk", "kramatorsk"})


def test_no_distance_without_coordinates_or_to_itself(bundled):
    places = bundled.places
    assert distance(places["pokrovsk"], places["dachne"]) is None  # no coordinates
    assert bearing(places["dachne"], places["pokrovsk"]) is None
    assert distance(places["pokrovsk"], places["pokrovsk"]) is None


@pytest.mark.parametrize(
    ("days", "precision", "said"),
    [
        (3836, Precision.YEAR, "about 11 years"),  # 10.50 years of 365.25 days
        (761, Precision.DAY, "about 2 years, 1 month (761 days)"),
    ],
)
def test_in_words_edges(days, precision, said):
    assert in_words(days, precision) == said


def test_every_computed_answer_names_itself_and_its_unit(bundled):
    places = bundled.places
    way = bearing(places["pokrovsk"], places["kramatorsk"])
    assert way.title == "Which direction is Kramatorsk from Pokrovsk?"
    assert way.attributed_to == "computed by pokrovsk from coordinates (haversine formula)"
    lasted = duration(event_at(bundled, "dobropillia-counterattack"))
    assert lasted.title.startswith("How long it lasted: ") and lasted.unit == "days"
    assert lasted.date == event_at(bundled, "dobropillia-counterattack").date
    since = ago(event_at(bundled, "avdiivka-falls"), date(2026, 12, 1))
    assert since.title.startswith("Time since: ") and since.unit == "days"
    assert since.date == event_at(bundled, "avdiivka-falls").date
    assert since.attributed_to == "computed by pokrovsk from the data's dates"


def test_an_approximate_duration_keeps_its_figure(bundled):
    approximate = duration(
        event_at(bundled, "dobropillia-counterattack", "2025-08-16~/2025-10-09~")
    )
    assert approximate.text.startswith("Ukrainian counter-attack cuts off the Dobropillia salient")


def test_time_since_a_month_is_told_in_months(bundled):
    answer = ago(event_at(bundled, "offensive-begins-mid-2024"), date(2026, 12, 1))
    assert answer.text.startswith("about 2 years, 6 months from The battle for Pokrovsk")
    assert "days)" not in answer.text


def test_time_since_today_is_no_time_and_a_future_day_is_after_today(bundled):
    same = ago(event_at(bundled, "avdiivka-falls"), date(2024, 2, 17))
    assert same.value == 0 and same.text.startswith("0 days from Avdiivka falls")
    ahead = ago(event_at(bundled, "offensive-begins-mid-2024"), date(2024, 1, 1))
    assert ahead.text.endswith("(mid-2024) is about 5 months after today.")

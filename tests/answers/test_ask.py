"""Routing, grounding and time in questions: current state, periods, computed answers, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from pokrovsk_cli.answers.ask import look_up
from pokrovsk_cli.answers.asked import words
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.answers.when import read_window

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def index(bundled):
    return FactIndex(bundled)


def ask(index, question):
    return look_up(question, index, today=TODAY)


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("what happened in november 2025", "2025-11-01", "2025-11-30"),
        ("early 2024", "2024-01-01", "2024-04-30"),
        ("late 2024", "2024-09-01", "2024-12-31"),
        ("summer 2025", "2025-06-01", "2025-08-31"),
        ("winter 2025", "2024-12-01", "2025-02-28"),
        ("first half of 2025", "2025-01-01", "2025-06-30"),
        ("last week", "2026-11-25", "2026-12-01"),
        ("last month", "2026-11-01", "2026-11-30"),
        ("this year", "2026-01-01", "2026-12-01"),
        ("on 26 october 2025", "2025-10-26", "2025-10-26"),
        ("february 29 2024", "2024-02-29", "2024-02-29"),
        ("since june 2025", "2025-06-01", "2026-12-01"),
    ],
)
def test_windows(question, first, last):
    window = read_window(words(question), TODAY).window
    assert (window.first.isoformat(), window.last.isoformat()) == (first, last)


@pytest.mark.parametrize("question", ["31 february 2025", "february 29 2025", "in the year 99999"])
def test_a_date_that_is_no_date_is_no_window(question):
    assert read_window(words(question), TODAY).window is None


def test_a_period_question_lists_its_events(index, bundled):
    answer = ask(index, "what happened in november 2025").answer
    assert (answer.kind, answer.id) == ("events", "window:2025-11-01/2025-11-30")
    expected = [
        e.id
        for e in bundled.events
        if e.date.first <= date(2025, 11, 30) and date(2025, 11, 1) <= e.date.last
    ]
    assert sorted(e.id for e in answer.events) == sorted(expected)


def test_an_event_bounded_window_leaves_out_both_events_days(index):
    answer = ask(index, "what happened between the fall of avdiivka and the kursk incursion").answer
    assert answer.id == "window:2024-02-18/2024-08-05"


def test_a_period_after_the_data_says_how_far_the_data_goes(index):
    answer = ask(index, "what happened last week").answer
    assert answer.events == () and "curated through 19 Mar 2026" in answer.text


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("is the mining village of Udachne in Russian hands now", "udachne"),
        ("where do things stand in myrnohrad", "myrnohrad"),
    ],
)
def test_idioms_of_control_ask_how_things_stand(index, question, place):
    answer = ask(index, question).answer
    assert answer is not None and (answer.kind, answer.id) == ("current", f"current:{place}")


def test_current_state_is_the_latest_events_with_status_and_as_of(index, bundled):
    answer = ask(index, "has pokrovsk fallen").answer
    assert (answer.kind, answer.id) == ("current", "current:pokrovsk")
    latest = max(
        (e for e in bundled.events if "pokrovsk" in e.places and e.category.value == "military"),
        key=lambda e: (e.date.last, e.date.first),
    )
    assert answer.events[0].id == latest.id and answer.status == latest.status.value
    assert "curated through 19 Mar 2026" in answer.text


@pytest.mark.parametrize(
    ("question", "answer_id", "value"),
    [
        ("which direction is kramatorsk from pokrovsk", "computed:bearing:pokrovsk:kramatorsk", 30),
        ("how far is bakhmut from kramatorsk", "computed:distance:kramatorsk:bakhmut", 34.6),
        ("how long ago did avdiivka fall", "computed:ago:avdiivka-falls", 1018),
        (
            "how long did the ukrainian counter-attack near dobropillia last",
            "computed:duration:dobropillia-counterattack",
            55,  # 16 Aug to 9 Oct 2025, both days counted
        ),
    ],
)
def test_computed_answers_say_how(index, question, answer_id, value):
    answer = ask(index, question).answer
    assert (answer.id, answer.status, answer.value) == (answer_id, "computed", value)
    assert answer.how and answer.sources


def test_days_between_two_events(index):
    answer = ask(index, "how many days between avdiivka falling and russia's claim on pokrovsk")
    assert answer.answer.id == "computed:between:avdiivka-falls:russia-claims-capture"
    assert answer.answer.value == (date(2025, 11, 30) - date(2024, 2, 17)).days


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("population of Kharkiv", "the data has no entry for Kharkiv"),
        ("how far is pokrovsk from odesa", "the data has no coordinates for Odesa"),
        ("how far is dachne from pokrovsk", "the data has no coordinates for Dachne"),
        ("mayor of Kramatorsk", "no entry about Kramatorsk matches 'mayor'"),
        # Only the losses each side claims, which is not a count of the Ukrainian dead.
        ("how many ukrainian soldiers died", "nothing in the data answers it with confidence"),
        ("who won the champions league", "no entry in the data matches 'champions', 'league'"),
    ],
)
def test_refusals_say_what_the_data_does_not_know(index, question, reason):
    lookup = ask(index, question)
    assert lookup.answer is None and lookup.refusal == reason


def test_an_answer_is_never_weak_and_weak_matches_are_never_answers(index):
    for question in ("prewar population", "has pokrovsk fallen", "how far is kramatorsk"):
        answer = ask(index, question).answer
        assert answer.match == "answer" and answer.confidence >= 0.9
    weak = ask(index, "mayor of kramatorsk")
    assert weak.answer is None and all(a.match == "weak" for a in weak.closest)


def test_the_explanation_names_each_step(index):
    steps = dict(ask(index, "when did avdiivka fall").explanation)
    assert steps["places"] == "avdiivka" and steps["window"] == "none"
    assert steps["words"].startswith("avdiivka 1.00 in name")
    assert steps["score"].startswith("0.8") and "coverage" in steps["score"]
    refused = dict(ask(index, "population of kharkiv").explanation)
    assert refused["refused"] == "the data has no entry for Kharkiv"


def test_only_the_first_words_of_a_long_question_are_read(index):
    from pokrovsk_cli.answers.ask import MAX_WORDS

    lookup = ask(index, "population " * MAX_WORDS + "kharkiv")  # Kharkiv comes too late
    assert lookup.refusal != "the data has no entry for Kharkiv"


def test_no_question_crashes_the_reader(index):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        "when what happened in on before after between since and the last this past week month"
        " year early late mid summer winter first half of q1 31 29 february may 2016 2024 2025"
        " 1800 2100 9999 0 how long ago far which direction from to pokrovsk kharkiv kyiv"
        " myrnohrad avdiivka kursk incursion fall is has now still latest days 100 2 years".split()
    )

    edges = st.sampled_from([date.min, date(1, 1, 5), date.max, date(2024, 2, 29)])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces | st.text(max_size=8), max_size=12), st.dates() | edges)
    def check(parts, today):
        lookup = look_up(" ".join(parts), index, today=today)
        for answer in (*lookup.matches, *lookup.closest):
            assert 0.0 <= answer.score <= 1.0 and 0.0 <= answer.confidence <= 1.0
        assert lookup.answer is not None or lookup.refusal

    check()


@pytest.mark.parametrize(
    ("question", "anchors"),
    [
        (
            "how many days between the fall of avdiivka and the kursk incursion",
            ["the fall of avdiivka", "the kursk incursion"],
        ),
        ("how long ago did avdiivka fall", ["avdiivka fall"]),
        (
            "how many days between the start of the war there and the recapture of sudzha",
            ["the start of the war there", "the recapture of sudzha"],
        ),
    ],
)
def test_a_computed_answer_is_no_surer_than_the_events_it_was_computed_from(
    index, question, anchors
):
    from pokrovsk_cli.answers.ask import _anchored

    lookup = ask(index, question)
    top = lookup.answer or (lookup.closest[0] if lookup.closest else None)
    assert top is not None and top.id.startswith("computed:")
    found = [_anchored(tuple(a.split()), index) for a in anchors]
    assert all(found)
    assert top.confidence <= min(sure for _, sure in found)  # type: ignore[misc]
    assert (top.match == "answer") == (top.confidence >= 0.93)

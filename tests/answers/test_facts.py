"""The fact ranking: its parts, its score range, and what it says when nothing matches."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pokrovsk_cli.answers import ask
from pokrovsk_cli.answers.ask import no_answer
from pokrovsk_cli.answers.asked import intent, stem, words
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.errors import ExitCode, NotFoundError
from tests.conftest import SMALL_IN_FILE_ORDER, bundled_raw

# The bundled file as written, read without our loader.
RAW = bundled_raw()
TODAY = date(2026, 12, 1)


def look_up(question, index, **options):
    return ask.look_up(question, index, today=TODAY, **options)


@pytest.fixture(scope="module")
def index(bundled):
    return FactIndex(bundled)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("troops", "troop"),
        ("cities", "city"),
        ("falls", "fall"),
        ("fell", "fall"),
        ("stopped", "stop"),
        ("captured", "captur"),
        ("capture", "captur"),
        ("lost", "los"),
        ("loses", "los"),
        ("kursk", "kursk"),
        ("process", "process"),
        ("gas", "gas"),
        ("2024", "2024"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


def test_words_fold_case_accents_and_punctuation():
    assert words("Slov'yansk, MÝRNOHRAD!? 60,000") == ["slovyansk", "myrnohrad", "60", "000"]
    assert words("Покровськ") == ["покровськ"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when did avdiivka fall", "when"),
        ("what year was it renamed", "when"),
        ("how far is kramatorsk", "distance"),
        ("how many km from pokrovsk to donetsk", "distance"),
        ("how big is myrnohrad in square kilometres", None),  # an area, not a distance
        ("how many km2 does the city cover", "amount"),
        ("distance to donetsk", "distance"),
        ("how many troops", "amount"),
        ("how much coal", "amount"),
        ("who is syrskyi", "who"),
        ("where is pokrovsk", "where"),
        ("prewar population", "amount"),  # a population is a figure
        ("death toll", "amount"),
        ("russian name", None),
    ],
)
def test_intent(question, expected):
    assert intent(words(question)) == expected


def test_every_score_is_between_0_and_1(index):
    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=60))
    def check(question):
        assert all(0.0 <= answer.score <= 1.0 for answer in index.rank(question))

    check()


def test_an_exact_question_scores_1(index):
    answer = look_up("What was Pokrovsk's prewar population?", index).answer
    assert answer.id == "prewar-population" and answer.score == 1.0
    assert answer.parts == (1.0, 1.0, 1.0)  # a population is a figure: the intent fits too


def test_other_names_of_places_count_as_the_place(index):
    for name in ("Avdeyevka", "Авдіївка", "avdiivka"):
        assert look_up(f"when did {name} fall", index).answer.id == "avdiivka-falls"


def test_a_computed_distance_says_how_it_was_computed(index):
    answer = look_up("how far is kramatorsk from pokrovsk", index).answer
    assert answer.id == "computed:distance:pokrovsk:kramatorsk"
    assert answer.status == "computed" and answer.unit == "km"
    assert answer.value == pytest.approx(59, abs=3)
    assert answer.text == (
        "Kramatorsk is about 59 km north-north-east of Pokrovsk in a straight line"
        " (not a road distance)."
    )
    assert answer.how.startswith("great-circle distance between Pokrovsk (48.2828, 37.1828)")
    # It cites where the two places' coordinates come from, as the bundled file gives them.
    places = {place["id"]: place for place in RAW["places"]}
    assert set(answer.sources) == {*places["pokrovsk"]["sources"], *places["kramatorsk"]["sources"]}


def test_a_sourced_distance_comes_before_the_computed_one(index):
    # Equal scores: the curated, sourced figure first; our arithmetic follows as another match.
    matches = look_up("how far is donetsk from pokrovsk", index).matches
    assert [a.id for a in matches[:2]] == [
        "distance-to-donetsk",
        "computed:distance:pokrovsk:donetsk",
    ]


def test_claims_keep_their_status_in_answers(index):
    troops = look_up("how many russian troops", index).answer
    assert troops.status == "claimed"
    assert troops.attributed_to == "Oleksandr Syrskyi (Ukrainian estimate)"  # as the fact says
    capture = look_up("when did russia claim to have captured pokrovsk", index).answer
    assert (capture.kind, capture.id, capture.status) == (
        "event",
        "russia-claims-capture",
        "disputed",
    )
    # Who claims it: the names of its claimed_by actors, gerasimov and ru-mod.
    assert capture.attributed_to == "Valery Gerasimov, Russian Ministry of Defence"


def test_alternatives_are_trimmed_unless_all_are_wanted(index):
    every = look_up("russian troops", index, alternatives=None).matches
    assert len(every) > 4
    assert look_up("russian troops", index, alternatives=3).matches == every[:4]
    assert every[0].match == "answer"  # the others are candidates, each with its own confidence
    assert [a.score for a in every] == sorted((a.score for a in every), reverse=True)


def test_no_confident_answer_gives_weak_matches_never_an_answer(index):
    lookup = look_up("who won the world cup", index)
    assert lookup.answer is None and lookup.matches == ()
    # Which entries come closest is the ranking's business; that they are weak real ones is not.
    assert lookup.closest and all(a.match == "weak" for a in lookup.closest)
    known = {fact["id"] for fact in RAW["facts"]} | {event["id"] for event in RAW["events"]}
    closest = [a.id for a in lookup.closest]
    assert set(closest) <= known
    error = no_answer(lookup)
    assert isinstance(error, NotFoundError) and error.exit_code == ExitCode.ERROR
    assert error.message == (
        "no answer to 'who won the world cup': no entry in the data matches 'cup'"
    )
    assert error.hint == (
        f"closest (weak) matches: {', '.join(closest)}; run 'pokrovsk fact' to list every fact"
    )


def test_nonsense_gets_no_suggestions(index):
    lookup = look_up("xyzzy", index)
    assert lookup.answer is None and lookup.closest == ()
    assert "closest" not in no_answer(lookup).hint
    assert no_answer(lookup).hint == "run 'pokrovsk fact' to list every fact"


def test_a_question_of_only_question_words(index):
    lookup = look_up("what is it?", index)
    assert lookup.answer is None
    error = no_answer(lookup)
    assert error.message == "nothing to look up in 'what is it?': it has only question words"
    assert error.hint == 'ask about something, e.g. pokrovsk fact "prewar population"'


def test_a_dataset_without_pokrovsk_has_no_distances(small):
    from dataclasses import replace

    index = FactIndex(replace(small, places={}))
    assert not [e for e in index.entries if e.answer.status == "computed"]
    # small.yaml's one fact and six events are still there, and nothing else.
    assert [(e.answer.kind, e.answer.id) for e in index.entries] == [
        ("fact", "prewar-population"),
        *(("event", ident) for ident in SMALL_IN_FILE_ORDER),
    ]

"""What the ranker knows about words beyond the data: WordNet's related words, adverbs, capitals
that stand for governments, compounds, and the places the data does not cover."""

from __future__ import annotations

import pytest

from pokrovsk_cli.answers.elsewhere import unknown_places
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.answers.related import only_adverb, related


@pytest.fixture(scope="module")
def index(bundled):
    return FactIndex(bundled)


@pytest.mark.parametrize(
    ("word", "same", "wider"),
    [
        ("minors", "child", None),  # a plural is looked up by its base form
        ("motorway", None, "highway"),
        ("headcount", None, "count"),
        ("died", "death", None),  # a past tense too short for the usual endings: die
        ("carried", "transport", "transport"),  # -ied is looked up as -y: carry
    ],
)
def test_related_words_come_from_wordnet(word, same, wider):
    alike, general = related(word)
    assert same is None or same in alike
    assert wider is None or wider in general


def test_a_word_wordnet_does_not_know_has_no_relations():
    assert related("xyzzy") == ((), ())


def test_only_adverbs_say_how_not_what():
    assert only_adverb("exactly") and only_adverb("previously")
    assert not only_adverb("still")  # also an adjective and a noun
    assert not only_adverb("mine")


def test_a_related_word_matches_for_less_than_the_word_itself(index):
    similar = index.similar_terms("childhood")  # a word the data does not use
    # Same sense: below a one-letter typo (0.8).
    assert similar == {"child": 0.7, "kids": 0.7, "minors": 0.7}
    assert index.similar_terms("children")["children"] == 1.0


def test_a_capital_stands_for_its_government(index):
    assert index.similar_terms("moscow").get("russia") == 0.9
    assert index.similar_terms("kyiv").get("ukraine") == 0.9


def test_a_compound_matches_its_parts(index):
    found = index.similar_terms("coalsteel")
    assert found.get("coal") == found.get("steel") == 0.75


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("population of kharkiv", ["Kharkiv"]),
        ("when did chasiv yar fall", ["Chasiv Yar"]),
        ("how far is odesa from kyiv", ["Odesa"]),  # Kyiv is the government unless asked a distance
        ("when did pokrovsk fall", []),  # the data's own places are never elsewhere
        ("moscow says", []),
    ],
)
def test_places_the_data_does_not_cover(index, question, unknown):
    assert unknown_places(question.split(), index.names.ids) == unknown


def test_a_capital_counts_as_a_place_in_distance_questions(index):
    said = "how far is pokrovsk from kyiv".split()
    assert unknown_places(said, index.names.ids, metonyms=True) == ["Kyiv"]

"""Source counts, by hand from tests/fixtures/datasets/history.yaml."""

from __future__ import annotations

from pokrovsk_cli.answers.citations import count_citations
from pokrovsk_cli.data.load import load_dataset
from tests.conftest import FIXTURES


def test_a_source_cited_only_in_a_facts_history_counts_for_that_fact():
    dataset = load_dataset([FIXTURES / "datasets" / "history.yaml"], bundled=False)
    counts = [(u.source.id, u.events, u.facts, u.places) for u in count_citations(dataset)]
    # "paper": the fact's current value, its first earlier value and the village: one fact
    # (counted once), one place. "ministry-site": only the fact's second earlier value.
    assert counts == [("paper", 0, 1, 1), ("ministry-site", 0, 1, 0)]

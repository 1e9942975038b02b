"""The held-out question sets 2 to 6 stay true to the data: every id they name exists (and every
place they compute with has coordinates), so a renamed entry cannot silently empty a row. Their
accuracy is the benchmark's to report, not a test's (benchmarks/fact_lookup.py); this test
names no row's answer, only whether each can exist."""

from __future__ import annotations

from datetime import date

import pytest

from pokrovsk_cli.data.load import load_dataset
from tests.answers.fact_questions import (
    HOLDOUT2_SET,
    HOLDOUT3_SET,
    HOLDOUT4_SET,
    HOLDOUT5_SET,
    HOLDOUT6_SET,
    read_questions,
)

SETS = [HOLDOUT2_SET, HOLDOUT3_SET, HOLDOUT4_SET, HOLDOUT5_SET, HOLDOUT6_SET]


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_id_in_a_held_out_set_exists(path):
    data = load_dataset()
    ids = {e.id for e in data.events} | {f.id for f in data.facts}
    located = {p.id for p in data.places.values() if p.lat is not None}
    questions = read_questions(path)
    assert len(questions) >= 100
    unknown = []
    for question in questions:
        for expected in question.expected:
            form, _, rest = expected.partition(":")
            if not rest:
                known = expected in ids
            elif form == "current":
                known = rest in data.places
            elif form == "window":
                start, end = (date.fromisoformat(d) for d in rest.split("/"))
                known = start <= end
            elif form == "computed":
                what, *args = rest.split(":")
                places = what in ("distance", "bearing")
                known = all(a in (located if places else ids) for a in args)
            else:
                known = False
            if not known:
                unknown.append((question.line, expected))
    assert unknown == []
    assert sum(not q.expected for q in questions) >= 15  # the must-refuse rows

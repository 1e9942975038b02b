"""The second held-out question set stays true to the data: every id it names exists (and every
place it computes with has coordinates), so a renamed entry cannot silently empty a row. Its
accuracy is the benchmark's to report, not a test's (benchmarks/fact_lookup.py)."""

from __future__ import annotations

from datetime import date

from pokrovsk_cli.data.load import load_dataset
from tests.answers.fact_questions import HOLDOUT2_SET, read_questions


def test_every_id_in_the_second_held_out_set_exists():
    data = load_dataset()
    ids = {e.id for e in data.events} | {f.id for f in data.facts}
    located = {p.id for p in data.places.values() if p.lat is not None}
    questions = read_questions(HOLDOUT2_SET)
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

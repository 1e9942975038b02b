"""The question sets for `pokrovsk fact`, shared by the tests and benchmarks/fact_lookup.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TUNING_SET = FIXTURES / "fact_questions.tsv"
HOLDOUT_SET = FIXTURES / "fact_questions_holdout.tsv"
# Written on 2026-12-01 before the ranking work of issue 16, never to be tuned on. Besides ids and
# "-", its expected answers name answer kinds the ranker does not have yet (current:, window:,
# computed:), so only the benchmark reads it, to report the figure before and after that work.
HOLDOUT2_SET = FIXTURES / "fact_questions_holdout2.tsv"


@dataclass(frozen=True)
class Question:
    text: str
    kind: str
    expected: frozenset[str]  # acceptable answer ids; empty: nothing should answer
    line: int


def read_questions(path: Path) -> list[Question]:
    """Rows of a tab-separated question file: expected id(s), kind, question."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("expected\t"):
            continue
        expected, kind, text = line.split("\t")
        ids = frozenset() if expected == "-" else frozenset(p.strip() for p in expected.split("|"))
        rows.append(Question(text, kind, ids, number))
    return rows

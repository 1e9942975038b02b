"""From score to confidence: the share of answers at that score that were right.

Measured on the tuning and first held-out question sets (never on the later held-out sets,
which measure the result): `python benchmarks/fact_lookup.py --calibrate` prints the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pokrovsk_cli.answers.answer import Answer

# An answer at this confidence or more is shown as the answer (saying how often such answers are
# right); below it, only as a weak match.
ANSWER_AT = 0.9
# (lowest score of the band, share right in the band), highest band first. Measured 2026-12-02
# on 145 top answers of the tuning and first held-out sets: 98/99 right at 0.85 or more, 13/14
# from 0.7, 8/11 from 0.45, 5/14 below.
BANDS: tuple[tuple[float, float], ...] = (
    (0.85, 0.99),
    (0.7, 0.93),
    (0.45, 0.73),
    (0.0, 0.36),
)


def confidence(answer: Answer) -> float:
    """The calibrated confidence of an answer's score."""
    return next(share for low, share in BANDS if answer.score >= low)

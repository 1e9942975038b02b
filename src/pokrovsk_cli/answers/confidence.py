"""From score to confidence: how often an answer like this one was right.

The confidence is a logistic fit of rightness on two things about a top answer: its score, and
its lead over the next-best entry of the whole ranking, before grounding leaves any out (a clear
winner is more often right than one of a close pack).
The fit is made on the tuning and first held-out question sets, never on the later held-out
sets, which measure it: `python benchmarks/fact_lookup.py --calibrate` fits the coefficients
and prints how many answers were right at each level.
"""

from __future__ import annotations

import math

# Fitted 2026-12-02 on 183 top answers (benchmarks/fact_lookup.py --calibrate).
SCORE, LEAD, BIAS = 6.21, 4.56, -2.86
# An answer at this confidence or more is shown as the answer, saying how often such answers are
# right; below it, only as a weak match, never as an answer. The bar is 0.9, or just above the
# highest confidence a wrong answer of the fitting sets reaches (0.92): a reference would rather
# say "not sure" than be wrong. On the fitting sets 147 of the 149 answers at 0.9 or more, and
# every one at 0.93 or more, were right.
ANSWER_AT = 0.93


def confidence(score: float, lead: float) -> float:
    """The share of answers with this score and this lead over the next that were right."""
    share = 1 / (1 + math.exp(-(SCORE * score + LEAD * max(0.0, lead) + BIAS)))
    return min(0.99, round(share, 2))  # never "always right": the fit only ever nears 1

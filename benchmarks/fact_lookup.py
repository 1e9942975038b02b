"""Accuracy, calibration and speed of `pokrovsk fact` on the question sets in tests/fixtures.

Prints top-1 accuracy (overall and per kind of question) on the tuning set and on the held-out
sets, counting a question right only when the top answer is shown as an answer (match "answer",
not "weak") and is one the row accepts, and a must-refuse question right only when nothing is
shown as an answer; then the mean, median, 90th percentile and worst latency per query measured
in-process after the dataset is loaded, the time to build the index, and the whole-process time
of one `pokrovsk fact` run. With --calibrate, the share of right top answers per score band on
the tuning and first held-out sets (the table in answers/confidence.py).

    python benchmarks/fact_lookup.py [--runs 5] [--show-misses] [--calibrate]
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from pokrovsk_cli.answers.ask import look_up
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.data.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the question sets live with the tests

from tests.answers.fact_questions import (  # noqa: E402
    HOLDOUT2_SET,
    HOLDOUT3_SET,
    HOLDOUT4_SET,
    HOLDOUT5_SET,
    HOLDOUT6_SET,
    HOLDOUT_SET,
    TUNING2_SET,
    TUNING_SET,
    UNSEEN,
    Question,
    is_right,
    read_questions,
    today_of,
)


def score_set(questions: list[Question], index: FactIndex, today: date):
    """Top-1 hits per kind of question, the misses, and how the shown answers fared: (shown,
    shown and right, right but only as the closest weak match)."""
    right: dict[str, list[bool]] = defaultdict(list)
    misses = []
    shown = trusted = weak_right = 0
    for question in questions:
        lookup = look_up(question.text, index, today=today)
        found = lookup.answer or (lookup.closest[0] if lookup.closest else None)
        ok = is_right(question, lookup.answer)
        right[question.kind].append(ok)
        if lookup.answer is not None:
            shown += 1
            trusted += ok
        elif found is not None and question.expected:
            weak_right += is_right(question, found, shown_only=False)
        if not ok:
            got = f"{found.id} ({found.match}, {found.score:.2f})" if found else None
            misses.append((question, got, lookup.refusal))
    return right, misses, (shown, trusted, weak_right)


def calibrate(sets: list[tuple[list[Question], date]], index: FactIndex) -> None:
    """Fit answers/confidence.py's logistic model (score, lead over the next candidate) on the
    top answers of the tuning sets, and print how many were right per confidence level."""
    rows = []
    for questions, today in sets:
        for question in questions:
            lookup = look_up(question.text, index, today=today)
            top = lookup.answer or (lookup.closest[0] if lookup.closest else None)
            if top is None:
                continue
            right = bool(question.expected) and is_right(question, top, shown_only=False)
            rows.append((top.score, top.lead, 1.0 if right else 0.0))
    w_score, w_lead, bias = 0.0, 0.0, 0.0
    for _ in range(20000):  # plain gradient descent on the log loss: 3 numbers, 150 rows
        g_score = g_lead = g_bias = 0.0
        for score, lead, right in rows:
            p = 1 / (1 + math.exp(-(w_score * score + w_lead * lead + bias)))
            g_score, g_lead, g_bias = (
                g_score + (p - right) * score,
                g_lead + (p - right) * lead,
                g_bias + p - right,
            )
        w_score -= 0.5 * g_score / len(rows)
        w_lead -= 0.5 * g_lead / len(rows)
        bias -= 0.5 * g_bias / len(rows)
    print(f"SCORE, LEAD, BIAS = {w_score:.2f}, {w_lead:.2f}, {bias:.2f}  ({len(rows)} top answers)")
    levels: dict[int, list[float]] = defaultdict(list)
    for score, lead, right in rows:
        p = 1 / (1 + math.exp(-(w_score * score + w_lead * lead + bias)))
        levels[min(9, int(p * 10))].append(right)
    wrong = [
        1 / (1 + math.exp(-(w_score * score + w_lead * lead + bias)))
        for score, lead, right in rows
        if not right
    ]
    highest = max(wrong, default=0.0)
    print(f"  highest confidence of a wrong top answer: {highest:.2f} (the bar must pass it)")
    for level in sorted(levels, reverse=True):
        oks = levels[level]
        print(
            f"  confidence {level / 10:.1f}-{(level + 1) / 10:.1f}: {sum(oks):.0f}/{len(oks)} right"
        )


def report(
    name: str, right: dict[str, list[bool]], misses: list, answers: tuple, show: bool
) -> None:
    total = [ok for oks in right.values() for ok in oks]
    print(f"{name}: top-1 accuracy {sum(total) / len(total):.1%} ({sum(total)}/{len(total)})")
    shown, trusted, weak_right = answers
    print(
        f"  shown as answers: {shown}, right {trusted} ({trusted / max(shown, 1):.1%});"
        f" right only as the weak closest match: {weak_right}"
    )
    for kind, oks in sorted(right.items()):
        print(f"  {kind:<12} {sum(oks):>3}/{len(oks)}")
    for question, got, refusal in misses if show else ():
        wanted = "|".join(sorted(question.expected)) or "-"
        print(f"  MISS {question.text!r}: expected {wanted}, got {got} [{refusal}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the sets")
    parser.add_argument("--show-misses", action="store_true", help="not for held-out set 4")
    parser.add_argument("--calibrate", action="store_true", help="print the score bands")
    parser.add_argument("--only", help="report only the set whose file name contains this")
    args = parser.parse_args()

    sets = [
        ("tuning set", TUNING_SET),
        ("tuning set 2", TUNING2_SET),
        ("held-out set", HOLDOUT_SET),
        ("held-out set 2", HOLDOUT2_SET),
        ("held-out set 3", HOLDOUT3_SET),
        ("held-out set 4", HOLDOUT4_SET),
        ("held-out set 5", HOLDOUT5_SET),
        ("held-out set 6", HOLDOUT6_SET),
    ]
    loaded = [(name, path, read_questions(path), today_of(path)) for name, path in sets]
    dataset = load_dataset()
    started = time.perf_counter()
    index = FactIndex(dataset)
    build_ms = (time.perf_counter() - started) * 1000
    if args.calibrate:
        # The sets answers/confidence.py was fitted on: the first tuning and held-out sets.
        fitted = (TUNING_SET, HOLDOUT_SET)
        calibrate([(qs, today) for _, path, qs, today in loaded if path in fitted], index)
        return

    # The first pass only: later passes would find every word's stem and WordNet entry cached.
    timings = []
    for _, _, questions, today in loaded:
        for question in questions:
            started = time.perf_counter()
            look_up(question.text, index, today=today)
            timings.append((time.perf_counter() - started) * 1000)

    whole = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pokrovsk_cli", "fact", "prewar population"],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        whole.append((time.perf_counter() - started) * 1000)

    for name, path, questions, today in loaded:
        if args.only and args.only not in path.name:
            continue
        # Sets 4 and 5 are read for their totals only: their misses are never shown, so nothing
        # is tuned on them.
        show = args.show_misses and path not in UNSEEN
        report(f"{name} ({path.name})", *score_set(questions, index, today), show)
    timings.sort()
    p90 = timings[int(0.9 * (len(timings) - 1))]
    print(f"index build: {build_ms:.1f} ms ({len(index.entries)} entries)")
    print(
        f"per query (in-process, after loading): mean {statistics.mean(timings):.2f} ms,"
        f" median {statistics.median(timings):.2f} ms, p90 {p90:.2f} ms,"
        f" max {max(timings):.2f} ms ({len(timings)} lookups)"
    )
    print(
        "whole process, pokrovsk fact 'prewar population':"
        f" median {statistics.median(whole):.0f} ms ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()

"""The corrections that name an entry, and how every view says so: a corrected or retracted entry
is shown as such wherever it appears."""

from __future__ import annotations

from pokrovsk_cli.data.dates import format_day
from pokrovsk_cli.data.model import Change, Correction, Dataset


def corrections_of(dataset: Dataset, entry_id: str) -> list[Correction]:
    """The corrections of one entry, oldest first (the log is short: a scan is enough)."""
    return [c for c in dataset.corrections if c.entry == entry_id]


def correction_said(correction: Correction) -> tuple[str, str]:
    """("corrected", "1 Dec 2026: date was 2026-02-15, now 2025-12-09. Why."), or
    ("retracted", "1 Dec 2026: Why."): what a view labels the correction, and what it says."""
    day = format_day(correction.date)
    if correction.change is Change.RETRACTED:
        return "retracted", f"{day}: {correction.why}"
    change = correction.change.value
    return (
        "corrected",
        f"{day}: {change} was {correction.was}, now {correction.now}. {correction.why}",
    )


def correction_line(correction: Correction) -> str:
    """ "corrected 1 Dec 2026: date was 2026-02-15, now 2025-12-09. Why." on one line."""
    return " ".join(correction_said(correction))


def correction_mark(dataset: Dataset, entry_id: str) -> str | None:
    """ "✗ retracted" or "✎ corrected" for an entry the log names, for the tables' cells."""
    found = corrections_of(dataset, entry_id)
    if not found:
        return None
    retracted = any(c.change is Change.RETRACTED for c in found)
    return "✗ retracted" if retracted else "✎ corrected"

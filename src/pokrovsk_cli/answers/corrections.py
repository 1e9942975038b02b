"""The corrections that name an entry, and how every view says so: a corrected or retracted entry
is shown as such wherever it appears."""

from __future__ import annotations

from pokrovsk_cli.data.dates import format_day
from pokrovsk_cli.data.model import Change, Correction, Dataset


def corrections_of(dataset: Dataset, entry_id: str) -> list[Correction]:
    """The corrections of one entry, oldest first (the log is short: a scan is enough)."""
    return [c for c in dataset.corrections if c.entry == entry_id]


def is_retracted(dataset: Dataset, entry_id: str) -> bool:
    return any(c.change is Change.RETRACTED for c in corrections_of(dataset, entry_id))


def correction_line(correction: Correction) -> str:
    """ "corrected 1 Dec 2026: date was 2026-02-15, now 2025-12-09. Why." on one line."""
    day = format_day(correction.date)
    if correction.change is Change.RETRACTED:
        return f"retracted {day}: {correction.why}"
    change = correction.change.value
    return f"corrected {day}: {change} was {correction.was}, now {correction.now}. {correction.why}"


def correction_mark(dataset: Dataset, entry_id: str) -> str | None:
    """ "✗ retracted" or "✎ corrected" for an entry the log names, for the tables' cells."""
    if not dataset.corrections:
        return None
    if is_retracted(dataset, entry_id):
        return "✗ retracted"
    return "✎ corrected" if corrections_of(dataset, entry_id) else None

"""Read events: their dates, statuses, and who claims, denies or assesses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pokrovsk_cli.data.entries import MISSING, Checker, Entry, check_id, check_refs
from pokrovsk_cli.data.model import Actor, Category, Event, Place, Quote, Side, Source, Status
from pokrovsk_cli.text import brief

if TYPE_CHECKING:
    from pokrovsk_cli.data.yaml_located import LocatedDict

EVENT_FIELDS = {
    "id",
    "date",
    "title",
    "summary",
    "category",
    "tags",
    "places",
    "actors",
    "status",
    "claimed_by",
    "denied_by",
    "assessed_by",
    "sources",
    "quote",
    "note",
    "replaces",
    "aliases",
    "added",
    "updated",
    "fatalities",
}
FATALITIES_LIMIT = 10_000_000  # more than any one event: a typo, not a figure


def _read_quote(entry: Entry) -> Quote | None:
    value = entry.get("quote", False)
    if value is MISSING:
        return None
    if not isinstance(value, dict) or set(value) != {"text", "by"}:
        entry.report("quote", "'quote' must be a mapping with exactly 'text' and 'by'")
        return None
    text, by = value["text"], value["by"]
    if not isinstance(text, str) or not isinstance(by, str) or not text.strip() or not by.strip():
        entry.report("quote", "'quote' needs non-empty 'text' and 'by'")
        return None
    if not (entry.plain("quote", text) and entry.plain("quote", by)):
        return None
    return Quote(text.strip(), by.strip())


def _read_fatalities(entry: Entry) -> int | None:
    """A whole number of deaths, 0 or more."""
    value = entry.get("fatalities", False)
    if value is MISSING:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        entry.report("fatalities", f"'fatalities' must be a whole number, not {brief(value)}")
        return None
    if not 0 <= value <= FATALITIES_LIMIT:
        entry.report("fatalities", f"'fatalities' is {value}, outside 0..{FATALITIES_LIMIT:,}")
        return None
    return value


def read_event(
    checker: Checker,
    raw: LocatedDict,
    seen: dict[str, tuple[int, int]],
    sources: dict[str, Source],
    places: dict[str, Place],
    actors: dict[str, Actor],
) -> Event | None:
    entry = Entry(checker, raw, "event", EVENT_FIELDS)
    ident = check_id(entry, seen)
    span = entry.date("date")
    title, summary = entry.text("title"), entry.text("summary")
    category = entry.choice("category", Category)
    status = entry.choice("status", Status)
    tags = entry.texts("tags")
    cited_places = entry.texts("places")
    check_refs(entry, "places", cited_places, places)
    cited = entry.texts("sources", required=True)
    check_refs(entry, "sources", cited, sources)
    named = entry.texts("actors")
    claimed_by, denied_by = entry.texts("claimed_by"), entry.texts("denied_by")
    assessed_by = entry.texts("assessed_by")
    for key, refs in (
        ("actors", named),
        ("claimed_by", claimed_by),
        ("denied_by", denied_by),
        ("assessed_by", assessed_by),
    ):
        check_refs(entry, key, refs, actors, "actors")
    if status in (Status.CLAIMED, Status.DISPUTED) and not claimed_by:
        entry.report("status", f"a {status.value} event must name who claims it in 'claimed_by'")
    if status is Status.DISPUTED and not denied_by:
        entry.report("status", "a disputed event must name who denies it in 'denied_by'")
    if status is Status.ASSESSED and not assessed_by:
        entry.report(
            "status", "an assessed event must name whose assessment it is in 'assessed_by'"
        )
    _check_sides(entry, claimed_by, assessed_by, actors)
    quote = _read_quote(entry)
    note = entry.text("note", required=False)
    aliases = entry.texts("aliases")
    fatalities = _read_fatalities(entry)
    added, updated = entry.curation()
    values = (ident, span, title, summary, category, status)
    if any(value is None for value in values):
        return None
    return Event(
        ident,  # type: ignore[arg-type]
        span,  # type: ignore[arg-type]
        title,  # type: ignore[arg-type]
        summary,  # type: ignore[arg-type]
        category,
        tags,
        cited_places,
        named,
        status,
        claimed_by,
        denied_by,
        cited,
        quote,
        note,
        checker.label,
        assessed_by,
        aliases,
        added,
        updated,
        fatalities,
    )


def _check_sides(
    entry: Entry,
    claimed_by: tuple[str, ...],
    assessed_by: tuple[str, ...],
    actors: dict[str, Actor],
) -> None:
    """A claim is a party's; an assessment is an independent analyst's or monitor's."""
    for ref in claimed_by:
        actor = actors.get(ref)
        if actor is not None and actor.side is Side.INDEPENDENT:
            entry.report(
                "claimed_by",
                f"{brief(ref)} is independent: its judgement is an assessment, not a claim",
                "use status 'assessed' and list it in 'assessed_by'",
            )
    for ref in assessed_by:
        actor = actors.get(ref)
        if actor is not None and actor.side is not Side.INDEPENDENT:
            entry.report(
                "assessed_by",
                f"{brief(ref)} speaks for {actor.side.value}: its statement is a claim",
                "list it in 'claimed_by' with status 'claimed' or 'disputed'",
            )

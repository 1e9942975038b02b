"""Read what events and facts cite and name: sources, actors and places."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pokrovsk_cli.data.entries import Checker, Entry, check_id, check_refs
from pokrovsk_cli.data.model import Actor, ActorKind, Place, Side, Source
from pokrovsk_cli.text import brief

if TYPE_CHECKING:
    from pokrovsk_cli.data.yaml_located import LocatedDict

CURATION_FIELDS = {"added", "updated"}
SOURCE_FIELDS = {"id", "publisher", "title", "url", "copy_url", "published", "note", "replaces"}
SOURCE_FIELDS |= CURATION_FIELDS
ACTOR_FIELDS = {"id", "name", "other_names", "side", "kind", "note", "replaces"}
PLACE_FIELDS = {
    "id",
    "name",
    "other_names",
    "kind",
    "oblast",
    "country",
    "lat",
    "lon",
    "sources",
    "note",
    "replaces",
    *CURATION_FIELDS,
}


def _check_url(entry: Entry, key: str) -> str | None:
    url = entry.text(key, required=False)
    if not url:
        return None
    from urllib.parse import urlsplit  # only a YAML load checks URLs, never a cached one

    try:
        parts = urlsplit(url)
        well_formed = parts.scheme in ("http", "https") and bool(parts.netloc)
        well_formed = well_formed and parts.hostname is not None  # hostname parses the netloc
    except ValueError:  # urlsplit refuses some hosts, such as an unbalanced "[" or "]"
        well_formed = False
    if not well_formed:
        entry.report(key, f"{key} {brief(url)} is not a well-formed http(s) address")
        return None
    return url


def read_source(
    checker: Checker, raw: LocatedDict, seen: dict[str, tuple[int, int]]
) -> Source | None:
    from pokrovsk_cli.data.provenance import host_of, is_mirror

    entry = Entry(checker, raw, "source", SOURCE_FIELDS)
    ident = check_id(entry, seen)
    publisher, title = entry.text("publisher"), entry.text("title")
    url, copy_url = _check_url(entry, "url"), _check_url(entry, "copy_url")
    if url and is_mirror(url):
        entry.report(
            "url",
            f"url is a copy at {brief(host_of(url))}, not the publisher's own page",
            "move it to 'copy_url'; give 'url' only where the publisher's page is known",
        )
    if publisher and "(via " in publisher:
        entry.report(
            "publisher",
            f"publisher {brief(publisher)} names where a copy was read",
            "name the original publisher; put the copy's address in 'copy_url'",
        )
    published = entry.date("published", required=False)
    note = entry.text("note", required=False)
    added, updated = entry.curation()
    if ident is None or publisher is None or title is None:
        return None
    return Source(
        ident, publisher, title, url, published, note, checker.label, copy_url, added, updated
    )


def read_actor(
    checker: Checker, raw: LocatedDict, seen: dict[str, tuple[int, int]]
) -> Actor | None:
    entry = Entry(checker, raw, "actor", ACTOR_FIELDS)
    ident = check_id(entry, seen)
    name = entry.text("name")
    other_names = entry.texts("other_names")
    side = kind = None
    for key, enum in (("side", Side), ("kind", ActorKind)):
        if raw.get(key) is None:
            choices = ", ".join(member.value for member in enum)
            entry.report(key, f"actor is missing required field {key!r}", f"one of: {choices}")
        elif key == "side":
            side = entry.choice(key, enum)
        else:
            kind = entry.choice(key, enum)
    note = entry.text("note", required=False)
    if ident is None or name is None or side is None or kind is None:
        return None
    return Actor(ident, name, other_names, side, kind, note, checker.label)


def read_place(
    checker: Checker, raw: LocatedDict, seen: dict[str, tuple[int, int]], sources: dict[str, Source]
) -> Place | None:
    entry = Entry(checker, raw, "place", PLACE_FIELDS)
    ident = check_id(entry, seen)
    name, kind, oblast = entry.text("name"), entry.text("kind"), entry.text("oblast")
    country = entry.text("country")
    other_names = entry.texts("other_names")
    located = "lat" in raw or "lon" in raw
    lat = entry.number("lat", -90, 90, required=located)
    lon = entry.number("lon", -180, 180, required=located)
    cited = entry.texts("sources", required=True)
    check_refs(entry, "sources", cited, sources)
    note = entry.text("note", required=False)
    added, updated = entry.curation()
    if not located and not note:
        entry.report(
            "id",
            "a place without 'lat' and 'lon' needs a 'note' saying why",
            "give coordinates from a verifiable source, or say they could not be verified",
        )
    values = (ident, name, kind, oblast, country)
    if any(value is None for value in values) or (located and (lat is None or lon is None)):
        return None
    return Place(
        ident,  # type: ignore[arg-type]
        name,  # type: ignore[arg-type]
        other_names,
        kind,  # type: ignore[arg-type]
        oblast,  # type: ignore[arg-type]
        country,  # type: ignore[arg-type]
        lat,
        lon,
        cited,
        note,
        checker.label,
        added,
        updated,
    )

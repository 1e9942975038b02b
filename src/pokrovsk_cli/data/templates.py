"""Templates a curator pastes into their own dataset file: commented, valid as printed."""

from __future__ import annotations

import json
import re
from collections.abc import Container
from datetime import date

from pokrovsk_cli.text import fold, json_safe

_NOT_ID = re.compile(r"[^a-z0-9]+")
ID_LIMIT = 60


def fresh_id(title: str, taken: Container[str]) -> str:
    """A kebab-case id from a title that no entry uses yet: 'Drone strike!' -> 'drone-strike'."""
    base = _NOT_ID.sub("-", fold(title)).strip("-")[:ID_LIMIT].strip("-") or "new-event"
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    return ident


def event_template(title: str, today: date, taken: Container[str]) -> str:
    """A new event (and the source it cites) as commented YAML for a user's own file."""
    ident = fresh_id(title, taken)
    day = today.isoformat()
    quoted = json_safe(json.dumps(title, ensure_ascii=False))  # also a YAML double-quoted string
    return f"""\
# A new event for your own dataset file; the bundled data is never edited.
# Save it (say as my-events.yaml), fill it in, then check and see it:
#   pokrovsk validate my-events.yaml
#   pokrovsk timeline --data my-events.yaml --on {day}
# Pasting into a file that already has 'sources:' and 'events:'? Add the entries under them.
schema_version: 1
sources:
  - id: {ident}-source  # unique across all files
    added: {day}        # the day it entered the data; when you edit it later, add updated:
    publisher: Publisher name
    title: Headline of the article
    url: https://example.org/article   # the publisher's own page; leave out when unknown
    # copy_url: https://...            # where you read a copy (a mirror, a syndication)
    published: {day}
events:
  - id: {ident}  # kebab-case, stable, unique across all files
    added: {day}  # the day it entered the data ('pokrovsk changes' lists it from then)
    # updated: {day}   # the day you last changed it, when you do
    # date: 2024, 2024-02 or 2024-02-17 as precise as really known; a trailing ~ means
    # approximate and ? uncertain; 2024-06/2024-08 is a span.
    date: {day}
    title: {quoted}
    summary: >-
      One to three sentences in your own words: what happened, and who says so.
    category: military       # history | military | civilian | economic | political
    tags: []
    # aliases: [other ways people name it, or ask about it]   # helps 'pokrovsk fact' find it
    places: [pokrovsk]       # place ids: see 'pokrovsk places'
    actors: []               # actor ids: see 'pokrovsk actors' (or add your own under actors:)
    status: reported         # reported | claimed | disputed | confirmed | assessed
    # claimed_by: [ru-mod]           # one side's actor ids: required when claimed or disputed
    # denied_by: [ua-general-staff]  # required when disputed
    # assessed_by: [isw]             # independent analysts or monitors: required when assessed
    sources: [{ident}-source]
    # note: Where sources disagree, say so here.
    # replaces: true                 # only to replace an entry with the same id in an earlier file
"""

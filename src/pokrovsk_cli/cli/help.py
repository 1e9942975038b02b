"""What each command does, with examples: the text of its --help, kept apart from the option
table so that table stays short."""

from __future__ import annotations

COMMAND_HELP = {
    "timeline": """\
List events in date order, filtered by date, place, tag or text.

Dates: 2024, 2024-02, 2024-02-17, "Feb 2024", "17 February 2024", or relative
to today: today, yesterday, "7 days ago", "last week", "last month", "this
year". Filters combine with AND; repeated --category/--tag/--place/--status
values combine with OR.

Examples:

  pokrovsk timeline --since 2024

  pokrovsk timeline --since "Oct 2025" --status disputed

  pokrovsk timeline --place Krasnoarmeysk --search evacuation

  pokrovsk timeline --since 2025 --format csv > events.csv

  pokrovsk timeline --output pokrovsk.ics

  pokrovsk timeline -f csv --columns date,id,title --excel -o events.csv""",
    "latest": """\
Show the newest events and how many days ago each was.

The N most recent events (default 10), newest first, under the date the data
was last checked. Every timeline filter applies. An event known only to the
month, or lasting days, was a range of days ago.

Examples:

  pokrovsk latest

  pokrovsk latest 5 --place Myrnohrad

  pokrovsk latest --status claimed --since "this year"

  pokrovsk latest 20 --format json | jq '.events[].days_since_end'""",
    "show": """\
Show one event in full: dates, places, status, summary, sources.

Examples:

  pokrovsk show avdiivka-falls

  pokrovsk show avdiivka-falls --format json""",
    "fact": """\
Answer a question from the curated facts and events, with sources.

Ask in plain words: any case, small typos, other place names (Krasnoarmeysk,
Slovyansk). Each answer says how often answers like it are right; below 93%
it is only a weak match, never the answer, and the exit code is 1. Questions
about now ("has Pokrovsk fallen") get the latest events; about a period ("in
November 2025", "last week") that period's events; distances, directions,
durations and days between events are computed and say how.

Examples:

  pokrovsk fact "prewar population"

  pokrovsk fact has pokrovsk fallen

  pokrovsk fact what happened in november 2025

  pokrovsk fact which direction is kramatorsk from pokrovsk

  pokrovsk fact --explain "when did avdiivka fall"

  pokrovsk fact "when did avdiivka fall" --format json

  pokrovsk fact --format csv > facts.csv""",
    "cite": """\
Cite events, facts and sources by id, or the dataset itself.

An event or fact is cited as a record of this dataset, followed by the sources
it rests on; a source read only as a copy is cited at the copy, and says so.
Formats: text (a formatted reference: --style apa, chicago, harvard or mla),
csl-json, bibtex, ris.

Examples:

  pokrovsk cite avdiivka-falls

  pokrovsk cite avdiivka-falls --style chicago

  pokrovsk cite --dataset

  pokrovsk cite avdiivka-falls prewar-population -f bibtex -o pokrovsk.bib

  pokrovsk cite reuters-2025-11-03 -f csl-json""",
    "changes": """\
Show what changed in the data: added, updated, corrected, retracted.

Entries added and updated, and the corrections log, newest first.

--since takes a DATE (2026-11, "last month": changes on or after its first
day) or a VERSION of the data (2026.12.1: changes after that release).

Examples:

  pokrovsk changes

  pokrovsk changes --since 2026.12.1

  pokrovsk changes --since "last month" -f csv

  pokrovsk changes -f json | jq -r '.changes[] | select(.change == "corrected") | .id'

  pokrovsk changes -o pokrovsk-changes.atom""",
    "places": """\
List places with other names, coordinates, distance and bearing.

Distances are straight lines from Pokrovsk between the places' coordinates
(haversine formula), not road distances; bearings are the compass direction
from Pokrovsk.

Examples:

  pokrovsk places

  pokrovsk places --format csv > places.csv

  pokrovsk places --output places.geojson""",
    "sources": """\
List every source with how many events, facts and places cite it.

Most cited first. A source's URL is the publisher's own page; where only a
copy was read (a mirror, a syndication), it is shown as "copy at HOST".

Examples:

  pokrovsk sources

  pokrovsk sources --copies-only

  pokrovsk sources --format json | jq '.sources[] | select(.events > 5) | .id'""",
    "actors": """\
List the actors events name: side, kind, and what they claim, deny or assess.

Sides: ukraine, russia, independent (analysts, monitors, media), other.
Most named first.

Examples:

  pokrovsk actors

  pokrovsk actors --format csv > actors.csv

  pokrovsk timeline --claimed-by gerasimov""",
    "about": """\
Show the dataset's version, how current it is and what it holds.

The curated-through date is the last day the curators checked the news:
nothing after it is in the data. Also: counts, events per month over the
last two years, and the files loaded.

Examples:

  pokrovsk about

  pokrovsk about --format json | jq .data_as_of""",
    "chart": """\
Chart events per month (or week, year), coloured by category, claims apart.

Takes the same filters as timeline. Solid marks are reported or confirmed
events, shaded marks one side's claims; piped or with NO_COLOR, letters
instead (M military, m a military claim).

Examples:

  pokrovsk chart --since 2024

  pokrovsk chart --by year

  pokrovsk chart --since 2025 --by week --category military""",
    "validate": """\
Check dataset files and print every problem as file:line:column: message.

Files are checked the way they are loaded: on top of the bundled data, so they
may cite its sources and places. Unused sources are warnings. Exit 0 when
there are no problems, 1 otherwise.

Examples:

  pokrovsk validate

  pokrovsk validate newsroom.yaml

  pokrovsk validate --no-bundled newsroom.yaml""",
    "schema": """\
Print the dataset file format as JSON Schema, for editors that check YAML as you type.

Examples:

  pokrovsk schema > pokrovsk.schema.json

  # VS Code (YAML extension): first line of your file
  # yaml-language-server: $schema=./pokrovsk.schema.json""",
    "new event": """\
Print a commented YAML template for a new event: today's date, a fresh id.

It never edits the bundled data: save it in your own file and load that with
--data or POKROVSK_DATA.

Examples:

  pokrovsk new event "Drone strike on the railway station" > my-events.yaml

  pokrovsk validate my-events.yaml""",
}

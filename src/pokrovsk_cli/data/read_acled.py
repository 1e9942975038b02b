"""Read an ACLED export (CSV) as a dataset document, so `--data acled.csv` layers like YAML.

The result has the shape `yaml_located.load_located` gives a YAML file: mappings and lists that
know their line (the row's first line; the header is line 1), so `layers.check_layers` checks
every entry and reports a problem at the CSV line where its row starts. The reader itself
refuses only what it cannot turn into an entry: a missing column, a row of the wrong width, a
date, precision code, coordinate or figure it cannot read. Everything else (text limits, control
characters, duplicate ids, the calendar) is the checker's, as for any other file.

Dates. ACLED stores one concrete day in `event_date` and says how far to trust it in
`time_precision`. ACLED's own R package, acledR, states the codes (vignettes/time.Rmd in
github.com/dtacled/acledR, after the ACLED Codebook): 1, the sources give the actual date;
2, the sources give only a week or a weekend, and the middle of it is coded; 3, the sources give
only a month, and its mid-point is coded (its first or last day when they say the beginning or
the end). So we store the honest span, never the made-up day:

- 1: that day, `2024-02-17`;
- 2: the seven days centred on the coded day, `2024-02-14/2024-02-20` for the 17th. Whichever
  week the sources meant (ACLED's own week runs Saturday to Friday) and whether it was a weekend,
  its middle day is the coded one, so these seven days hold all of it;
- 3: the calendar month of the coded day, `2024-02` (the first and the last day are in it too).

`event_date` is ISO (`2024-02-17`) or the older exports' `17 February 2024`.

Other columns: the id is `acled-` + event_id_cnty in lower case; the title is sub_event_type
"in" or "near" the location (geo_precision 1 or 2), or "in" the admin1 region (3: ACLED knew only
the region and coded its capital); the summary is ACLED's `notes`, cut to the summary limit with
an ellipsis; `fatalities` is ACLED's figure, a whole number; the note holds the outlets ACLED
coded from (`source`), actor1 and actor2; the category comes from event_type; the
tags are `acled` and the slugs of event_type and sub_event_type; the status is `reported`;
`added` is the day of `timestamp` (ACLED's upload, in UTC), else the event's coded day. Each
distinct (location, admin1-3, coordinates, geo_precision) is one place, its kind from
geo_precision; one source is cited by every event and place: `acled-` and the slug of the file's
name (`acled-ukraine-2024` for `ukraine-2024.csv`), so that exports layered together (one a year,
say) each have their own source and places, and no id is defined twice. An event in two
overlapping exports is the same event twice: its id (from ACLED's) is a duplicate, as it should be.

References: the ACLED Codebook (acledR links the January 2021 edition,
https://acleddata.com/acleddatanew//wp-content/uploads/2021/11/ACLED_Codebook_v1_January-2021.pdf);
acledR's vignettes/time.Rmd for the time precision codes; ACCORD's summary of the spatial
precision codes (https://www.ecoi.net/en/blog/new-extended-issues-of-accords-overviews-on-conflict-events-based-on-acled-data).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from pokrovsk_cli.data.dates import MONTH_NAMES
from pokrovsk_cli.data.entries import ID_PATTERN, SUMMARY_LIMIT, TEXT_LIMIT, TEXT_LIMITS
from pokrovsk_cli.data.files import SCHEMA_VERSION
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.data.read_bulk import (
    csv_rows,
    finished,
    located,
    located_list,
    unix_breaks,
    whole_rows,
)
from pokrovsk_cli.data.yaml_located import LocatedDict
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.text import brief, clip, inert, without_accents

# The columns this reader needs, all in ACLED's documented export (ACLED Codebook, "ACLED Data
# Columns at a Glance"), and those it uses when an export has them.
ACLED_REQUIRED: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
)
OPTIONAL: tuple[str, ...] = ("actor2", "admin2", "admin3", "geo_precision", "timestamp")
CODEBOOK = "ACLED Codebook, https://acleddata.com"
SOURCE_ID = "acled"
PUBLISHER = "ACLED (Armed Conflict Location & Event Data)"
SITE = "https://acleddata.com/"
ATTRIBUTION = (
    "Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Events read from an ACLED"
    " export; ACLED's terms of use and attribution policy apply to them."
)
# ACLED's six event types (Codebook, "Event Types and Sub-Event Types") -> our categories.
CATEGORIES = {
    "battles": "military",
    "explosions/remote violence": "military",
    "strategic developments": "military",
    "violence against civilians": "civilian",
    "protests": "political",
    "riots": "political",
}
# geo_precision, as ACCORD summarises the Codebook's spatial precision codes: 1 the town or its
# near area, 2 only the wider area (coded at, say, the district capital), 3 only the province
# (coded at its capital).
PLACE_KINDS = {"1": "settlement", "2": "near settlement", "3": "region-level"}
NOTE_LIMIT = TEXT_LIMITS["note"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WRITTEN_DAY = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})")
_TIMESTAMP = re.compile(r"\d{1,11}")
_FATALITIES = re.compile(r"\d{1,9}")
_DECIMAL = re.compile(r"[-+]?(?:\d{1,20}(?:\.\d{0,20})?|\.\d{1,20})")

# Ukrainian letters (and the Russian ones it lacks) in Latin, after Ukraine's national
# transliteration (KMU 2010, as on road signs), for readable place ids: Покровськ -> pokrovsk.
# "_" marks a letter written as nothing (the soft sign, apostrophes).
_LATIN = (
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia y e e _ _ _ _"
)
_CYRILLIC = dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэёъ'’ʼ", _LATIN.split(), strict=True))
_CYRILLIC_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LIMIT = 60


def _column_names(fields: Sequence[str]) -> list[str]:
    """Header names as this reader compares them: trimmed, lower case, no byte-order mark."""
    return [field.strip().lstrip("\ufeff").strip().lower() for field in fields]


def is_acled_header(fields: Sequence[str]) -> bool:
    """True when a CSV header is an ACLED export's (it names event_id_cnty and event_date)."""
    names = set(_column_names(fields))
    return "event_id_cnty" in names and "event_date" in names


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; Cyrillic transliterated, accents dropped."""
    lowered = text.lower()
    if not lowered.isascii():
        letters = []
        for index, char in enumerate(lowered):
            # Word-initial forms (Ясинувата -> yasynuvata); an apostrophe is inside the word.
            initial = index == 0 or not (
                lowered[index - 1].isalpha() or lowered[index - 1] in "'’ʼ"
            )
            if initial and char in _CYRILLIC_INITIAL:
                letters.append(_CYRILLIC_INITIAL[char])
            else:
                found = _CYRILLIC.get(char)
                letters.append(char if found is None else found.strip("_"))
        lowered = without_accents("".join(letters)).lower()
    words = _NOT_SLUG.sub("-", lowered.replace("'", "")).strip("-")
    if len(words) > SLUG_LIMIT:
        words = words[:SLUG_LIMIT].rsplit("-", 1)[0] or words[:SLUG_LIMIT]
    return words


class _Refused(Exception):
    """A value this reader cannot use; the loop adds the file and the row's line."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# Dates, types and upload days repeat across rows: each is worked out once.
@functools.lru_cache(maxsize=8192)
def _date(text: str, code: str) -> tuple[str, str]:
    """(the EDTF span an event's date stands for, its coded day) (module docstring, "Dates")."""
    day = _coded_day(text)
    if code == "1":
        return day.isoformat(), day.isoformat()
    if code == "2":
        try:
            first, last = day - timedelta(days=3), day + timedelta(days=3)
        except OverflowError:
            raise _Refused(f"event_date {day} has no week around it in the calendar") from None
        return f"{first.isoformat()}/{last.isoformat()}", day.isoformat()
    if code == "3":
        return day.isoformat()[:7], day.isoformat()
    raise _Refused(
        f"time_precision {brief(code)} is not one of ACLED's codes",
        f"1 (the day), 2 (a week or weekend) or 3 (a month): see the {CODEBOOK}",
    )


def _coded_day(text: str) -> date:
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
        written = _WRITTEN_DAY.fullmatch(text)
        if written and written[2].lower() in MONTH_NAMES:
            return date(int(written[3]), MONTH_NAMES[written[2].lower()], int(written[1]))
    except ValueError as exc:
        raise _Refused(f"event_date {brief(text)} is not a real calendar date ({exc})") from None
    raise _Refused(
        f"event_date {brief(text)} is not a date",
        "ACLED writes 2024-02-17 (or 17 February 2024 in older exports)",
    )


_EPOCH = date(1970, 1, 1).toordinal()


@functools.lru_cache(maxsize=8192)
def _upload_day(days: int) -> str:
    """The ISO day `days` days after 1 January 1970."""
    return date.fromordinal(_EPOCH + days).isoformat()


def _added(text: str, coded: str) -> str:
    """The day ACLED uploaded the row (timestamp, Unix seconds, UTC), else its coded day."""
    if not text:
        return coded
    if not _TIMESTAMP.fullmatch(text):  # at most 11 digits: before the year 5140
        raise _Refused(f"timestamp {brief(text)} is not a Unix time in seconds")
    return _upload_day(int(text) // 86400)


def _decimal(column: str, text: str) -> float:
    if not _DECIMAL.fullmatch(text):  # float() would take "1_0", "nan" and "inf" too
        raise _Refused(f"{column} {brief(text)} is not a decimal number")
    return float(text)


@functools.lru_cache(maxsize=1024)
def _kind(event_type: str, sub_event_type: str) -> tuple[str, tuple[str, ...]]:
    """An event type's category, and the event's tags."""
    category = CATEGORIES.get(event_type.lower())
    if category is None:
        raise _Refused(
            f"event_type {brief(event_type)} is not one of ACLED's event types",
            "Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots,"
            f" Strategic developments ({CODEBOOK})",
        )
    tags = [SOURCE_ID, *(slug(text) for text in (event_type, sub_event_type))]
    return category, tuple(dict.fromkeys(tag for tag in tags if tag))


def _event_id(raw: str) -> str:
    ident = raw.lower()
    if not ID_PATTERN.fullmatch(ident):
        raise _Refused(
            f"event_id_cnty {brief(raw)} cannot be made a kebab-case id",
            "ACLED ids are a country code and a number, like UKR12345",
        )
    return f"{SOURCE_ID}-{ident}"


def _title(values: dict[str, str], precision: str) -> str:
    what = values["sub_event_type"] or values["event_type"]
    location, region = values["location"], values["admin1"]
    if precision == "3" and region:
        where = f" in {region} region"
    elif location:
        where = f" {'near' if precision == '2' else 'in'} {location}"
    else:
        where = ""
    return clip(what + where, TEXT_LIMIT)


def _note(values: dict[str, str]) -> str:
    parts = [f"Sources (ACLED): {values['source']}."] if values["source"] else []
    actors = "; ".join(name for name in (values["actor1"], values.get("actor2")) if name)
    if actors:
        parts.append(f"Actors (ACLED): {actors}.")
    return clip(" ".join(parts), NOTE_LIMIT)


def _fatalities(text: str) -> int:
    if not _FATALITIES.fullmatch(text):
        raise _Refused(f"fatalities {brief(text)} is not a whole number")
    return int(text)  # "03" -> 3


def source_id(name: str) -> str:
    """The id of the source an export's entries cite: `acled-` and the slug of the file's name
    (`ACLED_ukraine-2024.csv` -> `acled-ukraine-2024`), so that two exports layered together
    each cite their own and neither clashes with the other's."""
    stem = os.path.splitext(os.path.basename(name))[0]
    words = slug(stem).removeprefix(SOURCE_ID).strip("-")
    return f"{SOURCE_ID}-{words or 'export'}"


def _place_id(source: str, location: str, key: tuple[Any, ...]) -> str:
    # A short, stable suffix: the same place gets the same id in every read of an export. Its
    # source's id is in it, so two exports naming one place do not define the same id twice.
    digest = hashlib.blake2s(repr((source, key)).encode("utf-8"), digest_size=4).hexdigest()
    return f"{SOURCE_ID}-{slug(location) or 'place'}-{digest}"


def _header(name: str, fields: list[str]) -> list[tuple[str, int]]:
    """The columns this reader uses that the header has, with where each is in a row."""
    columns = _column_names(fields)
    index: dict[str, int] = {}
    for position, column in enumerate(columns):
        if column in index:
            raise DataError(name, f"the header names column {brief(column)} twice", 1)
        index[column] = position
    missing = [column for column in ACLED_REQUIRED if column not in index]
    if missing:
        raise DataError(
            name,
            f"not an ACLED export this reader can use: missing column(s) {', '.join(missing)}",
            1,
            hint=f"export with ACLED's standard columns ({CODEBOOK})",
        )
    return [(column, index[column]) for column in (*ACLED_REQUIRED, *OPTIONAL) if column in index]


class _Export:
    """The entries read from one export so far."""

    def __init__(self, source: str) -> None:
        self.source = source  # the id of the source every entry cites
        self.places: list[LocatedDict] = []
        self.place_ids: dict[tuple[Any, ...], str] = {}
        self.events: list[LocatedDict] = []
        self.newest = ""  # the latest upload day

    def add(self, values: dict[str, str], line: int) -> None:
        """One row's event (and its place, the first time it is named); _Refused if unusable."""
        where = (line, 1)
        span, coded = _date(values["event_date"], values["time_precision"])
        added = _added(values.get("timestamp", ""), coded)
        if added > self.newest:
            self.newest = added
        fatalities = _fatalities(values["fatalities"])
        precision = values.get("geo_precision", "")
        if precision and precision not in PLACE_KINDS:
            raise _Refused(
                f"geo_precision {brief(precision)} is not one of ACLED's codes",
                f"1 (the place), 2 (near it) or 3 (its region): see the {CODEBOOK}",
            )
        lat = _decimal("latitude", values["latitude"])
        lon = _decimal("longitude", values["longitude"])
        location = values["location"]
        key = (
            location,
            values["admin1"],
            values.get("admin2", ""),
            values.get("admin3", ""),
            lat,
            lon,
            precision,
        )
        place_id = self.place_ids.get(key)
        if place_id is None:
            place_id = self.place_ids[key] = _place_id(self.source, location, key)
            place = {
                "id": place_id,
                "name": location,
                "kind": PLACE_KINDS.get(precision, "location"),
                "oblast": values["admin1"],
                "country": values["country"],
                "lat": lat,
                "lon": lon,
                "sources": located_list([self.source], where),
                "added": added,
            }
            self.places.append(located(place, where))
        category, tags = _kind(values["event_type"], values["sub_event_type"])
        title = _title(values, precision)
        event = {
            "id": _event_id(values["event_id_cnty"]),
            "date": span,
            "title": title,
            "summary": clip(values["notes"] or title, SUMMARY_LIMIT),
            "category": category,
            "tags": located_list(list(tags), where),
            "places": located_list([place_id], where),
            "status": "reported",
            "sources": located_list([self.source], where),
            "fatalities": fatalities,
            "added": added,
        }
        note = _note(values)
        if note:
            event["note"] = note
        self.events.append(located(event, where))


def acled_document(name: str, text: str) -> LocatedDict:
    """An ACLED export's text as a dataset document (module docstring); DataError if unusable."""
    rows = csv_rows(name, text)  # past a byte order mark
    first = next(rows, None)
    if first is None or not any(field.strip() for field in first[1]):
        raise DataError(name, "the file is empty: an ACLED export starts with its header", 1)
    used = _header(name, first[1])
    width = len(first[1])
    export = _Export(source_id(name))
    problems: list[DataError] = []  # each bad row, as for the tool's own CSV (read_bulk)
    with no_cyclic_gc():  # 100,000 generated rows: 4.6-5.6 s collecting, 2.3-3.0 s not
        for line, fields in whole_rows(name, rows, width, problems):
            values = {column: unix_breaks(fields[at].strip()) for column, at in used}
            try:
                export.add(values, line)
            except _Refused as refused:
                problems.append(DataError(name, refused.message, line, hint=refused.hint))
    top = (1, 1)
    source: dict[str, Any] = {
        "id": export.source,
        "publisher": PUBLISHER,
        "title": clip(f"ACLED event export {inert(os.path.basename(name))}", TEXT_LIMIT),
        "url": SITE,
        "note": ATTRIBUTION,
    }
    if export.newest:
        source["added"] = export.newest  # the newest upload in the export
    document = {
        "schema_version": SCHEMA_VERSION,
        "sources": located_list([located(source, top)], top),
        "places": located_list(export.places, top),
        "events": located_list(export.events, top),
    }
    return finished(located(document, top), problems)

"""Read a CSV or JSON Lines file of events, in the tool's own export columns, as a dataset document.

A bulk layer is what `pokrovsk timeline -f csv` or `-f jsonl` writes (output/columns.py,
EVENT_COLUMNS): one event a row. The result has the shape `yaml_located.load_located` gives a
YAML file, `{"schema_version": 1, "events": [...]}`, of mappings and lists that know their line
(CSV: the line where the row starts, the header being line 1; JSON Lines: the line), so
`layers.check_layers` checks every entry and reports each problem as `file:line: message`. The
sources, places and actors the events cite come from an earlier layer (the bundled data, a YAML
file): a bulk file holds events only.

Columns map back to the fields read_events.py reads: `quote` and `quote_by` make `quote: {text,
by}`; a list column (tags, places, ...) is split at `;` in CSV and is an array in JSON Lines; an
empty cell (or null) is no value. `date` is what counts; the derived columns (date_start,
date_end, precision, approximate, uncertain) are checked against it when they are not empty.
`dataset` and `corrections` are output only, accepted and ignored: the layer's own label is the
events' dataset, as for YAML, and corrections are entries of their own. `replaces` (true or
false), not an export column, may be given to replace an earlier layer's event. The columns
are the writers' own contract (event_columns.py), so what the tool writes it reads.

The reader itself refuses only what it cannot turn into entries, as one DataError: an unknown,
doubled or missing column (on the header line), a row of the wrong width, a line that is not a
JSON object, a value of the wrong type, derived columns that disagree with `date`. Everything
else (required fields, references, text limits, control characters) is the checker's.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from typing import Any

from pokrovsk_cli.data.dates import DateParseError, parse_data_date
from pokrovsk_cli.data.entries import type_name
from pokrovsk_cli.data.event_columns import EVENT_COLUMNS, LIST_SEPARATOR
from pokrovsk_cli.data.files import SCHEMA_VERSION
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.data.yaml_located import LocatedDict, LocatedList
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.text import brief

# Every column a bulk file may have: the export's, and `replaces` (input only).
COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "replaces")
# What read_events requires of every event: a CSV header must name these.
REQUIRED: tuple[str, ...] = ("id", "date", "title", "summary", "category", "status", "sources")
LIST_COLUMNS = frozenset(
    {"tags", "places", "actors", "claimed_by", "denied_by", "sources", "assessed_by", "aliases"}
)
BOOLEAN_COLUMNS = frozenset({"approximate", "uncertain", "replaces"})
COUNT_COLUMNS = frozenset({"fatalities"})  # whole numbers
DERIVED = ("date_start", "date_end", "precision", "approximate", "uncertain")
IGNORED = frozenset({"dataset", "corrections"})
_DERIVED_HINT = "leave the derived columns empty, or write what 'date' means: 'date' is what counts"

_WIDTH_HINT = "a field holding a comma, a quote or a line break must be in double quotes"
# Where a value is in a bulk file: its line, no column (a row is one entry).
Where = tuple[int, Any]


def located(values: dict[str, Any], where: Where) -> LocatedDict:
    """A mapping that starts, with each of its values, at `where`."""
    result = LocatedDict(values)
    result.line, result.column = where
    result.positions = dict.fromkeys(values, where)
    return result


def located_list(items: list[Any], where: Where) -> LocatedList:
    """A list whose items all start at `where`."""
    result = LocatedList(items)
    result.line, result.column = where
    result.positions = [where] * len(items)
    return result


def text_lines(text: str) -> Iterator[str]:
    """The lines of a file's text, each with its line end, past a byte order mark (Excel writes
    one, and so does --excel).

    One at a time, as slices: a 2 GiB file is not copied whole again, as io.StringIO would (it
    took 92 MB more for a 46 MB CSV). Lines end at LF or CRLF; a file with only CRs (classic Mac
    OS) is split at those.
    """
    start = 1 if text.startswith("\ufeff") else 0
    end_of_line = "\n" if "\n" in text or "\r" not in text else "\r"
    find, size = text.find, len(text)
    while start < size:
        end = find(end_of_line, start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def csv_rows(name: str, text: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, its fields) for every row of CSV text, the header first."""
    reader = csv.reader(text_lines(text), strict=True)
    ended = 0  # the last line of the row before
    while True:
        start = ended + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(name, f"not readable as CSV: {exc}", start) from None
        ended = reader.line_num
        yield start, fields


def whole_rows(
    name: str, rows: Iterator[tuple[int, list[str]]], width: int, problems: list[DataError]
) -> Iterator[tuple[int, list[str]]]:
    """The rows with as many fields as the header; any other row but a blank line is a problem
    added to `problems`, and the rows after it are still read."""
    for line, fields in rows:
        if not fields:  # a blank line
            continue
        if len(fields) != width:
            said = f"this row has {len(fields)} fields, the header {width}"
            problems.append(DataError(name, said, line, hint=_WIDTH_HINT))
            continue
        yield line, fields


def unix_breaks(cell: str) -> str:
    """A line break written on Windows (CRLF, or a lone CR) is a line break: LF."""
    return cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell


def first_csv_row(text: str) -> list[str]:
    """The first row of CSV text (its header), or [] when it has none or cannot be read."""
    try:
        return next(csv.reader(text_lines(text)), [])
    except csv.Error:
        return []


def _unknown(column: str, what: str = "column") -> _Refused:
    import difflib  # only a misspelt column needs it

    close = difflib.get_close_matches(column, COLUMNS, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"the columns are: {', '.join(COLUMNS)}"
    return _Refused(f"unknown {what} {brief(column)}", hint)


def _header(name: str, fields: list[str]) -> list[str]:
    """The header's column names, checked: each known, none twice, every required one there."""
    columns = [field.strip() for field in fields]
    seen: set[str] = set()
    for column in columns:
        if column not in COLUMNS:
            unknown = _unknown(column)
            raise DataError(name, unknown.message, 1, hint=unknown.hint)
        if column in seen:
            raise DataError(name, f"the header names column {brief(column)} twice", 1)
        seen.add(column)
    missing = [column for column in REQUIRED if column not in seen]
    if missing:
        raise DataError(
            name,
            f"missing required column(s): {', '.join(missing)}",
            1,
            hint="a CSV layer has the columns of 'pokrovsk timeline -f csv'; every event needs"
            f" {', '.join(REQUIRED)}",
        )
    return columns


@functools.lru_cache(maxsize=8192)
def _derived(date: str, start: str, end: str, precision: str, approx: str, uncertain: str) -> str:
    """Why the derived date columns disagree with `date`, or "" when they agree (or date is bad:
    the checker reports that)."""
    try:
        span = parse_data_date(date)
    except DateParseError:
        return ""
    means = {
        "date_start": span.first.isoformat(),
        "date_end": span.last.isoformat(),
        "precision": span.precision.value,
        "approximate": "true" if span.approximate else "false",
        "uncertain": "true" if span.uncertain else "false",
    }
    for column, given in zip(DERIVED, (start, end, precision, approx, uncertain), strict=True):
        if given and given != means[column]:
            return (
                f"{column} {brief(given)} does not agree with date {brief(date)},"
                f" which means {column} {means[column]}"
            )
    return ""


def _count(column: str, text: str) -> int:
    """A whole number written in digits (read_events checks its range)."""
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text)
    raise _Refused(f"{column} {brief(text)} is not a whole number", "write digits, e.g. 3")


def _boolean(column: str, text: str) -> bool:
    if text == "true":
        return True
    if text == "false":
        return False
    raise _Refused(f"{column} {brief(text)} is not true or false", "write true, false or nothing")


class _Refused(Exception):
    """A value this reader cannot use; the loop adds the file and the line."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _event(values: dict[str, Any], where: Where, derived: tuple[str, ...]) -> LocatedDict:
    """One row's event mapping, from its values (lists and booleans already typed).

    `derived` holds the derived date columns as text ("" where empty), checked against `date`.
    """
    date = values.get("date")
    if isinstance(date, str) and any(derived):
        problem = _derived(date, *derived)
        if problem:
            raise _Refused(problem, _DERIVED_HINT)
    text, by = values.pop("quote", None), values.pop("quote_by", None)
    if (text is None) != (by is None):
        have, lack = ("quote", "quote_by") if by is None else ("quote_by", "quote")
        raise _Refused(f"{have} is given without {lack}", "a quote needs both its text and who")
    if text is not None:
        values["quote"] = located({"text": text, "by": by}, where)
    return located(values, where)


def _kind(column: str) -> str:
    if column in IGNORED:
        return "ignored"
    if column in DERIVED:
        return "derived"
    if column in LIST_COLUMNS:
        return "list"
    if column in COUNT_COLUMNS:
        return "count"
    return "bool" if column in BOOLEAN_COLUMNS else "text"


# Each column's kind: how a cell or a JSON value of it is read.
_KINDS = {column: _kind(column) for column in COLUMNS}
_EXPECTED = {
    "text": "text",
    "list": "a list of text",
    "bool": "true or false",
    "count": "a whole number",
    "derived": "text",  # approximate and uncertain: "true or false" (_DERIVED_TYPES)
}
_DERIVED_TYPES: dict[str, type] = {"approximate": bool, "uncertain": bool}


def _document(events: list[LocatedDict]) -> LocatedDict:
    top: Where = (1, None)
    listed = located_list(events, top)
    listed.positions = [(event.line, event.column) for event in events]  # where each row starts
    return located({"schema_version": SCHEMA_VERSION, "events": listed}, top)


def bulk_csv_document(name: str, text: str) -> LocatedDict:
    """CSV text in the export's columns as a dataset document (module docstring)."""
    rows = csv_rows(name, text)
    first = next(rows, None)
    if first is None or not any(field.strip() for field in first[1]):
        raise DataError(
            name,
            "the file is empty: a CSV layer starts with its header row",
            1,
            hint="the columns of 'pokrovsk timeline -f csv'",
        )
    columns = _header(name, first[1])
    width = len(columns)
    # Where each kind of column is in a row (ignored columns are left out).
    texts = [(i, c) for i, c in enumerate(columns) if _KINDS[c] == "text"]
    lists = [(i, c) for i, c in enumerate(columns) if _KINDS[c] == "list"]
    flags = [(i, c) for i, c in enumerate(columns) if _KINDS[c] == "bool"]
    counts = [(i, c) for i, c in enumerate(columns) if _KINDS[c] == "count"]
    derived_at = [columns.index(c) if c in columns else None for c in DERIVED]
    events: list[LocatedDict] = []
    problems: list[DataError] = []
    with no_cyclic_gc():  # 100,000 rows: the collector would walk every mapping made so far
        for line, fields in whole_rows(name, rows, width, problems):
            where: Where = (line, None)
            values: dict[str, Any] = {c: unix_breaks(fields[i]) for i, c in texts if fields[i]}
            for i, column in lists:
                if fields[i]:
                    values[column] = located_list(fields[i].split(LIST_SEPARATOR), where)
            try:
                for i, column in flags:
                    if fields[i]:
                        values[column] = _boolean(column, fields[i])
                for i, column in counts:
                    if fields[i]:
                        values[column] = _count(column, fields[i])
                derived = tuple("" if at is None else fields[at] for at in derived_at)
                for column, cell in zip(DERIVED[3:], derived[3:], strict=True):
                    if cell:
                        _boolean(column, cell)
                events.append(_event(values, where, derived))
            except _Refused as refused:
                problems.append(DataError(name, refused.message, line, hint=refused.hint))
        return finished(_document(events), problems)  # positions: tuples too


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"the key {brief(key)} appears twice")
            seen.add(key)
    return found


def _wrong_type(column: str, kind: str, value: Any) -> _Refused:
    expected = "true or false" if column in _DERIVED_TYPES else _EXPECTED[kind]
    return _Refused(
        f"{column!r} must be {expected}, not {type_name(value)}",
        "the values of 'pokrovsk timeline -f jsonl': text, arrays of text, true/false, whole"
        " numbers, or null",
    )


def _json_values(record: dict[str, Any], where: Where) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A JSON Lines record's values as the event's (lists located), and its derived columns as
    text ("" where empty)."""
    values: dict[str, Any] = {}
    derived: dict[str, str] = {}
    for column, value in record.items():
        kind = _KINDS.get(column)
        if kind is None:
            raise _unknown(column, "key")
        if value is None or kind == "ignored":
            continue
        kind_of_value = type(value)
        if kind == "text":
            if kind_of_value is not str:
                raise _wrong_type(column, kind, value)
            if value:
                values[column] = value
        elif kind == "list":
            if kind_of_value is not list or (value and set(map(type, value)) != {str}):
                raise _wrong_type(column, kind, value)
            if value:
                values[column] = located_list(value, where)
        elif kind == "bool":
            if kind_of_value is not bool:
                raise _wrong_type(column, kind, value)
            values[column] = value
        elif kind == "count":
            if kind_of_value is not int:
                raise _wrong_type(column, kind, value)
            values[column] = value
        else:  # derived: checked against the date
            if kind_of_value is not _DERIVED_TYPES.get(column, str):
                raise _wrong_type(column, kind, value)
            derived[column] = value if kind_of_value is str else ("true" if value else "false")
    return values, tuple(derived.get(column, "") for column in DERIVED)


def _json_event(name: str, line: str, number: int, decode: Any) -> LocatedDict:
    """One JSON Lines record as an event mapping; a DataError at its line if it is not one."""
    where: Where = (number, None)
    try:
        record = decode(line)
    except json.JSONDecodeError as exc:
        raise DataError(
            name,
            f"not valid JSON: {exc.msg}",
            number,
            exc.colno,
            hint="each line of a JSON Lines file is one JSON object",
        ) from None
    except RecursionError:
        raise DataError(name, "not valid JSON: nested too deeply", number) from None
    except _Refused as refused:
        raise DataError(name, refused.message, number, hint=refused.hint) from None
    if not isinstance(record, dict):
        raise DataError(
            name, f"each line must be a JSON object (one event), not {type_name(record)}", number
        )
    try:
        if "\\ud" in line or "\\uD" in line:
            _refuse_surrogates(record)
        values, derived = _json_values(record, where)
        return _event(values, where, derived)
    except _Refused as refused:
        raise DataError(name, refused.message, number, hint=refused.hint) from None


class RowProblems(DataError):
    """Rows a bulk reader could not turn into events: the first says what is wrong, `problems`
    holds them all (so `validate` lists every one) and `document` the rows that could."""

    def __init__(self, problems: list[DataError], document: LocatedDict) -> None:
        first = problems[0]
        more = len(problems) - 1
        hint = first.hint
        if more:
            import shlex  # only this hint needs it

            command = f"pokrovsk validate {shlex.quote(first.path)}"
            also = f"{more} more bad row(s); '{command}' lists them all"
            hint = f"{hint} ({also})" if hint else also
        super().__init__(first.path, first.problem, first.line, first.column, hint)
        self.problems, self.document = problems, document


def finished(document: LocatedDict, problems: list[DataError]) -> LocatedDict:
    """The document, or RowProblems with it if any row was refused."""
    if problems:
        raise RowProblems(problems, document)
    return document


def bulk_jsonl_document(name: str, text: str) -> LocatedDict:
    """JSON Lines text, one export record a line, as a dataset document (module docstring)."""
    lines = text_lines(text)
    events: list[LocatedDict] = []
    decode = json.JSONDecoder(object_pairs_hook=_no_duplicate_keys).decode
    problems: list[DataError] = []
    with no_cyclic_gc():
        for number, ended in enumerate(lines, start=1):
            line = ended.rstrip("\r\n")  # so that an error's column is on this line
            if not line.strip():
                continue
            try:
                events.append(_json_event(name, line, number, decode))
            except DataError as problem:
                problems.append(problem)
        return finished(_document(events), problems)


def _refuse_surrogates(record: dict[str, Any]) -> None:
    """A lone surrogate (`"\\ud800"`) is valid JSON but no character: UTF-8 cannot hold it."""
    for value in record.values():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise _Refused(
                        "holds a lone surrogate escape (\\ud800-\\udfff), which is no character"
                    ) from None


def bulk_document(name: str, text: str, *, jsonl: bool) -> LocatedDict:
    """A bulk layer's text as a dataset document: JSON Lines if `jsonl`, else CSV."""
    return bulk_jsonl_document(name, text) if jsonl else bulk_csv_document(name, text)

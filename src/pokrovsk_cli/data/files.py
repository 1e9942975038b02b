"""Find the dataset files and read them safely: bounded bytes, UTF-8 text, YAML with positions.

Everything here touches the file system or the YAML parser; the checks after it see only parsed
documents. A YAML problem is a DataError naming the file, and where the parser says it is.
`read_document` picks the reader by the file's name: YAML, or a bulk layer of events (CSV, JSON
Lines, an ACLED export), which gives the same kind of document.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.errors import DataError
from pokrovsk_cli.text import inert

if TYPE_CHECKING:
    from pathlib import Path

    # A file is a str or a Path: the bundled data's is a str, so that a lookup on it never
    # imports pathlib (3 ms); the files users give arrive as Paths.
    Where = str | os.PathLike[str]

SCHEMA_VERSION = 1  # the `schema_version` a dataset file declares
# The machine outputs' contract (README "Machine output"): 2 added the fact answers' confidence,
# match, how and events, the `closest` weak matches and the answer kinds events, current and
# computed; 3 added the curation dates (added, updated) of events, facts, places and sources, the
# corrections that name an event or fact, and the `latest` and `changes` documents; 4 added the
# events' `aliases` (the last event column), so an export loads back as a layer with nothing
# lost; 5 added the events' `fatalities` (a whole number or null, after `aliases`). Nothing was
# ever removed or renamed.
OUTPUT_SCHEMA_VERSION = 5
# A dataset file larger than this is refused before it is read: 100,000 events take about
# 50 MB, so this leaves room for real data and none for a memory attack.
MAX_FILE_BYTES = 128 * 1024 * 1024
# Bulk event files (CSV, JSON Lines: an ACLED export runs to hundreds of thousands of rows) are
# read by the csv and json modules, not by YAML, and may be larger: up to this.
MAX_BULK_BYTES = 2 * 1024 * 1024 * 1024
CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
BUNDLED = "bundled"  # the `dataset` label of the bundled data
DATA_ENV = "POKROVSK_DATA"


def bundled_file() -> str:
    """Where the dataset shipped with the package lives (inside the wheel, or the source tree)."""
    here = os.path.dirname(__file__)  # the wheel puts the file beside this package's modules
    packaged = os.path.join(here, "events.yaml")
    if os.path.isfile(packaged):
        return packaged
    # Editable installs and source checkouts: the file stays at the top level of the project.
    project = os.path.realpath(__file__)  # src/pokrovsk_cli/data/<this file>: four levels up
    for _ in range(4):
        project = os.path.dirname(project)
    return os.path.join(project, "data", "events.yaml")


def bundled_data_path() -> Path:
    """bundled_file() as a Path."""
    from pathlib import Path

    return Path(bundled_file())


YAML_SUFFIXES = (".yaml", ".yml")


def _sniffed_kind(raw: bytes) -> str:
    """ "jsonl" when the first line is a JSON object, "csv" when it is a header of the export's
    columns or of ACLED's, else "yaml" (a YAML dataset's first line is a key, a comment or
    `---`, never one of these)."""
    first = raw[:65536].split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf").strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        return "jsonl"
    if b"," not in first:
        return "yaml"
    from pokrovsk_cli.data.event_columns import EVENT_COLUMNS
    from pokrovsk_cli.data.read_acled import is_acled_header

    fields = [field.strip().strip('"') for field in first.decode("utf-8", "replace").split(",")]
    known = set(EVENT_COLUMNS) | {"replaces"}
    return "csv" if "id" in fields and set(fields) <= known or is_acled_header(fields) else "yaml"


def _suffix_kind(name: str) -> str:
    """How a file is read, by the end of its name: "csv", "jsonl" or "yaml"."""
    lowered = name.lower()
    if lowered.endswith(CSV_SUFFIXES):
        return "csv"
    if lowered.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "yaml"


def size_limit(name: str) -> int:
    """The most bytes a dataset file of this name may hold (bulk files may hold more)."""
    return MAX_FILE_BYTES if _suffix_kind(name) == "yaml" else MAX_BULK_BYTES


def _too_big(name: str, size: int | None) -> DataError:
    """A file over the limit; size None: a stream, read only as far as the limit."""
    limit = f"the {size_limit(name) // 2**20} MB limit"
    said = f"is {size / 2**20:.0f} MB, over {limit}" if size else f"is larger than {limit}"
    return DataError(name, said, hint="split it into several files and pass each with --data")


def read_bytes(path: Where) -> bytes:
    """A dataset file's bytes, read once and never more than the size limit.

    Once: a pipe (`--data <(cat f)`, /dev/stdin) can be read only once, and a file that changes
    between two reads must not be parsed as one version and cached as another. Bounded: a
    device such as /dev/zero reports no size, so the limit holds on what is read.
    """
    name = os.fspath(path)
    limit = size_limit(name)
    try:
        size = os.stat(path).st_size
        if os.path.isfile(path) and size > limit:
            raise _too_big(name, size)  # refused before reading a byte
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise DataError(
            name, "no such file", hint="check the path given to --data or POKROVSK_DATA"
        ) from None
    except IsADirectoryError:
        raise DataError(name, "is a directory, not a dataset file") from None
    except PermissionError:
        raise DataError(name, "permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        raise DataError(name, f"cannot be read ({exc.strerror})") from None
    if len(raw) > limit:
        raise _too_big(name, None)  # a device or pipe: its size is not known
    return raw


def read_yaml(path: Where, raw: bytes | None = None) -> Any:
    """Read one YAML document safely (from `raw` when its bytes are already read); every
    failure becomes a DataError naming the file."""
    import yaml

    name = os.fspath(path)
    if raw is None:
        raw = read_bytes(path)
    text = _decode(name, raw)
    _refuse_control_characters(name, text)
    from pokrovsk_cli.data.yaml_located import YamlProblem, load_located

    try:
        with no_cyclic_gc():
            return load_located(text)
    except YamlProblem as exc:
        raise DataError(name, str(exc), exc.line, exc.column) from None
    except RecursionError:  # PyYAML's constructors recurse (the walker does not)
        raise DataError(name, "not valid YAML: nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise DataError(name, f"not valid YAML: {problem}") from None
        raise DataError(
            name, f"not valid YAML: {problem}", mark.line + 1, mark.column + 1
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(name, f"not valid YAML: {exc}") from None


def read_document(path: Where, raw: bytes | None = None) -> Any:
    """Read one dataset file as a document, by the end of its name: `.csv` an ACLED export (by
    its header) or the tool's own CSV, `.jsonl`/`.ndjson` JSON Lines in the same columns
    (read_bulk.py), anything else YAML (read_yaml). Every failure is a DataError naming the file."""
    name = os.fspath(path)
    kind = _suffix_kind(name)
    if kind == "yaml" and not name.lower().endswith(YAML_SUFFIXES):
        # A name that says nothing (`--data <(...)`, /dev/stdin): the first line tells.
        if raw is None:
            raw = read_bytes(path)
        kind = _sniffed_kind(raw)
    if kind == "yaml":
        return read_yaml(path, raw)
    if raw is None:
        raw = read_bytes(path)
    text = _decode(name, raw)
    _refuse_control_characters(name, text, "a dataset file may not hold")
    from pokrovsk_cli.data.read_bulk import bulk_csv_document, bulk_jsonl_document, first_csv_row

    if kind == "jsonl":
        return bulk_jsonl_document(name, text)
    from pokrovsk_cli.data.read_acled import acled_document, is_acled_header

    if is_acled_header(first_csv_row(text)):
        return acled_document(name, text)
    return bulk_csv_document(name, text)


def _decode(name: str, raw: bytes) -> str:
    """A file's bytes as text; not UTF-8 is a DataError at the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(name, "is not UTF-8 text", line=line, hint="save it as UTF-8") from None


# Characters YAML does not allow in a stream: C0 controls but tab, LF and CR; DEL; C1 but NEL.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _refuse_control_characters(name: str, text: str, rule: str = "YAML does not allow") -> None:
    """Name the line and column of a character YAML refuses (libyaml gives only an offset);
    bulk files (CSV, JSON Lines) refuse the same ones, by the same rule as YAML files."""
    found = _NOT_YAML.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    raise DataError(
        name,
        f"holds a control character ({inert(found.group())}), which {rule}",
        line,
        column,
        hint="remove it; a dataset file is plain UTF-8 text",
    )


def data_paths_from_env() -> list[Path]:
    """The files listed in POKROVSK_DATA (separated like PATH), in order."""
    value = os.environ.get(DATA_ENV, "")
    if not value.strip():
        return []
    from pathlib import Path

    return [Path(part) for part in value.split(os.pathsep) if part.strip()]

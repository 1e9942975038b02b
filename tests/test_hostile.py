"""Hostile and broken input: each gets one clear error at a bounded cost, and text from data is
shown inert in every output a person reads. Property-based round trips and a short fuzz run."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pokrovsk_cli.cli.app import app
from pokrovsk_cli.data.files import MAX_FILE_BYTES, read_yaml
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.errors import DataError

from .conftest import SMALL, SMALL_IN_ORDER, bundled_raw, drain, serve, with_hostile_text

# The bundled events as the file lists them, read without our loader.
BUNDLED_EVENTS = bundled_raw()["events"]


@pytest.fixture(autouse=True)
def _a_cache_per_case(tmp_path_factory, monkeypatch):
    # Each case, and every child process it starts, caches in a folder of its own: one case's
    # entry (a forged one, a FIFO) can never reach another.
    monkeypatch.setenv("POKROVSK_CACHE_DIR", str(tmp_path_factory.mktemp("case-cache")))


# --- files that attack the loader ----------------------------------------------------------

LIMITS = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1024 * 2**20, 1024 * 2**20))  # 1 GB of memory at most
from pokrovsk_cli.cli.app import main
sys.argv = ["pokrovsk", "timeline", "--no-bundled", "--data", sys.argv[1]]
main()
"""


def run_bounded(path, seconds=20):
    """Run pokrovsk on a file in a child process with 1 GB of memory and a time limit."""
    return subprocess.run(
        [sys.executable, "-c", LIMITS, str(path)],
        capture_output=True,
        text=True,
        timeout=seconds,
    )


BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
events:
  - id: x
    tags: [*i]
"""


@pytest.mark.parametrize(
    ("name", "content", "lines"),
    [
        (
            "bomb.yaml",
            BOMB,
            [":2:8: anchors and aliases (&name, *name) are not allowed in dataset files"],
        ),
        (
            "deep-flow.yaml",
            "[" * 100_000 + "]" * 100_000,
            [":1:1001: not valid YAML: exceeded maximum nesting depth"],
        ),
        (
            "deep-block.yaml",
            "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000)),
            [":1000:1001: not valid YAML: exceeded maximum nesting depth"],
        ),
        (
            "python-apply.yaml",
            "x: !!python/object/apply:os.system ['touch {marker}']\n",
            [
                ":1:4: explicit tag '!!python/object/apply:os.system' is not allowed in dataset"
                " files: write the value plainly"
            ],
        ),
        (
            "junk.yaml",
            "\x00\x01\x02 binary \x1b\x7f junk",
            [
                ":1:1: holds a control character (\\x00), which YAML does not allow",
                "hint: remove it; a dataset file is plain UTF-8 text",
            ],
        ),
        (
            "empty.yaml",
            "",
            [": the top level must be a mapping with sources, places, events and facts, not empty"],
        ),
    ],
)
def test_attacks_get_one_clear_error_in_bounded_time_and_memory(tmp_path, name, content, lines):
    marker = tmp_path / "executed"
    path = tmp_path / name
    path.write_text(content.format(marker=marker) if "{marker}" in content else content)
    result = run_bounded(path)
    assert result.returncode == 1, result.stderr
    error, *hint = lines
    assert result.stderr.splitlines() == [f"pokrovsk: error: {path}{error}", *hint]
    assert not marker.exists()  # nothing was executed


def test_a_200_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: no 200 MB written to disk
        handle.truncate(200 * 2**20)
    result = run_bounded(path, seconds=10)
    assert result.returncode == 1
    assert MAX_FILE_BYTES == 128 * 2**20
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {path}: is 200 MB, over the 128 MB limit",
        "hint: split it into several files and pass each with --data",
    ]


def test_binary_junk_that_is_not_utf8(tmp_path):
    path = tmp_path / "junk.bin"
    path.write_bytes(random.Random(7).randbytes(4096))
    with pytest.raises(DataError, match="is not UTF-8 text"):
        read_yaml(path)


def test_a_directory_given_as_data(runner, tmp_path):
    result = runner.invoke(app, ["timeline", "--data", str(tmp_path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {tmp_path}: is a directory, not a dataset file"
    ]


# --- hostile text, inert everywhere a person reads it ---------------------------------------

CSI = "\x1b[31;1mRED\x1b[0m"
OSC8 = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07"
OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # would write to the clipboard
BIDI = "abc\u202edcba\u202c"
LONG = "W" * 300  # one unbreakable word, wider than any terminal
HOSTILE = f"[bold red]markup[/] {CSI} {OSC8} {OSC52} {BIDI} {LONG}"
RAW = ("\x1b", "\x07", "\u202e")
# HOSTILE as a person must see it: the markup literal, every escape spelled out.
INERT_CSI = r"\x1b[31;1mRED\x1b[0m"
INERT_OSC52 = r"\x1b]52;c;cm0gLXJmIH4=\x07"
INERT = (
    r"[bold red]markup[/] \x1b[31;1mRED\x1b[0m \x1b]8;;https://evil.example\x07click\x1b]8;;\x07"
    r" \x1b]52;c;cm0gLXJmIH4=\x07 abc\u202edcba\u202c " + LONG
)


@pytest.fixture
def hostile_dataset(small):
    """small.yaml with hostile text in titles, summaries, names and questions, built in-process:
    the loader refuses such text in files, so this tests what each writer does with it anyway."""
    from dataclasses import replace

    base = with_hostile_text(small, HOSTILE)
    myrnohrad = replace(small.places["myrnohrad"], name="Myrnohrad " + CSI)
    facts = tuple(
        replace(f, question="prewar population " + OSC52) if f.id == "prewar-population" else f
        for f in small.facts
    )
    return replace(base, places={**base.places, "myrnohrad": myrnohrad}, facts=facts)


@pytest.fixture
def hostile_data(monkeypatch, hostile_dataset):
    serve(monkeypatch, hostile_dataset)


def test_a_file_with_hostile_text_is_refused_at_load(tmp_path):
    text = SMALL.read_text(encoding="utf-8")
    cases = {
        "title: A day in February 2024": f"title: {json.dumps('A ' + CSI)}",
        "name: Myrnohrad": f"name: {json.dumps('Myrnohrad ' + OSC8)}",
        "question: What was the prewar population?": f"question: {json.dumps('q ' + OSC52)}",
        "summary: Only the month is known.": f"summary: {json.dumps('x ' + BIDI)}",
        "url: https://example.org/a": 'url: "https://example.org/a\\r\\nX-Injected: 1"',
        "publisher: Example Wire": 'publisher: "Example\\tWire"',
    }
    for old, new in cases.items():
        assert text.count(old) == 1, old
        path = tmp_path / "case.yaml"
        path.write_text(text.replace(old, new), encoding="utf-8")
        with pytest.raises(DataError, match="holds a control or bidi-override character") as info:
            load_dataset([path], bundled=False)
        line = text.replace(old, new)[: text.replace(old, new).index(new)].count("\n") + 1
        assert f"case.yaml:{line}:" in info.value.message, (old, info.value.message)
        for raw in RAW:
            assert raw not in info.value.message


def test_tabs_and_newlines_are_allowed_only_in_multiline_fields(tmp_path):
    text = SMALL.read_text(encoding="utf-8").replace(
        "summary: Only the month is known.", 'summary: "Line one\\n\\tLine two"'
    )
    path = tmp_path / "multi.yaml"
    path.write_text(text, encoding="utf-8")
    event = next(e for e in load_dataset([path], bundled=False).events if e.id == "month-event")
    assert event.summary == "Line one\n\tLine two"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["timeline"], f"17 Feb 2024   day-event       {INERT} military  Myrnohrad {INERT_CSI}"),
        (
            ["timeline", "-f", "markdown"],  # Markdown escapes [ and ] on top
            r"| \[bold red\]markup\[/\] \x1b\[31;1mRED\x1b\[0m \x1b\]8;;https://evil.example"
            r"\x07click\x1b\]8;;\x07 \x1b\]52;c;cm0gLXJmIH4=\x07 abc\u202edcba\u202c "
            + LONG
            + " |",
        ),
        (["timeline", "-f", "html"], f"<h3>{INERT}</h3>"),
        (
            ["timeline", "-f", "ics"],  # RFC 5545 escapes \ and ; on top
            r"SUMMARY:[bold red]markup[/] \\x1b[31\;1mRED\\x1b[0m \\x1b]8\;\;https://evil.example"
            r"\\x07click\\x1b]8\;\;\\x07 \\x1b]52\;c\;cm0gLXJmIH4=\\x07 abc\\u202edcba\\u202c "
            + LONG
            + "\n",
        ),
        (["show", "day-event"], f"{INERT}\nid        day-event\n"),
        (
            ["fact", "prewar population"],
            f"prewar population {INERT_OSC52}  (fact prewar-population · score ",
        ),
        (["fact"], f"prewar-population prewar population {INERT_OSC52} 60,000 people Jan 2022"),
        (["places"], f"myrnohrad Myrnohrad {INERT_CSI} Dymytrov, Dimitrov"),
        (["actors"], f"ministry      Ministry {INERT} "),
        (["chart", "--by", "year"], "2023 | H 1\n2024 | MM 2\n2025 | mEp 3\n"),  # counts, no text
    ],
)
def test_human_outputs_show_escapes_inert(runner, hostile_data, args, shown):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for raw in RAW:
        assert raw not in result.stdout, (args, raw)
    out = result.stdout.replace("\n ", "") if "ics" in args else result.stdout  # unfolded
    assert shown in out, out


def test_markup_stays_literal_and_escapes_visible(runner, hostile_data):
    out = runner.invoke(app, ["show", "day-event"]).stdout
    assert "[bold red]markup[/]" in out
    assert "\\x1b[31;1mRED" in out and "\\x1b]52;c;" in out and "\\u202e" in out


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_the_table_keeps_its_layout(hostile_dataset, width):
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing
    from pokrovsk_cli.output.terminal.events import write_event_table

    dataset = hostile_dataset
    stream = io.StringIO()
    options = OutputOptions(terminal=True, width=width, color=False)
    write_event_table(Listing("events", dataset.events, dataset), stream, options)
    lines = stream.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    for raw in RAW:
        assert raw not in stream.getvalue()
    # The whole title is there, inert, however the column wraps it.
    title = cell_of(stream.getvalue(), "Event", "17 Feb 2024")
    assert title.replace(" ", "").startswith(INERT.replace(" ", "")), title


def cell_of(table: str, column: str, first: str) -> str:
    """The text of one cell of a drawn table, its wrapped lines joined with spaces: the
    `column` cell of the row whose first line starts with `first`."""
    header, *lines = [line for line in table.splitlines() if not line.startswith("─")]
    start = header.index(column)
    end = start + len(column) + re.search(r"\S", header[start + len(column) :]).start()
    at = next(n for n, line in enumerate(lines) if line.startswith(first))
    row = [lines[at]]
    for line in lines[at + 1 :]:
        if line[: header.index("Event")].strip():  # the next row's date
            break
        row.append(line)
    return " ".join(part for line in row if (part := line[start:end].strip()))


def test_machine_formats_keep_the_data_exactly(runner, hostile_data):
    result = runner.invoke(app, ["timeline", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout  # JSON writes ESC as \u001b
    events = {event["id"]: event for event in json.loads(result.stdout)["events"]}
    assert (events["day-event"]["title"], events["day-event"]["summary"]) == (HOSTILE, HOSTILE)


# --- property-based round trips ------------------------------------------------------------

# Text a data file may hold: no surrogates, controls, line separators, or the bidi marks,
# embeddings and isolates the loader refuses (text.first_unsafe).
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029" + _BIDI
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())


@st.composite
def events(draw):
    year = draw(st.integers(1900, 2030))
    month = draw(st.integers(1, 12))
    form = draw(st.sampled_from(["year", "month", "day", "span"]))
    date = {
        "year": f"{year}",
        "month": f"{year}-{month:02d}",
        "day": f"{year}-{month:02d}-{draw(st.integers(1, 28)):02d}",
        "span": f"{year}-{month:02d}/{year + 1}",
    }[form] + draw(st.sampled_from(["", "~", "?"]) if form != "span" else st.just(""))
    status = draw(st.sampled_from(["reported", "claimed", "disputed", "confirmed", "assessed"]))
    event = {
        "id": f"e-{draw(st.integers(0, 10**9))}",
        "date": date,
        "title": draw(_text),
        "summary": draw(_text),
        "category": draw(st.sampled_from(["history", "military", "civilian"])),
        "tags": draw(st.lists(_text, max_size=3)),
        "places": draw(st.lists(st.sampled_from(["pokrovsk", "myrnohrad"]), unique=True)),
        "status": status,
        "sources": ["src-a"],
    }
    # Actors are ids from small.yaml's registry: one side claims, the other denies.
    if status in ("claimed", "disputed"):
        event["claimed_by"] = ["ministry"]
    if status == "disputed":
        event["denied_by"] = ["general-staff"]
    if status == "assessed":
        event["assessed_by"] = ["monitor"]
    return event


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), min_size=1, max_size=5, unique_by=lambda e: e["id"]))
def test_load_export_load_round_trips(tmp_path_factory, generated):
    from pokrovsk_cli.output.files.dataset_yaml import write_yaml
    from pokrovsk_cli.output.formats import OutputOptions
    from pokrovsk_cli.output.records import Listing

    folder = tmp_path_factory.mktemp("round")
    base = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    (folder / "first.yaml").write_text(
        yaml.safe_dump({**base, "events": generated, "facts": []}), encoding="utf-8"
    )
    first = load_dataset([folder / "first.yaml"], bundled=False)
    stream = io.StringIO()
    write_yaml(Listing("events", first.events, first), stream, OutputOptions())
    (folder / "again.yaml").write_text(stream.getvalue(), encoding="utf-8")
    again = load_dataset([folder / "again.yaml"], bundled=False)
    assert [replace(e, dataset="") for e in again.events] == [
        replace(e, dataset="") for e in first.events
    ]
    # Each field as this test wrote it, so a field lost on both trips cannot pass unseen.
    by_id = {event.id: event for event in again.events}
    assert sorted(by_id) == sorted(written["id"] for written in generated)
    for written in generated:
        event = by_id[written["id"]]
        assert event.date.text == written["date"]
        assert (event.title, event.summary) == (written["title"], written["summary"])
        assert (event.category.value, event.status.value) == (
            written["category"],
            written["status"],
        )
        assert list(event.tags) == written["tags"]
        assert list(event.places) == written["places"]
        assert list(event.sources) == written["sources"]
        assert list(event.claimed_by) == written.get("claimed_by", [])
        assert list(event.denied_by) == written.get("denied_by", [])
        assert list(event.assessed_by) == written.get("assessed_by", [])
        assert (event.actors, event.quote, event.note) == ((), None, None)


# --- a short fuzzing run of the loader ------------------------------------------------------

SEED = SMALL.read_bytes()


@settings(max_examples=300, deadline=2000)  # bounded: 300 inputs, 2 s each at most
@given(
    st.lists(
        st.tuples(st.integers(0, len(SEED)), st.integers(0, 8), st.binary(max_size=8)),
        min_size=1,
        max_size=6,
    )
)
def test_fuzzed_files_load_or_fail_cleanly(tmp_path_factory, edits):
    data = bytearray(SEED)
    for at, cut, insert in edits:
        data[at : at + cut] = insert
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(bytes(data))
    try:
        load_dataset([path], bundled=False)
    except DataError as error:
        assert re.match(rf"{re.escape(str(path))}(:\d+(:\d+)?)?: ", error.message)


# --- machine formats: exact data, but nothing that acts on a terminal ------------------------

C1_AND_BIDI = "x\u009b31m y\u202eevil\u202c z\x7f"


@pytest.fixture
def c1_data(monkeypatch, small):
    serve(monkeypatch, with_hostile_text(small, C1_AND_BIDI))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "geojson", "timelinejs"])
def test_json_formats_escape_c1_and_bidi_and_keep_the_data(runner, c1_data, fmt):
    result = runner.invoke(app, ["timeline", "-f", fmt])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for raw in ("\u009b", "\u202e", "\u202c", "\x7f"):
        assert raw not in out, (fmt, raw)
    if fmt == "timelinejs":
        # The title sits in HTML text there, shown as visible escapes.
        slides = {slide["unique_id"]: slide["text"] for slide in json.loads(out)["events"]}
        assert slides["day-event"]["headline"] == r"x\x9b31m y\u202eevil\u202c z\x7f"
        return
    assert "\\u009b" in out and "\\u202e" in out
    if fmt == "jsonl":
        titles = {row["id"]: row["title"] for row in map(json.loads, out.splitlines())}
    elif fmt == "geojson":
        features = json.loads(out)["features"]
        titles = {f["id"]: f["properties"].get("title") for f in features}
    elif fmt == "json":
        titles = {event["id"]: event["title"] for event in json.loads(out)["events"]}
    assert titles["day-event"] == C1_AND_BIDI  # the same data to a parser


def test_yaml_export_escapes_bidi_and_keeps_the_data(runner, c1_data):
    out = runner.invoke(app, ["timeline", "-f", "yaml"]).stdout
    for raw in ("\u009b", "\u202e", "\x7f"):
        assert raw not in out, raw
    document = yaml.safe_load(out)
    (day,) = [event for event in document["events"] if event["id"] == "day-event"]
    assert (day["title"], day["summary"]) == (C1_AND_BIDI, C1_AND_BIDI)
    names = {place["id"]: place["name"] for place in document["places"]}
    assert names["myrnohrad"] == f"Myrnohrad {C1_AND_BIDI}"


# A child that serves small.yaml with hostile text (as the in-process tests do) and runs argv.
SCREEN_PROBE = """
import sys
sys.path.insert(0, {tests!r})
from pokrovsk_cli.cli import commands
from pokrovsk_cli.data.load import load_dataset
from conftest import with_hostile_text
hostile = with_hostile_text(load_dataset([{small!r}], bundled=False), {text!r})
commands.load = lambda data, no_bundled: hostile
from pokrovsk_cli.cli.app import app
sys.argv = ["pokrovsk", *sys.argv[1:]]
try:
    app(prog_name="pokrovsk")
except SystemExit:
    pass
"""


def on_a_terminal(probe: str, argv: list[str], **variables: str) -> bytes:
    """What a child run shows when its stdout is a pseudo-terminal."""
    import os
    import pty

    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "POKROVSK_NO_CACHE": "1"}
    env.update(variables)
    leader, follower = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(follower)
    shown = drain(leader)
    assert process.returncode == 0, process.stderr
    return shown


@pytest.mark.parametrize(
    ("fmt", "title"),
    [  # the title, shown as visible escapes (each format quotes them its own way)
        ("csv", r",a \x1b]52;c;cm0=\x07 b \x1b]0;title\x07 c \u202e,"),
        ("tsv", "\t" + r"a \x1b]52;c;cm0=\x07 b \x1b]0;title\x07 c \u202e" + "\t"),
        ("ics", r"SUMMARY:a \\x1b]52\;c\;cm0=\\x07 b \\x1b]0\;title\\x07 c \\u202e" + "\r"),
        ("markdown", r"| a \x1b\]52;c;cm0=\x07 b \x1b\]0;title\x07 c \u202e |"),
        ("html", r"<h3>a \x1b]52;c;cm0=\x07 b \x1b]0;title\x07 c \u202e</h3>"),
    ],
)
def test_any_format_shown_on_a_terminal_is_inert(fmt, title):
    text = "a \x1b]52;c;cm0=\x07 b \x1b]0;title\x07 c \u202e"
    probe = SCREEN_PROBE.format(tests=str(Path(__file__).parent), small=str(SMALL), text=text)
    shown = on_a_terminal(probe, ["timeline", "-f", fmt])
    assert b"\x1b" not in shown and b"\x07" not in shown, fmt
    assert "\u202e".encode() not in shown, fmt
    assert title.encode() in shown, shown


def test_csv_to_a_pipe_keeps_the_bytes(runner, c1_data):
    out = runner.invoke(app, ["timeline", "-f", "csv"]).stdout_bytes.decode("utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out, newline=""))}
    # not a terminal: the data, exactly
    assert (rows["day-event"]["title"], rows["day-event"]["summary"]) == (C1_AND_BIDI,) * 2


@pytest.mark.parametrize(
    ("args", "said"),
    [  # still said, as visible escapes
        (
            ["timeline", "--data", "/nonexistent/evil\x1b]0;owned\x07.yaml"],
            r"pokrovsk: error: /nonexistent/evil\x1b]0;owned\x07.yaml: no such file",
        ),
        (
            ["timeline", "--place", "Kyiv\x1b[2J\u202e"],
            r"pokrovsk: error: --place: no place called 'Kyiv\x1b[2J\u202e'",
        ),
        (
            ["timeline", "--claimed-by", "nobody\x1b]52;c;eA==\x07"],
            r"pokrovsk: error: --claimed-by: no actor called 'nobody\x1b]52;c;eA==\x07'",
        ),
        (["show", "no-such\x1b[31m-id"], r"pokrovsk: error: no event with id 'no-such\x1b[31m-id'"),
        (
            ["timeline", "--since", "2024\x1b[2J"],
            r"pokrovsk: error: Invalid value for '--since': '2024\x1b[2J' is not a date;"
            " accepted forms: 2024, 2024-02, 2024-02-17, 'Feb 2024', '17 February 2024',"
            " 'today', 'yesterday', '7 days ago', 'last week', 'last month', 'this year'",
        ),
        (  # validate reports problems on stdout
            ["validate", "/nonexistent/evil\x1b]0;owned\x07.yaml"],
            r"/nonexistent/evil\x1b]0;owned\x07.yaml: no such file",
        ),
    ],
)
def test_messages_quoting_user_text_are_inert(runner, args, said):
    result = runner.invoke(app, args)
    assert result.exit_code in (1, 2)
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream, args
    shown = result.stdout if args[0] == "validate" else result.stderr
    assert shown.splitlines()[0] == said


# --- every failure is one clear line, never "internal error" ---------------------------------


def run_cli(*args: str, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=None, **kwargs):
    """pokrovsk through its console-script entry point in a child process."""
    import os

    code = "import sys; from pokrovsk_cli.cli.entry import main; sys.argv[0] = 'pokrovsk'; main()"
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        stdout=stdout,
        stderr=stderr,
        env=environment,
        timeout=60,
        check=False,
        **kwargs,
    )


def test_a_full_disk_on_stdout_is_one_line():
    with open("/dev/full", "w") as full:
        for fast in ({}, {"POKROVSK_NO_FASTPATH": "1"}):
            result = run_cli("timeline", "-f", "csv", stdout=full, env=fast)
            assert result.returncode == 1
            assert result.stderr.decode().splitlines() == [
                "pokrovsk: error: cannot write standard output (No space left on device)",
                "hint: check where the output goes",
            ]


def test_a_closed_stdout_is_one_line_and_a_closed_stderr_keeps_the_exit_code():
    import os

    closed = run_cli("timeline", "-f", "csv", stdout=subprocess.DEVNULL, close_fds=True)
    assert closed.returncode == 0  # an open /dev/null is fine
    code = "import os, sys; os.close(1); from pokrovsk_cli.cli.entry import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "timeline", "-f", "csv"],
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        "pokrovsk: error: cannot write standard output (Bad file descriptor)",
        "hint: check where the output goes",
    ]
    quiet = "import os, sys; os.close(2); from pokrovsk_cli.cli.entry import main; main()"
    for args, expected in ((["timeline", "--since", "2099"], 1), (["timeline", "-f", "csv"], 0)):
        child = subprocess.run(
            [sys.executable, "-c", quiet, *args],
            stdout=subprocess.PIPE,
            timeout=60,
            check=False,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert child.returncode == expected, args
        assert b"error" not in child.stdout and b"Traceback" not in child.stdout
        if expected == 1:
            assert child.stdout == b""  # the error had nowhere to go; nothing else was said
        else:  # the bundled events, every one
            ids = [row["id"] for row in csv.DictReader(io.StringIO(child.stdout.decode()))]
            assert sorted(ids) == sorted(event["id"] for event in BUNDLED_EVENTS)


def test_a_write_error_in_an_output_file_leaves_nothing(runner, tmp_path, monkeypatch):
    import errno

    from pokrovsk_cli.output.files import text_formats as export

    target = tmp_path / "events.csv"
    target.write_text("the old file\n", encoding="utf-8")

    def full_disk(listing, stream, options):
        stream.write("id,date\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "write_csv", full_disk)
    result = runner.invoke(app, ["timeline", "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: cannot write {str(target)!r} (No space left on device)",
        "hint: check that the disk has room; nothing was written, an existing file is unchanged",
    ]
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]  # no temporary file left


def test_an_output_folder_that_cannot_hold_a_file(runner):
    result = runner.invoke(app, ["timeline", "-f", "csv", "-o", "/proc/pokrovsk.csv"])
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    # The reason in brackets is the system's own (it differs for root and other users).
    assert re.fullmatch(r"pokrovsk: error: --output: cannot create a file in '/proc' \(.+\)", error)
    assert hint == "hint: check that the folder is writable and the disk has room"


@pytest.mark.parametrize("epoch", ["abc", "1e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_usage_error(runner, epoch):
    result = runner.invoke(app, ["timeline", "-f", "ics"], env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: SOURCE_DATE_EPOCH is {epoch!r}, not a number of seconds since 1970",
        "hint: unset it, or give a whole number such as 1700000000",
    ]


@pytest.mark.parametrize("day", ["9999-12-31", "9999", "0000-01-01"])
def test_dates_at_the_calendars_edge_are_refused_at_load(tmp_path, day):
    text = SMALL.read_text(encoding="utf-8").replace("date: 2025-01\n", f'date: "{day}"\n')
    path = tmp_path / "edge.yaml"
    path.write_text(text, encoding="utf-8")
    said = (  # line 53: month-event's date
        f"edge.yaml:53:11: bad date in 'date': '{day}' is outside the years 1-9998 that data"
        " may hold"
    )
    with pytest.raises(DataError, match=re.escape(said)):
        load_dataset([path], bundled=False)


@pytest.mark.parametrize(
    ("value", "read"), [(".nan", "nan"), (".inf", "inf"), ("-.inf", "-inf"), ("1.0e+400", "inf")]
)
def test_non_finite_fact_values_are_refused(tmp_path, value, read):
    text = SMALL.read_text(encoding="utf-8").replace("value: 60000", f"value: {value}")
    path = tmp_path / "nan.yaml"
    path.write_text(text, encoding="utf-8")
    said = f"nan.yaml:94:12: 'value' {read} is not a finite number up to 1e15"  # the fact's value
    with pytest.raises(DataError, match=re.escape(said)):
        load_dataset([path], bundled=False)


# --- files that are not what they seem -------------------------------------------------------


def test_data_from_a_pipe_or_stdin_is_read_once():
    text = SMALL.read_bytes()
    for args in (["--data", "/dev/stdin"],):
        result = run_cli("timeline", "--no-bundled", *args, "-f", "csv", input=text)
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode().count("\r\n") == 7  # the header and small.yaml's 6 events
        rows = csv.DictReader(io.StringIO(result.stdout.decode(), newline=""))
        assert [row["id"] for row in rows] == SMALL_IN_ORDER
    bash = f"{sys.executable} -c 'from pokrovsk_cli.cli.entry import main; main()' "
    bash += f"timeline --no-bundled --data <(cat {SMALL}) -f csv | wc -l"
    shell = subprocess.run(["bash", "-c", bash], capture_output=True, text=True, timeout=60)
    assert shell.stdout.strip() == "7", shell.stderr


def test_dev_zero_is_refused_at_the_size_limit():
    code = LIMITS.replace('"timeline", "--no-bundled"', '"timeline", "--no-bundled"')
    result = subprocess.run(
        [sys.executable, "-c", code, "/dev/zero"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1, result.stderr
    # A device has no size to report: only that it went past the limit (128 MB).
    assert MAX_FILE_BYTES == 128 * 2**20
    error, hint = result.stderr.splitlines()
    assert error == "pokrovsk: error: /dev/zero: is larger than the 128 MB limit"
    assert hint == "hint: split it into several files and pass each with --data"


def _cache_entry_for(tmp_path, small_copy):
    """Load small.yaml once into a cache folder of its own; return the folder and the store."""
    import os

    cache = tmp_path / "cache"
    env = {**os.environ, "POKROVSK_CACHE_DIR": str(cache)}
    first = run_cli("timeline", "--no-bundled", "--data", str(small_copy), "-f", "csv", env=env)
    assert first.returncode == 0, first.stderr
    (entry,) = cache.glob("*.sqlite")
    return cache, entry, env


def forge(entry, change) -> None:
    """Rewrite a store's rows with `change(row)` and matching checksums, as anyone who can
    write the folder could."""
    import json as jsonlib
    import sqlite3

    from pokrovsk_cli.data import store

    connection = sqlite3.connect(entry)
    for table, key, column, total in (
        ("entries", "rowid", "row", "sum"),
        ("event_data", "n", "row", "row_sum"),
    ):
        for ident, text in connection.execute(f"SELECT {key}, {column} FROM {table}").fetchall():
            value = jsonlib.loads(text)
            change(value)
            forged = jsonlib.dumps(value, ensure_ascii=False)
            connection.execute(
                f"UPDATE {table} SET {column} = ?, {total} = ? WHERE {key} = ?",
                (forged, store._sum(forged), ident),
            )
    connection.commit()
    connection.close()


def _retitle(row) -> None:
    if row[0] == "e":
        row[3] = "FORGED TITLE"


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero", "writable-by-others", "link"])
def test_an_odd_cache_entry_is_never_trusted(tmp_path, kind):
    import os

    data = tmp_path / "small.yaml"
    data.write_bytes(SMALL.read_bytes())
    cache, entry, env = _cache_entry_for(tmp_path, data)
    if kind == "fifo":
        entry.unlink()
        os.mkfifo(entry)
    elif kind == "symlink-to-dev-zero":
        entry.unlink()
        entry.symlink_to("/dev/zero")
    elif kind == "writable-by-others":
        forge(entry, _retitle)
        entry.chmod(0o666)
    else:
        real = tmp_path / "elsewhere.sqlite"
        real.write_bytes(entry.read_bytes())
        forge(real, _retitle)
        entry.unlink()
        entry.symlink_to(real)
    result = subprocess.run(
        [sys.executable, "-c", LIMITS, str(data)],
        capture_output=True,
        text=True,
        timeout=20,
        env=env,
    )
    assert result.returncode == 0, result.stderr  # the YAML is read again instead
    assert "FORGED TITLE" not in result.stdout
    # small.yaml's own rows, titles and all (spaces between columns squeezed to one)
    assert [" ".join(line.split()) for line in result.stdout.splitlines()] == [
        "Date ID Event Category Places Status Sources",
        "2023 year-event Something during 2023 history Pokrovsk reported Example Wire",
        "17 Feb 2024 day-event A day in February 2024 military Myrnohrad ✓ confirmed Example Wire",
        "mid-2024 mid-year Summer offensive military Pokrovsk reported Example Wire",
        "Jan 2025 month-event Mine work stops economic Pokrovsk reported Example Wire +1",
        "20 Nov 2025 ≈ approx-event Roughly late November political ⚑ claimed; claimed by Ministry"
        " Ministry Bulletin",
        "1 Dec 2025 claimed-capture Capture claimed military Pokrovsk ⚠ disputed; claimed by"
        " Ministry Ministry Bulletin",
    ]


def test_a_forged_cache_entry_cannot_put_a_script_link_in_html(tmp_path):
    import os

    data = tmp_path / "small.yaml"
    data.write_bytes(SMALL.read_bytes())
    cache, entry, env = _cache_entry_for(tmp_path, data)

    def script_link(row) -> None:
        if row[0] == "s":
            row[4] = "javascript:alert(1)"

    forge(entry, script_link)  # a forger can compute the checksum too
    os.chmod(entry, 0o600)
    result = run_cli("timeline", "--no-bundled", "--data", str(data), "-f", "html", env=env)
    assert result.returncode == 0, result.stderr
    assert b"javascript:" not in result.stdout
    page = result.stdout.decode()
    # The links of small.yaml's two sources, as the file gives them.
    link_a = '<a href="https://example.org/a" rel="noopener noreferrer">Example Wire — Town falls,'
    link_b = '<a href="https://example.org/b" rel="noopener noreferrer">Ministry Bulletin — Claims'
    assert page.count(link_a) == 4 and page.count(link_b) == 3  # one per citing event


def test_the_cache_folder_is_private(tmp_path):
    import os
    import stat

    data = tmp_path / "small.yaml"
    data.write_bytes(SMALL.read_bytes())
    cache, entry, _ = _cache_entry_for(tmp_path, data)
    assert stat.S_IMODE(os.stat(cache).st_mode) & 0o077 == 0
    assert stat.S_IMODE(os.stat(entry).st_mode) & 0o077 == 0


# --- output files: never over what is not a file of ours -------------------------------------


def test_force_never_replaces_a_device_or_a_fifo(runner, tmp_path):
    import os
    import stat

    # Nodes of the test's own, never the machine's: if this ever failed, it must not break
    # /dev/null (as root, a rename over it would).
    targets = [tmp_path / "pipe"]
    os.mkfifo(targets[0])
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append(tmp_path / "null")
    except PermissionError:
        pass  # not root: the FIFO still stands for every node that is not a regular file
    for target in targets:
        result = runner.invoke(app, ["timeline", "-f", "csv", "-o", str(target), "--force"])
        assert result.exit_code == 2, target
        assert result.stderr.splitlines()[0] == (
            f"pokrovsk: error: --output: {str(target)!r} is not a regular file"
        )
        assert not stat.S_ISREG(os.stat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(t.name for t in targets)


def test_force_never_replaces_an_input_of_the_run(runner, tmp_path):
    import os

    data = tmp_path / "mine.yaml"
    data.write_bytes(SMALL.read_bytes())
    before = data.read_bytes()
    cases = [
        (["--no-bundled", "--data", str(data)], {}),
        (["--no-bundled"], {"POKROVSK_DATA": str(data)}),
        (["--no-bundled", "--data", str(tmp_path / ".." / tmp_path.name / "mine.yaml")], {}),
    ]
    for args, env in cases:
        result = runner.invoke(
            app, ["timeline", *args, "-f", "yaml", "-o", str(data), "--force"], env=env
        )
        assert result.exit_code == 2, (args, result.output)
        read = args[-1] if "--data" in args else str(data)  # the input, as it was named
        assert result.stderr.splitlines() == [
            f"pokrovsk: error: --output: {str(data)!r} is a file this run reads ({read})",
            "hint: write the output to another file",
        ]
    assert data.read_bytes() == before
    from pokrovsk_cli.data.files import bundled_file

    bundled = bundled_file()
    stamp = os.stat(bundled).st_mtime_ns
    result = runner.invoke(app, ["timeline", "-f", "yaml", "-o", bundled, "--force"])
    assert result.exit_code == 2 and os.stat(bundled).st_mtime_ns == stamp
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: {bundled!r} is a file this run reads ({bundled})",
        "hint: write the output to another file",
    ]


def test_a_replaced_file_keeps_its_mode(runner, tmp_path):
    import os
    import stat

    target = tmp_path / "private.csv"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o600)
    result = runner.invoke(app, ["timeline", "-f", "csv", "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    rows = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline=""))
    assert sorted(row["id"] for row in rows) == sorted(event["id"] for event in BUNDLED_EVENTS)


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_stopped_export_leaves_no_temporary_file(tmp_path, signal_name):
    import os
    import signal
    import time

    # A writer that never finishes, so the export is stopped half-way.
    code = """
import sys, time
from pokrovsk_cli.output.files import text_formats as export
def slow(listing, stream, options):
    stream.write("id\\\\n")
    stream.flush()
    print("WRITING", flush=True, file=sys.stderr)
    time.sleep(60)
export.write_csv = slow
from pokrovsk_cli.cli.entry import main
main()
"""
    target = tmp_path / "events.csv"
    with subprocess.Popen(
        [sys.executable, "-c", code, "timeline", "-f", "csv", "-o", str(target)],
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stderr.readline().strip() == b"WRITING"
        assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        process.send_signal(getattr(signal, signal_name))
        process.wait(timeout=20)
    time.sleep(0.1)
    assert process.returncode != 0
    assert list(tmp_path.iterdir()) == [], os.listdir(tmp_path)


# --- size and shape ---------------------------------------------------------------------------


def test_a_table_past_the_row_limit_says_to_use_a_streaming_format(runner, tmp_path):
    import copy

    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["events"] = [copy.deepcopy(dict(doc["events"][1], id=f"event-{i}")) for i in range(2001)]
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    args = ["timeline", "--no-bundled", "--data", str(big)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "pokrovsk: error: 2,001 rows are too many for a table (at most 2,000)",
        "hint: use --format csv or jsonl (they stream), --limit N, or narrower filters",
    ]
    assert runner.invoke(app, [*args, "--limit", "2000"]).exit_code == 0
    assert runner.invoke(app, [*args, "-f", "csv"]).stdout.count("\n") == 2002


@pytest.mark.parametrize(
    ("old", "field", "length", "limit"),
    [
        ("title: A day in February 2024", "title", 10 * 2**20, 300),
        ("summary: Only the month is known.", "summary", 601, 600),
        ("name: Myrnohrad", "name", 301, 300),
        ("url: https://example.org/a", "url", 2049, 2048),
    ],
)
def test_text_fields_are_bounded(tmp_path, old, field, length, limit):
    value = "x" * length if field != "url" else "https://example.org/" + "x" * (length - 20)
    text = SMALL.read_text(encoding="utf-8").replace(old, f"{field}: {value}")
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    problem = f"{field!r} is {length:,} characters, over the {limit:,} allowed"
    with pytest.raises(DataError, match=re.escape(problem)) as info:
        load_dataset([path], bundled=False)
    assert info.value.problem == problem


def test_the_schema_states_the_length_limits():
    from pokrovsk_cli.data.schema import dataset_schema

    schema = dataset_schema()
    event = schema["properties"]["events"]["items"]["properties"]
    source = schema["properties"]["sources"]["items"]["properties"]
    assert (event["title"]["maxLength"], event["summary"]["maxLength"]) == (300, 600)
    assert event["note"]["maxLength"] == 2000 and source["url"]["maxLength"] == 2048


def test_columns_zero_on_a_terminal_still_draws_the_table():
    probe = SCREEN_PROBE.format(tests=str(Path(__file__).parent), small=str(SMALL), text="t")
    shown = on_a_terminal(probe, ["timeline"], COLUMNS="0")
    assert b"month-event" in shown and b"6 event(s)" in shown
    visible = re.sub(r"\x1b\[[0-9;]*m", "", shown.decode())  # Rich's own bold and dim
    assert max(len(line) for line in visible.splitlines()) <= 80  # drawn at 80 columns


# --- hints that tell the truth ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "lines"),
    [
        (
            ["timeline", "--place", "Kyiv"],
            {},
            [
                "pokrovsk: error: --place: no place called 'Kyiv'",
                "hint: run 'pokrovsk places' to list them",
            ],
        ),
        (  # a typo: the place meant, not the list
            ["timeline", "--place", "Pokrovk"],
            {},
            [
                "pokrovsk: error: --place: no place called 'Pokrovk'",
                "hint: did you mean: pokrovsk?",
            ],
        ),
        (
            ["timeline"],
            {"POKROVSK_DATA": "/nonexistent/mine.yaml"},
            [
                "pokrovsk: error: /nonexistent/mine.yaml: no such file",
                "hint: check the path given to --data or POKROVSK_DATA",
            ],
        ),
        (
            ["show", "prewar-population"],
            {},
            [
                "pokrovsk: error: 'prewar-population' is a fact, not an event",
                "hint: pokrovsk fact prewar-population shows it (show opens events)",
            ],
        ),
    ],
)
def test_hints_point_to_the_right_place(runner, args, env, lines):
    result = runner.invoke(app, args, env=env)
    assert result.exit_code in (1, 2)
    assert result.stderr.splitlines() == lines


def test_output_to_a_folder_says_so(runner, tmp_path):
    result = runner.invoke(app, ["timeline", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: --output: {str(tmp_path)!r} is a folder",
        "hint: give a file name",
    ]


def test_many_problems_name_the_command_that_lists_them(runner, tmp_path):
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("status: confirmed", "status: sure").replace("category: history", "x: y")
    path = tmp_path / "two problems.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["timeline", "--no-bundled", "--data", str(path)])
    assert result.exit_code == 1
    # Three problems: status 'sure', the unknown field 'x', and the category it took the place of.
    assert result.stderr.splitlines() == [
        f"pokrovsk: error: {path}:38:8: unknown field 'x' in event",
        f"hint: 2 more problem(s); 'pokrovsk validate --no-bundled '{path}'' lists them all",
    ]


def test_status_colours_are_not_category_colours():
    from pokrovsk_cli.output.terminal.events import _CATEGORY_STYLE, STATUS_STYLE

    category_colours = set(_CATEGORY_STYLE.values())
    for status, style in STATUS_STYLE.items():
        words = set(style.split())
        if style and "reverse" not in words:
            assert not words & category_colours, status


def test_an_output_symlink_is_followed_never_replaced(runner, tmp_path):
    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = runner.invoke(app, ["timeline", "-f", "csv", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    rows = csv.DictReader(io.StringIO(real.read_text(encoding="utf-8"), newline=""))
    assert sorted(row["id"] for row in rows) == sorted(event["id"] for event in BUNDLED_EVENTS)
    device = tmp_path / "to-dev"
    device.symlink_to("/dev/null")
    refused = runner.invoke(app, ["timeline", "-f", "csv", "-o", str(device), "--force"])
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"pokrovsk: error: --output: {str(device)!r} is not a regular file",
        "hint: for standard output leave out -o, or give -o -",
    ]
    assert device.is_symlink()


def test_the_new_event_template_escapes_a_hostile_title(runner):
    result = runner.invoke(app, ["new", "event", '\x1b]0;owned\x07 "quoted" \\ back'])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert '\n    title: "\\u001b]0;owned\\u0007 \\"quoted\\" \\\\ back"\n' in result.stdout
    document = yaml.safe_load(result.stdout)
    assert document["events"][0]["title"] == '\x1b]0;owned\x07 "quoted" \\ back'


def test_every_table_kind_has_the_row_limit(runner, tmp_path):
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["sources"] += [
        {"id": f"extra-{i}", "publisher": "P", "title": f"T {i}"} for i in range(2001)
    ]
    big = tmp_path / "many-sources.yaml"
    big.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    args = ["sources", "--no-bundled", "--data", str(big)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [  # small.yaml's 2 sources and the 2,001 added
        "pokrovsk: error: 2,003 rows are too many for a table (at most 2,000)",
        "hint: use --format csv or jsonl (they stream), --limit N, or narrower filters",
    ]
    streamed = runner.invoke(app, [*args, "-f", "csv"])
    assert streamed.exit_code == 0
    assert streamed.stdout.count("\n") == 1 + 2003  # the header and every source

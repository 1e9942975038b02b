"""The SQLite store that caches checked datasets: served only when it matches the files exactly,
never stale, damaged or foreign, and answering a query as the in-memory filter does."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pokrovsk_cli.data.load as load_module
from pokrovsk_cli.answers.periods import count_events, count_selection
from pokrovsk_cli.answers.query import EventFilter, select_events
from pokrovsk_cli.data import cache, fingerprint, store
from pokrovsk_cli.data.dates import parse_data_date
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.data.model import Category, Period, Status
from tests.conftest import FIXTURES, SMALL, SMALL_IN_FILE_ORDER

AWKWARD = FIXTURES / "datasets" / "awkward.yaml"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("POKROVSK_CACHE_DIR", str(folder))
    monkeypatch.delenv("POKROVSK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_bytes(SMALL.read_bytes())
    return path


def no_parsing(monkeypatch):
    def refuse(*args):
        raise AssertionError(f"parsed {args[0]} although the store should have served it")

    for name in ("read_yaml", "read_document"):
        if hasattr(load_module, name):
            monkeypatch.setattr(load_module, name, refuse)


def stores(folder):
    return sorted(folder.glob("*.sqlite"))


def later_memo(monkeypatch):
    """Write memos as if three seconds had passed since the files changed (not racy)."""
    now = fingerprint.time.time_ns
    monkeypatch.setattr(fingerprint.time, "time_ns", lambda: now() + 3_000_000_000)


@pytest.mark.parametrize("files", [[], [SMALL], [AWKWARD]], ids=["bundled", "small", "awkward"])
def test_a_stored_dataset_equals_the_parsed_one(cache_dir, monkeypatch, files):
    bundled = not files
    parsed = load_dataset(files, bundled=bundled)
    assert len(stores(cache_dir)) == 1
    no_parsing(monkeypatch)
    stored = load_dataset(files, bundled=bundled)
    assert store.store_of(stored) is not None
    assert stored == parsed
    assert list(stored.events) == list(parsed.events)  # in the dataset's own order
    assert dict(stored.sources) == parsed.sources and dict(stored.places) == parsed.places


def test_the_files_are_not_even_read_while_they_have_not_changed(cache_dir, monkeypatch, data_file):
    later_memo(monkeypatch)
    first = load_dataset([data_file], bundled=False)

    def refuse(path):
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(load_module, "read_bytes", refuse)
    assert load_dataset([data_file], bundled=False) == first


def test_a_file_changed_just_before_its_memo_is_read_again(cache_dir, monkeypatch, data_file):
    first = load_dataset([data_file], bundled=False)  # the memo is "racy": written just now
    read = []
    real = load_module.read_bytes
    monkeypatch.setattr(load_module, "read_bytes", lambda path: read.append(path) or real(path))
    assert load_dataset([data_file], bundled=False) == first
    assert read == [data_file]


def test_an_edited_file_is_parsed_again(cache_dir, data_file, monkeypatch):
    later_memo(monkeypatch)
    first = load_dataset([data_file], bundled=False)
    text = data_file.read_text(encoding="utf-8").replace("Summer offensive", "Summer push!!!!!")
    info = data_file.stat()
    data_file.write_text(text, encoding="utf-8")
    os.utime(data_file, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same mtime
    assert data_file.stat().st_size == info.st_size
    second = load_dataset([data_file], bundled=False)
    titles = {e.id: e.title for e in second.events}
    assert titles["mid-year"] == "Summer push!!!!!" and first != second
    assert len(stores(cache_dir)) == 1  # the old entry is gone


def _damage_bytes(path, change):
    raw = path.read_bytes()
    path.write_bytes(change(raw))


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw + b"\0" * 8192,  # longer than its header says
        lambda raw: b"not a database at all" + raw[22:],
        lambda raw: raw[:60] + (999).to_bytes(4, "big") + raw[64:],  # another format
        lambda raw: raw[:68] + (0x12345678).to_bytes(4, "big") + raw[72:],  # another program's
        lambda raw: raw[:8192] + bytes(len(raw) - 8192),  # every page but the first zeroed
    ],
    ids=["truncated", "longer", "garbage", "other-format", "foreign", "zeroed"],
)
def test_a_damaged_or_foreign_store_is_never_served(cache_dir, data_file, damage):
    good = load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    _damage_bytes(entry, damage)
    assert store.open_dataset(str(entry)) is None
    assert load_dataset([data_file], bundled=False) == good
    served = store.open_dataset(str(entry))  # rebuilt after the fallback
    assert served is not None and served == good


def _rewrite(entry, sql, params=()):
    """Change a store as anyone who can write the file could, keeping SQLite's format whole."""
    connection = sqlite3.connect(entry)
    connection.execute(sql, params)
    connection.commit()
    connection.close()


def test_a_changed_event_row_is_damage_found_when_read(cache_dir, data_file):
    load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    _rewrite(entry, "UPDATE event_data SET row = replace(row, 'Summer', 'Winter')")
    dataset = store.open_dataset(str(entry))
    assert dataset is not None  # the small entries check out; the events are read later
    with pytest.raises(store.DamagedStore, match="has been removed"):
        list(dataset.events)
    assert not entry.exists()
    again = load_dataset([data_file], bundled=False)
    assert {e.title for e in again.events} >= {"Summer offensive"}


def test_a_changed_csv_line_is_damage_found_when_copied(cache_dir, data_file):
    load_dataset(
        [data_file], bundled=False, lines=lambda events, _: [f"{e.id}\r\n" for e in events]
    )
    (entry,) = stores(cache_dir)
    _rewrite(entry, "UPDATE event_data SET line = 'forged\r\n' WHERE n = 0")
    dataset = store.open_dataset(str(entry))
    assert dataset is not None
    lines = store.store_of(dataset).select(EventFilter()).csv_lines()
    with pytest.raises(store.DamagedStore):
        list(lines)


def test_a_changed_entry_is_not_served(cache_dir, data_file):
    good = load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    _rewrite(
        entry,
        "UPDATE entries SET row = replace(row, 'Example Wire', 'Forged Wire') WHERE kind = 's'",
    )
    dataset = store.open_dataset(str(entry))
    assert dataset is not None
    with pytest.raises(store.DamagedStore):
        dict(dataset.sources)
    assert load_dataset([data_file], bundled=False) == good


def test_a_script_link_is_refused_even_with_its_checksum(cache_dir, data_file):
    load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    connection = sqlite3.connect(entry)
    ((rowid, text),) = connection.execute(
        "SELECT rowid, row FROM entries WHERE kind = 's' ORDER BY rowid LIMIT 1"
    ).fetchall()
    forged = text.replace("https://example.org/a", "javascript:alert(1)")
    assert forged != text
    connection.execute(
        "UPDATE entries SET row = ?, sum = ? WHERE rowid = ?", (forged, store._sum(forged), rowid)
    )
    connection.commit()
    connection.close()
    assert store.open_dataset(str(entry)) is None


@pytest.mark.parametrize("kind", ["symlink", "fifo", "group-writable"])
def test_an_odd_store_file_is_never_opened(cache_dir, data_file, tmp_path, kind):
    load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    if kind == "symlink":
        real = tmp_path / "elsewhere.sqlite"
        real.write_bytes(entry.read_bytes())
        entry.unlink()
        entry.symlink_to(real)
    elif kind == "fifo":
        entry.unlink()
        os.mkfifo(entry)
    else:
        entry.chmod(0o660)
    assert store.open_dataset(str(entry)) is None


def test_an_unwritable_cache_folder_is_no_problem(tmp_path, monkeypatch, data_file):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POKROVSK_CACHE_DIR", str(blocker / "cache"))
    # small.yaml's events in the order the file gives them, both times (parsed each time).
    for _ in range(2):
        dataset = load_dataset([data_file], bundled=False)
        assert [e.id for e in dataset.events] == SMALL_IN_FILE_ORDER
        assert store.store_of(dataset) is None


def test_the_cache_can_be_turned_off(cache_dir, monkeypatch, data_file):
    monkeypatch.setenv("POKROVSK_NO_CACHE", "1")
    load_dataset([data_file], bundled=False)
    assert not cache_dir.exists()


def test_a_problem_is_reported_the_same_with_a_cache(cache_dir):
    bad = FIXTURES.parent / "fixtures" / "hostile" / "bad-date.yaml"
    said = f"{bad}:19:11: bad date in 'date': '2024-13-45' is not a real calendar date"
    for _ in range(2):
        with pytest.raises(load_module.DataError, match=re.escape(said)):
            load_dataset([bad], bundled=False)
    assert not stores(cache_dir)  # only checked data is stored


def test_layer_labels_are_part_of_the_key(cache_dir, data_file, tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(data_file.read_bytes())
    one = load_dataset([data_file], bundled=False)
    two = load_dataset([copy], bundled=False)
    assert {e.dataset for e in one.events} == {str(data_file)}
    assert {e.dataset for e in two.events} == {str(copy)}
    assert {e.dataset for e in load_dataset([copy], bundled=False).events} == {str(copy)}


def test_text_that_breaks_lines_is_stored_whole(cache_dir, tmp_path):
    small = load_dataset([SMALL], bundled=False)
    odd = replace(small.events[0], summary="one\u2028two\x85three\rfour\x0bfive — Покровськ 漢字")
    dataset = replace(small, events=(odd, *small.events[1:]))
    entry = tmp_path / "cache" / f"0000-1111{store.SUFFIX}"
    store.build(str(entry), dataset)
    served = store.open_dataset(str(entry))
    assert served is not None and served == dataset


# --- the store answers as the in-memory filter does -----------------------------------------

# Short and long words together: SQLite 3.40's FTS5 crashed on such GLOBs (store.py).
WORDS = ["pokrovsk", "Покровськ", "mýrnohrad", "offensive", "a", "2024", "*", "[x", "?", "wire"]
WORDS += ['"', 'of"', "ab", "kro", "rovs", "ffe", "%", "_", "'"]
DAYS = [None, "2023", "2024-02", "2024-02-17", "2025", "2025-11-30/2025-12-02", "2030"]


@pytest.fixture(scope="module", params=["bundled", "awkward"])
def both(request, tmp_path_factory):
    """The bundled data, or awkward.yaml's odd text, in a store and in memory."""
    folder = tmp_path_factory.mktemp("store")
    files = [AWKWARD] if request.param == "awkward" else []
    parsed = load_dataset(files, bundled=not files)
    entry = folder / f"both{store.SUFFIX}"
    store.build(str(entry), parsed)
    served = store.open_dataset(str(entry))
    assert served is not None
    return parsed, served


def _span(text):
    return parse_data_date(text) if text else None


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    since=st.sampled_from(DAYS),
    until=st.sampled_from(DAYS),
    on=st.sampled_from(DAYS),
    categories=st.lists(st.sampled_from(list(Category)), max_size=2, unique=True),
    statuses=st.lists(st.sampled_from(list(Status)), max_size=2, unique=True),
    tags=st.lists(st.sampled_from(["kursk", "Evacuation", "mine", "none-such"]), max_size=2),
    places=st.lists(st.sampled_from(["pokrovsk", "myrnohrad", "avdiivka", "sudzha"]), max_size=2),
    claimants=st.lists(st.sampled_from(["ru-mod", "isw", "ua-general-staff"]), max_size=2),
    sides=st.one_of(
        st.none(), st.lists(st.sampled_from(["ru-mod", "isw", "deepstate"]), max_size=2)
    ),
    near=st.one_of(st.none(), st.lists(st.sampled_from(["pokrovsk", "kramatorsk"]), max_size=2)),
    search=st.one_of(st.none(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)),
    limit=st.one_of(st.none(), st.integers(1, 5)),
    reverse=st.booleans(),
)
def test_a_stored_query_picks_what_the_in_memory_filter_picks(both, **asked):
    parsed, served = both
    since, until = _span(asked["since"]), _span(asked["until"])
    if since and until and since.first > until.last:
        return  # refused before any query: check_filter's own test covers it
    wanted = EventFilter(
        since=since,
        until=until,
        on=_span(asked["on"]),
        categories=tuple(asked["categories"]),
        tags=tuple(asked["tags"]),
        places=tuple(asked["places"]),
        statuses=tuple(asked["statuses"]),
        search=" ".join(asked["search"]) if asked["search"] else None,
        limit=asked["limit"],
        reverse=asked["reverse"],
        claimants=tuple(asked["claimants"]),
        side_actors=tuple(asked["sides"]) if asked["sides"] is not None else None,
        near_places=tuple(asked["near"]) if asked["near"] is not None else None,
    )
    expected = select_events(parsed.events, wanted, parsed.places)
    picked = store.store_of(served).select(wanted)
    assert bool(picked) == bool(expected)
    assert [e.id for e in picked] == [e.id for e in expected]
    assert len(picked) == len(expected)


def test_every_event_comes_back_in_timeline_order(both):
    parsed, served = both
    everything = select_events(parsed.events, EventFilter(), parsed.places)
    assert tuple(store.store_of(served).select(EventFilter())) == everything
    assert [e.id for e in store.store_of(served).select(EventFilter(reverse=True))] == [
        e.id for e in reversed(everything)
    ]


def test_places_in_a_box_come_from_the_rtree(both):
    parsed, served = both
    box = (48.0, 48.5, 36.9, 37.4)  # around Pokrovsk and Myrnohrad
    inside = {
        p.id
        for p in parsed.places.values()
        if p.lat is not None and box[0] <= p.lat <= box[1] and box[2] <= p.lon <= box[3]
    }
    assert set(store.store_of(served).places_in_box(*box)) == inside
    if "kramatorsk" in parsed.places:  # the bundled data: one place inside, one outside
        assert "pokrovsk" in inside and "kramatorsk" not in inside


def test_a_store_is_not_opened_by_a_program_that_is_not_ours(cache_dir, data_file):
    load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    head = entry.read_bytes()[:100]
    assert head.startswith(b"SQLite format 3\0")
    assert int.from_bytes(head[68:72], "big") == store.APPLICATION_ID
    assert int.from_bytes(head[60:64], "big") == cache.CACHE_FORMAT
    assert stat_mode(entry) & 0o077 == 0 and stat_mode(cache_dir) & 0o077 == 0


def stat_mode(path):
    import stat

    return stat.S_IMODE(os.stat(path).st_mode)


# --- big datasets are stored after the answer is out ------------------------------------------


def test_a_big_dataset_is_stored_by_a_child_and_a_later_run_waits_for_it(
    cache_dir, data_file, monkeypatch
):
    monkeypatch.setattr(store, "BACKGROUND_EVENTS", 1)  # small.yaml counts as big
    first = load_dataset([data_file], bundled=False)
    assert store.store_of(first) is None  # answered from memory
    second = load_dataset([data_file], bundled=False)  # waits for the child's lock
    assert store.store_of(second) is not None and second == first
    assert not list(cache_dir.glob("*.lock"))  # the child removed its lock when done


def test_a_lock_nobody_holds_does_not_stop_a_run(cache_dir, data_file):
    first = load_dataset([data_file], bundled=False)
    (entry,) = stores(cache_dir)
    entry.unlink()
    lock = cache_dir / (entry.name + ".lock")
    lock.write_text("")  # left by a builder that was killed
    lock.chmod(0o600)
    assert load_dataset([data_file], bundled=False) == first


def test_a_run_waits_while_the_store_is_being_built(tmp_path):
    import fcntl
    import threading

    path = str(tmp_path / f"x{store.SUFFIX}")
    held = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(held, fcntl.LOCK_EX)
    released = threading.Event()

    def release():
        released.set()
        fcntl.flock(held, fcntl.LOCK_UN)

    timer = threading.Timer(0.2, release)
    timer.start()
    store.wait_for_build(path)
    assert released.is_set()  # it returned only once the builder let go
    timer.join()
    os.close(held)


def test_a_first_run_of_a_big_file_answers_as_the_stored_runs_do(tmp_path):
    import subprocess
    import sys

    root = FIXTURES.parents[1]
    data = tmp_path / "big.yaml"
    generator = [sys.executable, str(root / "benchmarks" / "generate.py"), "3000", "-o", str(data)]
    subprocess.run(generator, check=True, capture_output=True)
    env = {**os.environ, "POKROVSK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("POKROVSK_NO_CACHE", None)
    command = [sys.executable, "-m", "pokrovsk_cli", "timeline", "--no-bundled", "--data"]
    command += [str(data), "--since", "2024", "-f", "csv"]
    runs = [subprocess.run(command, capture_output=True, env=env, timeout=120) for _ in range(3)]
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert runs[0].stdout.count(b"\r\n") > 500
    assert len(stores(tmp_path / "cache")) == 1


def test_one_event_is_read_by_its_id(both):
    parsed, served = both
    stored = store.store_of(served)
    for event in parsed.events:
        assert stored.event(event.id) == event
    assert stored.event("no-such-event") is None


def test_a_half_built_store_left_by_a_killed_builder_is_removed(cache_dir, data_file):
    cache_dir.mkdir(mode=0o700)
    old, fresh = cache_dir / "tmpold1234.tmp", cache_dir / "tmpnew5678.tmp"
    for path in (old, fresh):
        path.write_bytes(b"half a database")
    hours_ago = os.stat(old).st_mtime - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    load_dataset([data_file], bundled=False)
    assert not old.exists()  # nobody had written to it for two hours
    assert fresh.exists()  # perhaps another run's builder, still at work


@pytest.mark.parametrize("period", list(Period))
@pytest.mark.parametrize(
    "wanted",
    [
        EventFilter(),
        EventFilter(since=_span("2024")),
        EventFilter(categories=(Category.MILITARY,), statuses=(Status.CLAIMED, Status.DISPUTED)),
        EventFilter(search="pokrovsk"),
        EventFilter(places=("myrnohrad",)),
    ],
    ids=["all", "since", "military-claims", "search", "place"],
)
def test_a_chart_counted_in_sql_is_the_chart_counted_in_memory(both, period, wanted):
    parsed, served = both
    expected = count_events(select_events(parsed.events, wanted, parsed.places), period)
    counted = count_selection(store.store_of(served).select(wanted), period)
    assert counted == expected


def test_a_limited_selection_is_charted_from_its_events(both):
    parsed, served = both
    wanted = EventFilter(limit=5, reverse=True)
    expected = count_events(select_events(parsed.events, wanted, parsed.places), Period.MONTH)
    assert count_selection(store.store_of(served).select(wanted), Period.MONTH) == expected

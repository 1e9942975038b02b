"""The parsed-data cache: served only when it matches the files exactly, never stale or corrupt."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace

import pytest

import pokrovsk_cli.data.load as load_module
from pokrovsk_cli.data import cache
from pokrovsk_cli.data.load import load_dataset
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
    def refuse(path):
        raise AssertionError(f"parsed {path} although the cache should have served it")

    monkeypatch.setattr(load_module, "read_yaml", refuse)


@pytest.mark.parametrize("files", [[], [SMALL], [AWKWARD]], ids=["bundled", "small", "awkward"])
def test_a_cached_dataset_equals_the_parsed_one(cache_dir, monkeypatch, files):
    bundled = not files
    parsed = load_dataset(files, bundled=bundled)
    assert len(list(cache_dir.glob("*.json"))) == 1
    no_parsing(monkeypatch)
    assert load_dataset(files, bundled=bundled) == parsed


def test_an_edited_file_is_parsed_again(cache_dir, data_file, monkeypatch):
    first = load_dataset([data_file], bundled=False)
    text = data_file.read_text(encoding="utf-8").replace("Summer offensive", "Summer push!!!!!")
    stat = data_file.stat()
    data_file.write_text(text, encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    assert data_file.stat().st_size == stat.st_size
    second = load_dataset([data_file], bundled=False)
    titles = {e.id: e.title for e in second.events}
    assert titles["mid-year"] == "Summer push!!!!!" and first != second
    assert len(list(cache_dir.glob("*.json"))) == 1  # the old entry is gone


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b"Summer offensive", b"Winter offensive"),  # altered
        lambda raw: b"not json at all",
        lambda raw: raw.replace(b'"format": 2', b'"format": 999'),  # a future format
    ],
    ids=["truncated", "altered", "garbage", "other-format"],
)
def test_a_damaged_cache_is_never_served(cache_dir, data_file, damage):
    good = load_dataset([data_file], bundled=False)
    (entry,) = cache_dir.glob("*.json")
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_dataset([data_file], bundled=False) == good
    assert cache.read(entry) == good  # rewritten after the fallback


@pytest.mark.parametrize(
    "damage",
    [
        lambda row: b"\n",
        lambda row: row[:-1] + b" " + row,  # the row twice on one line
        lambda row: row[:-1] + b" junk\n",
        lambda row: row[:-2] + b"\n",  # the closing bracket gone
    ],
    ids=["empty", "twice", "junk-after", "unclosed"],
)
def test_a_row_that_is_not_one_json_value_is_refused_even_with_its_checksum(
    cache_dir, data_file, damage
):
    load_dataset([data_file], bundled=False)
    (entry,) = cache_dir.glob("*.json")
    header, *rows = entry.read_bytes().splitlines(keepends=True)
    rows[0] = damage(rows[0])
    fields = json.loads(header)
    fields["checksum"] = cache.blake2b(b"".join(rows), digest_size=20).hexdigest()
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + b"".join(rows))
    assert cache.read(entry) is None


def test_a_last_row_without_its_end_of_line_is_refused_even_with_its_checksum(cache_dir, data_file):
    load_dataset([data_file], bundled=False)
    (entry,) = cache_dir.glob("*.json")
    header, rows = entry.read_bytes().split(b"\n", 1)
    rows = rows[:-1]  # the file ends in the middle of nowhere but right after a row
    fields = json.loads(header)
    fields["checksum"] = cache.blake2b(rows, digest_size=20).hexdigest()
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + rows)
    assert cache.read(entry) is None


@pytest.mark.parametrize("block", [1, 7, 4096])
def test_rows_read_in_blocks_of_any_size_and_any_line_break(cache_dir, monkeypatch, block):
    # Blocks end inside rows and inside multi-byte characters; only "\n" ends a row, so text
    # holding U+2028, U+0085, CR or VT (str.splitlines breaks on all four) stays whole.
    small = load_dataset([SMALL], bundled=False)
    first = small.events[0]
    odd = replace(first, summary="one\u2028two\x85three\rfour\x0bfive — Покровськ 漢字")
    dataset = replace(small, events=(odd, *small.events[1:]))
    entry = cache_dir / "entry.json"
    cache.write(entry, dataset)
    monkeypatch.setattr(cache, "_CHUNK", block)
    assert cache.read(entry) == dataset


def test_an_unwritable_cache_folder_is_no_problem(tmp_path, monkeypatch, data_file):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POKROVSK_CACHE_DIR", str(blocker / "cache"))
    # small.yaml's events in the order the file gives them, both times (parsed each time).
    for _ in range(2):
        assert [
            e.id for e in load_dataset([data_file], bundled=False).events
        ] == SMALL_IN_FILE_ORDER


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
    assert not list(cache_dir.glob("*.json"))  # only checked data is cached


def test_the_cache_is_plain_json(cache_dir, data_file):
    load_dataset([data_file], bundled=False)
    (entry,) = cache_dir.glob("*.json")
    header, *rows = entry.read_bytes().splitlines()
    assert json.loads(header)["magic"] == "pokrovsk-cache"
    assert {json.loads(row)[0] for row in rows} == {"s", "p", "a", "e", "f"}


def test_layer_labels_are_part_of_the_key(cache_dir, data_file, tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(data_file.read_bytes())
    one = load_dataset([data_file], bundled=False)
    two = load_dataset([copy], bundled=False)
    assert {e.dataset for e in one.events} == {str(data_file)}
    assert {e.dataset for e in two.events} == {str(copy)}

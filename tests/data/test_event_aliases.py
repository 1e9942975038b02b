"""Events may carry aliases, other ways people name them, which `pokrovsk fact` matches like a
fact's: read, checked, cached and written back like every other field."""

from __future__ import annotations

from datetime import date

import pytest

from pokrovsk_cli.answers.ask import look_up
from pokrovsk_cli.answers.facts import FactIndex
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.errors import PokrovskError
from tests.conftest import SMALL

ALIASES = "    aliases: [the big hold-out, a stand by the river]\n"


def with_aliases(tmp_path, line=ALIASES):
    text = SMALL.read_text(encoding="utf-8")
    anchor = "    tags: [fall, town]\n"
    assert anchor in text
    path = tmp_path / "aliased.yaml"
    path.write_text(text.replace(anchor, anchor + line, 1), encoding="utf-8")
    return path


def test_an_event_reads_its_aliases(tmp_path, monkeypatch):
    monkeypatch.setenv("POKROVSK_NO_CACHE", "1")
    dataset = load_dataset([with_aliases(tmp_path)], bundled=False)
    event = next(e for e in dataset.events if e.id == "day-event")
    assert event.aliases == ("the big hold-out", "a stand by the river")
    assert all(e.aliases == () for e in dataset.events if e.id != "day-event")


def test_the_cache_keeps_aliases(tmp_path, monkeypatch):
    monkeypatch.setenv("POKROVSK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("POKROVSK_NO_CACHE", raising=False)
    path = with_aliases(tmp_path)
    first, second = load_dataset([path], bundled=False), load_dataset([path], bundled=False)
    assert first == second


def test_an_alias_that_is_not_text_is_a_located_error(tmp_path, monkeypatch):
    monkeypatch.setenv("POKROVSK_NO_CACHE", "1")
    path = with_aliases(tmp_path, "    aliases: [{nested: 1}]\n")
    with pytest.raises(PokrovskError) as raised:
        load_dataset([path], bundled=False)
    assert "aliased.yaml" in str(raised.value) and "aliases" in str(raised.value)


def test_fact_finds_an_event_by_its_alias(tmp_path, monkeypatch):
    monkeypatch.setenv("POKROVSK_NO_CACHE", "1")
    dataset = load_dataset([with_aliases(tmp_path)], bundled=False)
    answer = look_up("when was the big hold-out", FactIndex(dataset), today=date(2026, 12, 2))
    assert answer.answer is not None and answer.answer.id == "day-event"


def test_the_dataset_file_written_back_keeps_aliases(tmp_path, monkeypatch, runner):
    from pokrovsk_cli.cli.app import app

    monkeypatch.setenv("POKROVSK_NO_CACHE", "1")
    path = with_aliases(tmp_path)
    out = tmp_path / "out.yaml"
    args = ["timeline", "--data", str(path), "--no-bundled", "-f", "yaml", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    again = load_dataset([out], bundled=False)
    event = next(e for e in again.events if e.id == "day-event")
    assert event.aliases == ("the big hold-out", "a stand by the river")

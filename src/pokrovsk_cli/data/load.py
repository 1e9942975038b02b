"""Load the dataset a command uses: the bundled file and the given ones, from the cache if it can.

`load_dataset` raises the first problem; `validate_files` (`pokrovsk validate`) collects them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pokrovsk_cli.data.files import BUNDLED, SCHEMA_VERSION, bundled_file, read_bytes, read_yaml
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.data.model import Dataset
from pokrovsk_cli.errors import DataError, UsageError

if TYPE_CHECKING:
    from pokrovsk_cli.data.files import Where
    from pokrovsk_cli.data.layers import Checked


def _layer_files(paths: Sequence[Where], bundled: bool) -> list[tuple[Where, str]]:
    """(path, dataset label) for the bundled file (unless not wanted) and each given file."""
    layers: list[tuple[Where, str]] = [(bundled_file(), BUNDLED)] if bundled else []
    seen = {os.path.realpath(path) for path, _ in layers}
    for given in paths:
        from pathlib import Path  # given files only: the bundled data alone never needs it

        path = Path(given)
        if os.path.realpath(path) not in seen:  # the same file twice would clash with itself
            seen.add(os.path.realpath(path))
            layers.append((path, str(path)))
    return layers


def _cache_entry(layers: Sequence[tuple[Where, str]], contents: Sequence[bytes]) -> str | None:
    """Where these files' cached dataset lives, or None when the cache cannot be used."""
    from pokrovsk_cli.data import cache

    if not cache.enabled():
        return None
    return cache.cache_path(layers, contents, SCHEMA_VERSION)


def validate_files(paths: Sequence[Where], *, bundled: bool = True) -> Checked:
    """Check files as `load_dataset` would layer them, collecting every problem in every file.

    A file that cannot be read or parsed is one problem; the others are still checked.
    """
    from pokrovsk_cli.data.layers import Checked, check_layers

    layers = _layer_files(paths, bundled)
    parsed, unreadable = [], []
    for path, label in layers:
        try:
            parsed.append((str(path), label, read_yaml(path)))
        except DataError as problem:
            unreadable.append(problem)
    checked = check_layers(parsed)
    if not unreadable:
        return checked
    order = {str(path): index for index, (path, _) in enumerate(layers)}
    problems = sorted(
        unreadable + checked.problems, key=lambda p: (order.get(p.path, 0), p.line or 0)
    )
    return Checked(None, problems, checked.warnings)


def _shell_word(text: str) -> str:
    import shlex  # only a hint that names files needs it

    return shlex.quote(text)


def load_dataset(
    paths: Sequence[Where] = (),
    *,
    bundled: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """Load the bundled dataset with the given files on top; raise the first problem.

    With bundled=False only the given files are read. A checked dataset is cached (cache.py),
    so the same files load again without parsing; `progress` hears what a slow load is doing.
    """
    if not bundled and not paths:
        raise UsageError("--no-bundled needs at least one --data FILE")
    layers = _layer_files(paths, bundled)
    contents = [read_bytes(path) for path, _ in layers]  # each input is read once
    entry = _cache_entry(layers, contents)
    if entry is not None:
        from pokrovsk_cli.data import cache

        cached = cache.read(entry)
        if cached is not None:
            return cached
    from pokrovsk_cli.data.layers import check_layers  # the checker: only when files are parsed

    parsed = []
    for (path, label), raw in zip(layers, contents, strict=True):
        if progress:
            progress(f"Parsing {os.path.basename(path)} ({len(raw) / 2**20:.1f} MB)")
        parsed.append((str(path), label, read_yaml(path, raw)))
    if progress:
        progress("Checking entries")
    with no_cyclic_gc():
        checked = check_layers(parsed)
    if checked.problems:
        first = checked.problems[0]
        more = len(checked.problems) - 1
        if more:
            given = " ".join(_shell_word(os.fspath(path)) for path in paths)
            command = "pokrovsk validate" + (" --no-bundled" if not bundled else "")
            also = f"{more} more problem(s); '{f'{command} {given}'.rstrip()}' lists them all"
            first.hint = f"{first.hint} ({also})" if first.hint else also
        raise first
    assert checked.dataset is not None
    if entry is not None:
        if progress:
            progress("Saving the cache")
        from pokrovsk_cli.data import cache

        cache.write(entry, checked.dataset)
    return checked.dataset

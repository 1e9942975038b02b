"""Load the dataset a command uses: the bundled file and the given ones, from the cache if it can.

`load_dataset` raises the first problem; `validate_files` (`pokrovsk validate`) collects them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pokrovsk_cli.data.files import BUNDLED, SCHEMA_VERSION, bundled_file, read_bytes, read_document
from pokrovsk_cli.data.gc_pause import no_cyclic_gc
from pokrovsk_cli.data.model import Dataset
from pokrovsk_cli.errors import DataError, UsageError

if TYPE_CHECKING:
    from pokrovsk_cli.data.files import Where
    from pokrovsk_cli.data.layers import Checked
    from pokrovsk_cli.data.store import LineMaker


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


def validate_files(paths: Sequence[Where], *, bundled: bool = True) -> Checked:
    """Check files as `load_dataset` would layer them, collecting every problem in every file.

    A file that cannot be read or parsed is one problem; the others are still checked. In a CSV
    or JSON Lines file each bad row is a problem, and the other rows are checked.
    """
    from pokrovsk_cli.data.layers import Checked, check_layers
    from pokrovsk_cli.data.read_bulk import RowProblems

    layers = _layer_files(paths, bundled)
    parsed, unreadable = [], []
    for path, label in layers:
        try:
            parsed.append((str(path), label, read_document(path)))
        except RowProblems as rows:  # a bulk file's bad rows: its good rows are checked too
            unreadable.extend(rows.problems)
            parsed.append((str(path), label, rows.document))
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
    lines: LineMaker | None = None,
) -> Dataset:
    """Load the bundled dataset with the given files on top; raise the first problem.

    With bundled=False only the given files are read. A checked dataset is stored (store.py),
    so the same files load again without parsing, their events read only as a query needs
    them; `lines` makes the CSV lines stored beside the events; `progress` hears what a slow
    load is doing.
    """
    if not bundled and not paths:
        raise UsageError("--no-bundled needs at least one --data FILE")
    layers = _layer_files(paths, bundled)
    from pokrovsk_cli.data import cache, fingerprint, store

    entry = None
    caching = cache.enabled()
    files, labels = [path for path, _ in layers], [label for _, label in layers]
    names, before, key = "", None, None
    if caching:  # which store, from the files' identities alone: they are not read
        names, before = cache.names_key(layers), fingerprint.identities(files)
        key = fingerprint.remembered(names, before, labels) if before else None
    if key is not None:
        found = store.open_dataset(store.path_for(names, key))
        if found is not None:
            return found
    contents = [read_bytes(path) for path, _ in layers]  # each input is read once
    if caching:
        key = cache.content_key(layers, contents, SCHEMA_VERSION)
        if before is not None and before == fingerprint.identities(files):
            fingerprint.remember(names, before, labels, key)  # unchanged while it was read
        entry = store.path_for(names, key)
        store.wait_for_build(entry)  # a run before this one may be storing these very files
        found = store.open_dataset(entry)
        if found is not None:
            return found
    from pokrovsk_cli.data.layers import check_layers  # the checker: only when files are parsed

    parsed = []
    for (path, label), raw in zip(layers, contents, strict=True):
        if progress:
            progress(f"Parsing {os.path.basename(path)} ({len(raw) / 2**20:.1f} MB)")
        parsed.append((str(path), label, read_document(path, raw)))
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
        store.build_later(entry, checked.dataset, lines)
    return checked.dataset

"""Where output goes: stdout, or a file written atomically so it is never left half-written."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from pokrovsk_cli.errors import PokrovskError, UsageError
from pokrovsk_cli.formats import OutputOptions, check_options, format_from_path, get_writer
from pokrovsk_cli.records import Listing

if TYPE_CHECKING:
    from pathlib import Path

STDOUT = "-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_file(path: Path, *, force: bool) -> Iterator[TextIO]:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The rename is atomic on one file system: readers see the old file or the whole new one. If
    writing fails, the temporary file goes and an existing file is left as it was.
    """
    if path.is_dir():
        raise UsageError(f"--output: {str(path)!r} is a folder", "give a file name")
    if path.exists() and not force:
        raise UsageError(f"--output: {str(path)!r} already exists", "add --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"--output: no folder {str(folder)!r}", "create it first")
    import tempfile  # only files need it; stdout output never pays for the import

    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise PokrovskError(
            f"--output: cannot create a file in {str(folder)!r} ({exc.strerror})",
            "check that the folder is writable and the disk has room",
        ) from None
    try:
        # newline="": writers choose their line ends (CSV's CRLF stays CRLF).
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise PokrovskError(
                f"--output: cannot write {str(path)!r} ({exc.strerror or exc})",
                "check that the disk has room; nothing was written, an existing file is unchanged",
            ) from None
        raise


def emit(
    listing: Listing,
    format_name: str | None,
    output: str | None,
    *,
    force: bool = False,
    options: OutputOptions,
) -> None:
    """Write a listing in the chosen format (or the one --output's extension implies)."""
    to_file = output not in (None, STDOUT)
    if format_name is None:
        format_name = format_from_path(output, listing.kind) if to_file else "table"  # type: ignore[arg-type]
    check_options(format_name, options)
    write = get_writer(format_name, listing.kind)
    if not to_file:
        write(listing, sys.stdout, options)
        return
    from pathlib import Path  # only files need it

    with atomic_file(Path(output), force=force) as stream:  # type: ignore[arg-type]
        write(
            listing, stream, replace(options, terminal=False, screen=False)
        )  # a file is never a screen

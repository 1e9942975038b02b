"""Where output goes: stdout, or a file written atomically so it is never left half-written."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TextIO, cast

from pokrovsk_cli.data.files import BUNDLED, bundled_file
from pokrovsk_cli.errors import PokrovskError, UsageError
from pokrovsk_cli.output.formats import (
    FORMATS,
    OutputOptions,
    check_options,
    check_table_size,
    format_from_path,
    get_writer,
)
from pokrovsk_cli.output.records import Listing

if TYPE_CHECKING:
    from pathlib import Path

    from pokrovsk_cli.output.formats import PathWriter

STDOUT = "-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replaceable(path: Path, force: bool, inputs: Sequence[str]) -> int | None:
    """Check what is at `path`; return the mode of a regular file that may be replaced."""
    if path.is_dir():
        raise UsageError(f"--output: {str(path)!r} is a folder", "give a file name")
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(source, path):
                raise UsageError(
                    f"--output: {str(path)!r} is a file this run reads ({source})",
                    "write the output to another file",
                )
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        # A device, a FIFO, a socket: renaming over it would replace it with a regular file.
        raise UsageError(
            f"--output: {str(path)!r} is not a regular file", "give the name of a file to write"
        )
    if not force:
        raise UsageError(f"--output: {str(path)!r} already exists", "add --force to replace it")
    return stat.S_IMODE(info.st_mode)


@contextlib.contextmanager
def _replacing(path: Path, *, force: bool, inputs: Sequence[str]) -> Iterator[tuple[int, str]]:
    """The rules of every output file: a temporary file beside `path` (its open descriptor and
    name) that becomes `path` when the body ends, and goes when it fails."""
    mode = _replaceable(path, force, inputs)
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
    previous = _stop_on_sigterm()
    try:
        yield handle, temporary
        # mkstemp makes 0600: give the replaced file's mode, or the usual one.
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
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
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def atomic_file(path: Path, *, force: bool, inputs: Sequence[str] = ()) -> Iterator[TextIO]:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The rename is atomic on one file system: readers see the old file or the whole new one. If
    writing fails, or the process is stopped (SIGINT, SIGTERM), the temporary file goes and an
    existing file is left as it was. Never over one of `inputs`, never over anything but a
    regular file; a replaced file keeps its mode.
    """
    with _replacing(path, force=force, inputs=inputs) as (handle, _):
        # newline="": writers choose their line ends (CSV's CRLF stays CRLF).
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream


@contextlib.contextmanager
def atomic_path(path: Path, *, force: bool, inputs: Sequence[str] = ()) -> Iterator[Path]:
    """atomic_file for writers that open a file by its name (SQLite): the path of an empty
    temporary file beside `path`, renamed over `path` when the body ends, removed if it fails.

    The writer must have closed the file when the body ends. The same rules as atomic_file.
    """
    from pathlib import Path

    with _replacing(path, force=force, inputs=inputs) as (handle, temporary):
        os.close(handle)
        yield Path(temporary)


def _stop_on_sigterm() -> Any:
    """SIGTERM ends the process without unwinding; turn it into SystemExit (exit 143), so the
    temporary file is removed as on any other error. Returns the handler to restore."""
    import signal  # files only: stdout output never pays for these imports
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None  # only the main thread may set handlers

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, stop)


def emit(
    listing: Listing[Any],
    format_name: str | None,
    output: str | None,
    *,
    force: bool = False,
    options: OutputOptions,
) -> None:
    """Write a listing in the chosen format (or the one --output's extension implies)."""
    to_file = output not in (None, STDOUT)
    if to_file and os.path.isdir(output):  # type: ignore[arg-type]
        raise UsageError(f"--output: {output!r} is a folder", "give a file name")
    if format_name is None:
        format_name = format_from_path(output, listing.kind) if to_file else "table"  # type: ignore[arg-type]
    check_options(format_name, options)
    check_table_size(format_name, listing.kind, listing.items)
    to_path = FORMATS[format_name].to_path
    if to_path and not to_file:
        raise UsageError(
            f"--format {format_name} writes a file, not standard output",
            f"give -o FILE{FORMATS[format_name].extensions[0]}",
        )
    write = get_writer(format_name, listing.kind)
    if not to_file:
        write(listing, sys.stdout, options)
        return
    from pathlib import Path  # only files need it

    inputs = [
        bundled_file() if layer.label == BUNDLED else layer.label
        for layer in listing.dataset.layers
    ]
    target = Path(output)  # type: ignore[arg-type]
    if target.is_symlink():
        # Write where the link points: renaming over the link would replace it with a file
        # (as root, -o /dev/stdout --force would break /dev/stdout for the machine).
        real = os.path.realpath(target)
        if (
            real.startswith(("/dev/", "/proc/"))
            or not os.path.isfile(real)
            and os.path.exists(real)
        ):
            raise UsageError(
                f"--output: {str(target)!r} is not a regular file",
                "for standard output leave out -o, or give -o -",
            )
        target = Path(real)
    options = replace(options, terminal=False, screen=False)  # a file is never a screen
    if to_path:
        with atomic_path(target, force=force, inputs=inputs) as temporary:
            cast("PathWriter", write)(listing, temporary, options)
        return
    with atomic_file(target, force=force, inputs=inputs) as stream:
        write(listing, stream, options)

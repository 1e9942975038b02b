"""The console script's entry point, kept apart so that nothing is imported before it runs.

One run of `pokrovsk` is a short-lived process: the cyclic garbage collector would walk the
young objects of every import again and again (about 5 ms of an 85 ms lookup) to find cycles
that hardly exist. It stays off; reference counting frees everything as usual, and the one
large allocation, loading a dataset, pauses it anyway (gc_pause.py).
"""

from __future__ import annotations

import errno
import gc
import os
import sys


class ClosedStream:
    """Stands in for a standard stream the caller closed (`>&-`): writing to it is an error
    the command reports, not a crash on None."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "Bad file descriptor")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def main() -> None:
    """Run pokrovsk: the fast path when it understands argv, else the Typer app."""
    gc.disable()
    if sys.stderr is None:  # closed: errors have nowhere to go, the exit code still tells
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as we do
    if sys.stdout is None:
        sys.stdout = ClosedStream()  # type: ignore[assignment,unused-ignore]
    from pokrovsk_cli.cli.fastpath import main as run

    run()

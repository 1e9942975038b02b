"""The console script's entry point, kept apart so that nothing is imported before it runs.

One run of `pokrovsk` is a short-lived process: the cyclic garbage collector would walk the
young objects of every import again and again (about 5 ms of an 85 ms lookup) to find cycles
that hardly exist. It stays off; reference counting frees everything as usual, and the one
large allocation, loading a dataset, pauses it anyway (gc_pause.py).
"""

from __future__ import annotations

import gc


def main() -> None:
    """Run pokrovsk: the fast path when it understands argv, else the Typer app."""
    gc.disable()
    from pokrovsk_cli.fastpath import main as run

    run()

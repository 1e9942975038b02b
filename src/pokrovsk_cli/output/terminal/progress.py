"""A progress display on stderr for loads that take more than about a second.

Nothing shows for a quick load (the usual case: the cache answers in milliseconds), and nothing
shows off a terminal, so pipes and logs stay clean. Rich is imported only once a load has
already taken a second.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

DELAY = 1.0  # seconds of silence before the display appears


class SlowLoadProgress:
    """A context manager whose `update(text)` is the loader's `progress` callback."""

    def __init__(self, delay: float = DELAY, stream: Any = None) -> None:
        self.stream = stream or sys.stderr
        self.delay = delay
        self.text = "Loading data"
        self.lock = threading.Lock()
        self.progress: Any = None
        self.task: Any = None
        self.timer: threading.Timer | None = None

    def __enter__(self) -> SlowLoadProgress:
        if self.stream.isatty():
            self.timer = threading.Timer(self.delay, self._show)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self.lock:
            console = Console(file=self.stream, markup=False, emoji=False, highlight=False)
            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),  # no total: a moving bar, since a parse has no known length
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self.task = self.progress.add_task(self.text, total=None)
            self.progress.start()

    def update(self, text: str) -> None:
        with self.lock:
            self.text = text
            if self.progress is not None:
                self.progress.update(self.task, description=text)

    def __exit__(self, *exc: object) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            if self.progress is not None:
                self.progress.stop()
                self.progress = None

"""The slow-load display: on a terminal only, and only once a load has taken a while."""

from __future__ import annotations

import io
import re
import time

from pokrovsk_cli.output.terminal.progress import SlowLoadProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_off_a_terminal():
    stream = io.StringIO()
    with SlowLoadProgress(delay=0, stream=stream) as shown:
        time.sleep(0.2)
        shown.update("Parsing big.yaml (54.7 MB)")
    assert shown.timer is None and stream.getvalue() == ""


def test_a_quick_load_shows_nothing():
    stream = FakeTerminal()
    with SlowLoadProgress(delay=5, stream=stream) as shown:
        shown.update("Checking entries")
    assert stream.getvalue() == ""


def test_a_slow_load_shows_what_it_is_doing():
    stream = FakeTerminal()
    with SlowLoadProgress(delay=0.05, stream=stream) as shown:
        time.sleep(0.3)
        shown.update("Checking entries")
        time.sleep(0.3)
    assert "Checking entries" in stream.getvalue()
    assert shown.progress is None  # stopped when the load ended
    frames = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", stream.getvalue()).split("\r")
    said = [re.match(r". (.+?) ━", frame).group(1) for frame in frames if "━" in frame]
    assert list(dict.fromkeys(said)) == ["Loading data", "Checking entries"]  # in that order
    assert "\x1b[2K" in stream.getvalue().rsplit("━", 1)[1]  # the last frame is erased

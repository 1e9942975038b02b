"""How a figure is written in every view for people, the terminal's and the web page's alike:
"60,000 people", "15–17 %", the year "2016" ungrouped. No Rich here, so the HTML writer can use
it without loading the terminal's modules."""

from __future__ import annotations

from pokrovsk_cli.text import one_line


def _number(value: float | int, grouped: bool = True) -> str:
    if isinstance(value, int) or value.is_integer():
        return f"{int(value):,}" if grouped else str(int(value))
    return f"{value:,}" if grouped else str(value)


def format_value(
    value: float | int | str | None,
    unit: str | None,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """60000, "people" -> "60,000 people"; a range as "20–25 %"; text values stay as they are
    (made inert)."""
    if low is not None and high is not None:
        shown = f"{_number(low)}–{_number(high)}"
        if value is not None and not isinstance(value, str) and not low == value == high:
            shown = f"{_number(value)} ({shown})"
    elif value is None:
        return ""
    elif isinstance(value, str):
        shown = one_line(value)
    else:
        shown = _number(value, grouped=unit is not None)  # 60,000 people, but the year 2016
    return f"{shown} {one_line(unit)}" if unit else shown

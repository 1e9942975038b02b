"""A parsed call, from either front end, handed to its command body with real types.

The fast path and the Typer app both end here with the same `Given` (Given.of): every option
of the command by its dest and the positional words, defaults filled in from the table. Each
function below turns one command's values into the typed call of commands.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pokrovsk_cli.cli import commands
from pokrovsk_cli.cli.commands import Destination, Filters
from pokrovsk_cli.cli.options import given_values, given_words

if TYPE_CHECKING:
    from pathlib import Path

    from pokrovsk_cli.cli.options import Command


class Given:
    """A command's positional words and every option's value (given, or its default)."""

    __slots__ = ("words", "values")  # a plain class: a NamedTuple costs 100 µs to define

    def __init__(self, words: list[Any], values: dict[str, Any]) -> None:
        self.words, self.values = words, values

    @classmethod
    def of(cls, command: Command, words: list[Any], values: dict[str, Any]) -> Given:
        """What either front end parsed, with every default of the option table filled in."""
        return cls(given_words(command, words), given_values(command, values))

    def filters(self) -> Filters:
        return Filters(*(self.values[name] for name in Filters._fields))

    def to(self) -> Destination:
        v = self.values
        options = (v.get("columns"), v.get("no_header", False), v.get("excel", False))
        return Destination(v["output_format"], v["output"], v["force"], *options)

    @property
    def data(self) -> list[Path] | None:
        return list(self.values["data"]) or None

    @property
    def no_bundled(self) -> bool:
        return bool(self.values["no_bundled"])


def timeline(given: Given) -> None:
    limit, reverse = given.values["limit"], given.values["reverse"]
    to, data, no_bundled = given.to(), given.data, given.no_bundled
    commands.timeline(
        given.filters(), to, limit=limit, reverse=reverse, data=data, no_bundled=no_bundled
    )


def latest(given: Given) -> None:
    (count,) = given.words  # a word from the fast path, an int from the app
    commands.latest(
        int(count), given.filters(), given.to(), data=given.data, no_bundled=given.no_bundled
    )


def show(given: Given) -> None:
    (event_id,) = given.words
    commands.show(event_id, given.to(), data=given.data, no_bundled=given.no_bundled)


def fact(given: Given) -> None:
    show_all, explain, to = given.values["show_all"], given.values["explain"], given.to()
    commands.fact(
        given.words or None,
        to,
        show_all=show_all,
        explain=explain,
        data=given.data,
        no_bundled=given.no_bundled,
    )


def cite(given: Given) -> None:
    dataset, style = given.values["dataset"], given.values["style"]
    commands.cite(
        list(given.words),
        given.to(),
        whole_dataset=dataset,
        style=style,
        data=given.data,
        no_bundled=given.no_bundled,
    )


def changes(given: Given) -> None:
    since = given.values["since"]
    commands.changes(since, given.to(), data=given.data, no_bundled=given.no_bundled)


def places(given: Given) -> None:
    commands.places(given.to(), data=given.data, no_bundled=given.no_bundled)


def sources(given: Given) -> None:
    copies_only = given.values["copies_only"]
    to, data, no_bundled = given.to(), given.data, given.no_bundled
    commands.sources(to, copies_only=copies_only, data=data, no_bundled=no_bundled)


def actors(given: Given) -> None:
    commands.actors(given.to(), data=given.data, no_bundled=given.no_bundled)


def about(given: Given) -> None:
    commands.about(given.to(), data=given.data, no_bundled=given.no_bundled)


def chart(given: Given) -> None:
    by = given.values["by"]
    commands.chart(given.filters(), by=by, data=given.data, no_bundled=given.no_bundled)


def validate(given: Given) -> int:
    return commands.validate(given.words or None, no_bundled=given.no_bundled)  # the exit code


def schema(given: Given) -> None:
    commands.schema()


def new_event(given: Given) -> None:
    (title,) = given.words
    commands.new_event(title, data=given.data, no_bundled=given.no_bundled)


RUNS: dict[str, Callable[[Given], int | None]] = {
    "timeline": timeline,
    "latest": latest,
    "show": show,
    "fact": fact,
    "cite": cite,
    "changes": changes,
    "places": places,
    "sources": sources,
    "actors": actors,
    "about": about,
    "chart": chart,
    "validate": validate,
    "schema": schema,
    "new event": new_event,
}

"""YAML to plain dicts, lists and scalars that remember where they start, for error messages.

`load_located` builds them straight from the parser's events. PyYAML's own path (parse to a
node graph, then construct) spent almost half of a load making nodes and walking them again:
1,000 events took 230 ms that way and take 130 ms from the events. Anything the walker does not
handle itself (merge keys, keys that are collections, a second document) is rare in data
files, and goes to PyYAML's constructors, which give the same result or error.

Refused with their position, because they let a file mean something other than it seems:
explicit tags (`!!float abc`, `!!timestamp 2024-02-30`, `!!python/...`), and numbers that
YAML 1.1 reads in another base or form (`010` is 8, `0x1F` is 31, `1_000` and `1:30` too).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode, SequenceNode

from pokrovsk_cli.text import brief

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _SEQ, _MAP = _BASE.DEFAULT_SCALAR_TAG, _BASE.DEFAULT_SEQUENCE_TAG, _BASE.DEFAULT_MAPPING_TAG
_MERGE = "tag:yaml.org,2002:merge"
# Timestamps are not resolved, so `2024-02-17` stays the string the curator wrote and goes
# through our own date parser.
_IMPLICIT = {
    first: tuple((tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp")
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed in dataset files"
TAG_MESSAGE = "explicit tag {tag} is not allowed in dataset files: write the value plainly"
NUMBER_MESSAGE = (
    "{text} is not a plain decimal number (YAML 1.1 reads leading zeros, 0x, 0o, 0b, '_' and"
    " ':' another way): write it in decimal, or quote it as text"
)


class LocatedDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where it and each of its values start (1-based)."""

    line: int
    column: int
    positions: dict[Any, tuple[int, int]]  # by key


class LocatedList(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers where each item starts (1-based)."""

    line: int
    column: int
    positions: list[tuple[int, int]]


class YamlProblem(Exception):
    """A problem the YAML library does not report itself (duplicate key, alias), with where."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


# YAML 1.1 numbers that do not mean what they look like: leading zeros (octal), 0x/0o/0b,
# digit-group underscores, and base-60 colons.
_SURPRISING_NUMBER = re.compile(r"[-+]?(0[0-9]|0[xXoObB])|.*[_:]")
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _Unusual(Exception):
    """Input the event walker leaves to PyYAML's constructors."""


def _short(tag: str) -> str:
    """A tag as it was written: 'tag:yaml.org,2002:float' -> '!!float'."""
    return brief(tag.replace("tag:yaml.org,2002:", "!!", 1))


def _position(item: Any) -> tuple[int, int]:
    """Where a node or an event starts, 1-based."""
    return item.start_mark.line + 1, item.start_mark.column + 1


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar: PyYAML's implicit resolvers, less timestamps."""
    if implicit[0]:
        for tag, regexp in _IMPLICIT.get(value[:1], ()):
            if regexp.match(value):
                return tag  # type: ignore[no-any-return]
    return _STR


def _duplicate_key(key: Any, where: tuple[int, int]) -> YamlProblem:
    return YamlProblem(f"duplicate key {brief(key)}", *where)


def make_loader() -> type:
    """PyYAML's safe loader (C-accelerated where available), building located values.

    The same results and errors as load_located, the slow way (except that an alias is
    reported at its anchor); load_located falls back to it.
    """

    class Loader(_BASE):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: Any, implicit_flags: Any) -> str:
            # PyYAML's resolve, less what we never use (path resolvers, wildcard resolvers).
            if kind is ScalarNode:
                return _resolve(value, implicit_flags)
            return _SEQ if kind is SequenceNode else _MAP

    Loader.yaml_implicit_resolvers = {k: list(v) for k, v in _IMPLICIT.items()}

    def construct_map(loader: Any, node: Any) -> LocatedDict:
        result = LocatedDict(loader.construct_mapping(node, deep=True))
        keys = loader.constructed_objects  # every key was built just now
        if len(result) != len(node.value):  # fewer keys than pairs: some key came twice
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if keys[key_node] in seen:
                    raise _duplicate_key(keys[key_node], _position(key_node))
                seen.add(keys[key_node])
        result.line, result.column = _position(node)
        result.positions = {
            keys[key_node]: _position(value_node) for key_node, value_node in node.value
        }
        return result

    def construct_seq(loader: Any, node: Any) -> LocatedList:
        result = LocatedList(loader.construct_sequence(node, deep=True))
        result.line, result.column = _position(node)
        result.positions = [_position(item) for item in node.value]
        return result

    def construct_object(loader: Any, node: Any, deep: bool = False) -> Any:
        # An alias hands back a node built before. Data files never need one, and refusing
        # them all stops "billion laughs" bombs before anything walks the shared structure.
        if node in loader.constructed_objects:
            raise YamlProblem(ALIAS_MESSAGE, *_position(node))
        return _BASE.construct_object(loader, node, deep=deep)

    Loader.construct_object = construct_object
    Loader.add_constructor(_MAP, construct_map)
    Loader.add_constructor(_SEQ, construct_seq)
    return Loader


def load_located(text: str) -> Any:
    """One YAML document as located values; YamlProblem or yaml.YAMLError if it is not valid."""
    loader = make_loader()
    parser = loader(text)
    try:
        return _walk(parser)
    except _Unusual:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    finally:
        parser.dispose()


_AWAITING_KEY = object()


def _walk(parser: Any) -> Any:
    """Build one document from the parser's events.

    An explicit stack, not recursion: libyaml refuses nesting deeper than 1,000 levels with a
    clear error, and Python's recursion limit (also 1,000 frames) could be reached first.
    """
    next_event = parser.get_event
    next_event()  # the stream starts
    if next_event().__class__ is StreamEndEvent:
        return None  # an empty file, as yaml.load gives it
    # Each open collection: [the collection, the key it waits to fill and where that key is].
    stack: list[list[Any]] = []
    while True:
        event = next_event()
        kind = event.__class__
        if kind is ScalarEvent:
            tag = event.tag
            mark = event.start_mark
            where = mark.line + 1, mark.column + 1
            if tag is not None and tag != "!":
                raise YamlProblem(TAG_MESSAGE.format(tag=_short(tag)), *where)
            value = event.value
            # As PyYAML's composer does for "!" too; most text has no resolver for its start.
            resolvers = _IMPLICIT.get(value[:1]) if event.implicit[0] else None
            tag = _resolve(value, event.implicit) if resolvers else _STR
            if tag != _STR:
                construct = parser.yaml_constructors.get(tag)
                if construct is None or tag == _MERGE:
                    raise _Unusual  # PyYAML merges, or says it cannot construct the tag
                if tag in _NUMBERS and _SURPRISING_NUMBER.match(value):
                    raise YamlProblem(NUMBER_MESSAGE.format(text=brief(value)), *where)
                try:
                    value = construct(parser, ScalarNode(tag, value, mark, event.end_mark))
                except (ValueError, OverflowError):  # e.g. an integer of 5,000 digits
                    problem = f"{brief(value)} cannot be read as a number"
                    raise YamlProblem(problem, *where) from None
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None and event.tag != "!":
                raise YamlProblem(TAG_MESSAGE.format(tag=_short(event.tag)), *_position(event))
            if stack and stack[-1][1] is _AWAITING_KEY and type(stack[-1][0]) is LocatedDict:
                raise _Unusual  # a collection as a mapping key: PyYAML reports it
            opened: Any = LocatedDict() if kind is MappingStartEvent else LocatedList()
            opened.line, opened.column = _position(event)
            opened.positions = {} if kind is MappingStartEvent else []
            stack.append([opened, _AWAITING_KEY, None])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()[0]
            where = value.line, value.column
        elif kind is AliasEvent:
            raise YamlProblem(ALIAS_MESSAGE, *_position(event))
        else:
            raise _Unusual  # not expected from a well-formed stream: let PyYAML say why
        if not stack:
            break
        frame = stack[-1]
        into = frame[0]
        if type(into) is LocatedList:
            into.append(value)
            into.positions.append(where)
        elif frame[1] is _AWAITING_KEY:
            frame[1], frame[2] = value, where
        else:
            key = frame[1]
            if key in into:
                raise _duplicate_key(key, frame[2])
            into[key] = value
            into.positions[key] = where
            frame[1] = _AWAITING_KEY
    next_event()  # the document ends
    if next_event().__class__ is not StreamEndEvent:
        raise _Unusual  # a second document: PyYAML reports it
    return value

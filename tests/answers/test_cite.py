"""CSL-JSON references for `pokrovsk cite`, by hand from tests/fixtures/datasets/small.yaml and
curated.yaml (a copy-only source, a source with both addresses, a fact with a history)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pokrovsk_cli.answers.cite import dataset_reference, references
from pokrovsk_cli.data.dates import parse_data_date
from pokrovsk_cli.data.load import load_dataset
from pokrovsk_cli.errors import ExitCode, NotFoundError
from tests.conftest import FIXTURES, SMALL, bundled_raw

CURATED = FIXTURES / "datasets" / "curated.yaml"
ACCESSED = date(2026, 3, 20)
READ = {"date-parts": [[2026, 3, 20]]}


@pytest.fixture(scope="module")
def curated():
    return load_dataset([CURATED], bundled=False)


def cite(dataset, *ids):
    return references(dataset, list(ids), accessed=ACCESSED)


def test_a_source_with_a_publisher_url(small):
    assert cite(small, "src-a") == [
        {
            "id": "src-a",
            "type": "webpage",
            "title": 'Town falls, "officials" say; 3,000 left',
            "container-title": "Example Wire",
            "issued": {"date-parts": [[2024, 2, 17]]},
            "URL": "https://example.org/a",
            "accessed": READ,
        }
    ]


@pytest.mark.parametrize(
    ("published", "issued"),
    [
        ("2025", {"date-parts": [[2025]]}),
        ("2025?", {"date-parts": [[2025]]}),  # CSL has no "uncertain"; nothing is made up
        ("2025-11", {"date-parts": [[2025, 11]]}),
        ("2024-02-17", {"date-parts": [[2024, 2, 17]]}),
        ("2025-11-20~", {"date-parts": [[2025, 11, 20]], "circa": True}),
        ("2024-06/2024-08", {"date-parts": [[2024, 6], [2024, 8]]}),
    ],
)
def test_issued_has_only_the_parts_the_date_has(small, published, issued):
    source = replace(small.sources["src-a"], published=parse_data_date(published))
    dataset = replace(small, sources={**small.sources, "src-a": source})
    assert cite(dataset, "src-a")[0]["issued"] == issued


def test_a_month_dated_source_from_the_file(small):
    assert cite(small, "src-b")[0]["issued"] == {"date-parts": [[2025, 11]]}


def test_a_copy_only_source_is_cited_at_the_copy_and_says_so(curated):
    assert cite(curated, "mirrored") == [
        {
            "id": "mirrored",
            "type": "webpage",
            "title": "A village",
            "container-title": "Example Encyclopedia",
            "URL": "https://wikimili.com/en/A_village",
            "accessed": READ,
            "note": "copy at wikimili.com, not the publisher's page",
        }
    ]


def test_a_source_with_both_addresses_cites_the_publisher_and_names_the_copy(curated):
    [item] = cite(curated, "both")
    assert item["URL"] == "https://example.org/daily"
    assert (
        item["note"]
        == "read as a copy at devdiscourse.com: https://www.devdiscourse.com/article/both"
    )


def test_a_source_without_any_url(small):
    source = replace(small.sources["src-b"], url=None, copy_url=None)
    dataset = replace(small, sources={**small.sources, "src-b": source})
    [item] = cite(dataset, "src-b")
    assert "URL" not in item
    assert item["note"] == "no URL known"


def test_wikipedia_is_an_encyclopedia_entry(bundled):
    [item] = cite(bundled, "wikipedia-pokrovsk")
    assert item == {
        "id": "wikipedia-pokrovsk",
        "type": "entry-encyclopedia",
        "title": "Pokrovsk",
        "container-title": "Wikipedia",
        "URL": "https://en.wikipedia.org/wiki/Pokrovsk",
        "accessed": READ,
    }


def test_an_event_is_its_dataset_record_then_its_sources_in_order(curated):
    assert cite(curated, "village-mapped") == [
        {
            "id": "pokrovsk:event:village-mapped",
            "type": "dataset",
            "title": "The monitor maps the village as lost",
            "publisher": "pokrovsk dataset",
            "version": "t.1",
            "issued": {"date-parts": [[2026, 3, 19]]},
            "accessed": READ,
            "note": f"pokrovsk event village-mapped, from {CURATED}",
        },
        {
            "id": "wire",
            "type": "webpage",
            "title": "Town changes hands",
            "container-title": "Example Wire",
            "issued": {"date-parts": [[2026, 2, 20]]},
            "URL": "https://example.org/wire",
            "accessed": READ,
        },
        {
            "id": "mirrored",
            "type": "webpage",
            "title": "A village",
            "container-title": "Example Encyclopedia",
            "URL": "https://wikimili.com/en/A_village",
            "accessed": READ,
            "note": "copy at wikimili.com, not the publisher's page",
        },
    ]


def test_a_bundled_event_carries_the_bundled_version(bundled):
    header = bundled_raw()["dataset"]
    item = cite(bundled, "avdiivka-falls")[0]
    assert item["note"] == "pokrovsk event avdiivka-falls"
    assert item["version"] == header["version"]
    day = header["curated_through"]
    assert item["issued"] == {"date-parts": [[day.year, day.month, day.day]]}


def test_a_fact_cites_its_current_then_its_earlier_sources_once(curated):
    # "residents": current value [wire]; history [both], then [wire] again.
    items = cite(curated, "residents")
    assert [item["id"] for item in items] == ["pokrovsk:fact:residents", "wire", "both"]
    assert items[0]["title"] == "How many residents are left?"
    assert items[0]["note"] == f"pokrovsk fact residents, from {CURATED}"


def test_each_item_is_cited_once_in_first_asked_order(curated):
    ids = ["village-mapped", "wire", "village-mapped", "town-claimed", "both"]
    assert [item["id"] for item in cite(curated, *ids)] == [
        "pokrovsk:event:village-mapped",
        "wire",
        "mirrored",
        "pokrovsk:event:town-claimed",
        "both",
    ]


def test_an_id_naming_an_event_and_a_fact_cites_both(small):
    fact = replace(small.facts[0], id="day-event")
    dataset = replace(small, facts=(fact,))
    assert [item["id"] for item in cite(dataset, "day-event")] == [
        "pokrovsk:event:day-event",
        "src-a",
        "pokrovsk:fact:day-event",
    ]


def test_no_ids_no_items(small):
    assert cite(small) == []


def test_the_dataset_reference(curated):
    assert dataset_reference(curated, accessed=ACCESSED) == {
        "id": "pokrovsk:dataset",
        "type": "dataset",
        "title": (
            "pokrovsk dataset: sources, places, events and facts on the battle for Pokrovsk,"
            " Ukraine"
        ),
        "publisher": "pokrovsk dataset",
        "version": "t.1",
        "issued": {"date-parts": [[2026, 3, 19]]},
        "accessed": READ,
        "note": f"curated through 2026-03-19; files: {CURATED}",
    }


def test_the_bundled_dataset_reference_names_no_files(bundled):
    item = dataset_reference(bundled, accessed=ACCESSED)
    assert item["note"] == f"curated through {bundled_raw()['dataset']['curated_through']}"


def test_a_dataset_that_states_no_date_or_version(small):
    assert dataset_reference(small, accessed=ACCESSED) == {
        "id": "pokrovsk:dataset",
        "type": "dataset",
        "title": (
            "pokrovsk dataset: sources, places, events and facts on the battle for Pokrovsk,"
            " Ukraine"
        ),
        "publisher": "pokrovsk dataset",
        "accessed": READ,
        "note": f"curated-through date not stated; files: {SMALL}",
    }


@pytest.mark.parametrize(
    ("asked", "message", "hint"),
    [
        (
            "src-population",
            "no event, fact or source with id 'src-population'",
            "closest: fact prewar-population, source src-a",
        ),
        (
            "prewar-event",
            "no event, fact or source with id 'prewar-event'",
            "closest: event year-event, event day-event, fact prewar-population",
        ),
        (
            "pop",
            "no event, fact or source with id 'pop'",
            "list the ids with 'pokrovsk timeline', 'pokrovsk fact' and 'pokrovsk sources'",
        ),
        (
            "\x1b[31mred\nline",
            "no event, fact or source with id '\\x1b[31mred line'",
            "list the ids with 'pokrovsk timeline', 'pokrovsk fact' and 'pokrovsk sources'",
        ),
    ],
)
def test_an_unknown_id_names_the_closest_of_every_kind(small, asked, message, hint):
    with pytest.raises(NotFoundError) as caught:
        cite(small, "day-event", asked)
    assert (caught.value.message, caught.value.hint) == (message, hint)
    assert caught.value.exit_code is ExitCode.ERROR

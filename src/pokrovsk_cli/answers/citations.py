"""How often each source is cited, so a reader can see which sources the dataset leans on."""

from __future__ import annotations

from dataclasses import dataclass

from pokrovsk_cli.data.model import Dataset, Source


@dataclass(frozen=True, slots=True)
class SourceUse:
    """A source with the number of events, facts and places that cite it."""

    source: Source
    events: int
    facts: int
    places: int

    @property
    def total(self) -> int:
        return self.events + self.facts + self.places


def count_citations(dataset: Dataset) -> list[SourceUse]:
    """Every source with its citation counts, most cited first (then by id)."""
    counts = {source_id: [0, 0, 0] for source_id in dataset.sources}
    cited_by = (
        (0, [event.sources for event in dataset.events]),
        # A fact cites what its current value and every earlier value cite (once each).
        (
            1,
            [
                (*f.sources, *(s for value in f.earlier for s in value.sources))
                for f in dataset.facts
            ],
        ),
        (2, [place.sources for place in dataset.places.values()]),
    )
    for column, lists in cited_by:
        for source_ids in lists:
            for source_id in set(source_ids):
                counts[source_id][column] += 1
    uses = [SourceUse(dataset.sources[sid], *numbers) for sid, numbers in counts.items()]
    return sorted(uses, key=lambda use: (-(use.events + use.facts), -use.total, use.source.id))

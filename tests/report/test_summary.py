"""The briefing's first screen: a key figure per section, and what needs a second look."""

from __future__ import annotations

from datetime import date

from sitroom.geo.bundled import bundled_gazetteer
from sitroom.ingest.sample import load_sample
from sitroom.report.build import briefing_for
from sitroom.report.summary import key_figures, to_review
from sitroom.store.database import Store


def test_one_key_figure_a_section_with_why_it_comes_first(sqlite_store: Store) -> None:
    load_sample(sqlite_store, gazetteer=bundled_gazetteer())
    briefing = briefing_for(sqlite_store, "Aleppo", date(2016, 12, 9))
    keys = key_figures(briefing)
    sections = [k.section for k in keys]
    assert len(sections) == len(set(sections)) and "Other figures" not in sections
    control = next(k for k in keys if k.section == "Control")
    assert control.figure.text.startswith("93%")
    assert control.why == "only a party to the conflict gives it; stated 4 times"
    movements = next(k for k in keys if k.section == "Population movements")
    assert not movements.figure.party_only  # an independent voice before a party's alone
    assert to_review(briefing) == "no disagreement and 2 failed checks"

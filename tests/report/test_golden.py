"""The Markdown and JSON briefings for Aleppo on 2016-12-09 against reviewed golden files.

Refresh with `pytest tests/report/test_golden.py --update-golden` and review the diff.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.ingest.sample import load_sample
from sitroom.report.build import Briefing, briefing_for
from sitroom.report.json_out import briefing_record, render_json
from sitroom.report.markdown import render_markdown
from sitroom.store.database import Store

GOLDEN = Path(__file__).parents[1] / "data" / "golden"


@pytest.fixture(scope="module")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('golden') / 's.db'}")
    load_sample(store)
    return briefing_for(store, "Aleppo", date(2016, 12, 9))


def _compare(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest --update-golden and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then --update-golden"


def test_markdown_briefing_matches_golden(briefing: Briefing, update_golden: bool) -> None:
    _compare("aleppo-2016-12-09.md", render_markdown(briefing), update_golden)


def test_json_briefing_matches_golden(briefing: Briefing, update_golden: bool) -> None:
    _compare("aleppo-2016-12-09.json", render_json(briefing) + "\n", update_golden)


def test_briefing_holds_what_the_issue_names(briefing: Briefing) -> None:
    record = briefing_record(briefing)
    control = next(s for s in record["sections"] if s["key"] == "control")
    assert any(f["text"].startswith("93%") for f in control["figures"])
    assert any("claimed 93%, mapped 80.7% held, 87.9%" in note for note in control["notes"])
    # a source at odds with itself is a check on the source, not a dispute between voices
    mine = [c for c in record["checks"] if c["rule"] == "inconsistent within one source"]
    assert mine and "two dozen facilities" in mine[0]["message"]
    assert "21 sites" in mine[0]["message"]
    assert not [d for d in record["disagreements"] if d["indicator"] == "mine_action.sites_cleared"]
    rules = {c["rule"] for c in record["checks"]}
    assert "territory_share_vs_mapped" in rules
    notes = {n["number"]: n for n in record["footnotes"]}
    share = next(f for f in control["figures"] if f["text"].startswith("93%") and f["claimant"])
    assert len(notes[share["footnote"]]["evidence"]) >= 2  # one claim, several mentions
    assert json.dumps(record)  # serialisable


def test_claims_in_disagreements_and_checks_point_at_their_footnote(briefing: Briefing) -> None:
    record = briefing_record(briefing)
    notes = {n["number"]: n for n in record["footnotes"]}
    pointed = [
        c
        for entry in (*record["disagreements"], *record["checks"])
        for c in entry["claims"]
        if c["id"] is not None
    ]
    assert pointed
    for claim in pointed:
        evidence = notes[claim["footnote"]]["evidence"]
        assert claim["id"] in {e["claim_id"] for e in evidence}
        assert "sentence" not in claim  # the footnote holds it


def test_a_figure_at_a_place_nobody_can_locate_is_kept_and_says_so(briefing: Briefing) -> None:
    # "118 patients were taken to Aleppo's Al-Razi ... hospitals": Al-Razi is not in the
    # gazetteer, but the ICRC release is about Aleppo
    figures = [f for s in briefing.sections for f in s.figures]
    patients = next(f for f in figures if f.text.startswith("118 patients"))
    assert patients.unlocated == ("Al-Razi",)
    assert all(f.unlocated == () for f in figures if f.claim.claim.place == "Aleppo")
    record = briefing_record(briefing)
    row = next(f for s in record["sections"] for f in s["figures"] if f["text"].startswith("118"))
    assert row["unlocated"] == ["Al-Razi"] and row["place"] == "Al-Razi"

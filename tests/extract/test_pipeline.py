"""The whole pipeline on the sample reports: ordering, numbering, contract."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sitroom.domain import Qualifier
from sitroom.extract.pipeline import EXTRACTOR_VERSION, extract_claims
from sitroom.extract.records import EXTRA_FIELDS, GOLD_FIELDS, claim_record
from sitroom.geo.gazetteer import Gazetteer

REPORTS = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "reports"


def test_claims_are_sorted_numbered_and_point_to_their_words(gazetteer: Gazetteer) -> None:
    text = (REPORTS / "aleppo-2016-12-09-rudskoy.txt").read_text(encoding="utf-8")
    claims = extract_claims(text, date(2016, 12, 9), gazetteer)
    assert [c.local_id for c in claims] == list(range(len(claims)))
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.quote
        assert claim.extracted_by == EXTRACTOR_VERSION
        assert claim.part_of is None or claim.part_of < claim.local_id


def test_breakdown_links_parts_to_the_whole(gazetteer: Gazetteer) -> None:
    text = (
        "Over the past 24 hours, more than 10,500 people, including over 4,000 children, "
        "have been taken from the Aleppo areas controlled by militants."
    )
    whole, part = extract_claims(text, date(2016, 12, 9), gazetteer)
    assert (whole.value, whole.qualifier, whole.indicator) == (
        10500,
        Qualifier.AT_LEAST,
        "people.evacuated",
    )
    assert (part.value, part.group, part.part_of) == (4000, "children", whole.local_id)
    assert part.window == whole.window == "Over the past 24 hours"
    assert (whole.window_start, whole.window_end) == (date(2016, 12, 8), date(2016, 12, 9))
    assert whole.place == "Aleppo"


def test_jsonl_record_has_exactly_the_gold_fields_then_the_extra_ones(
    gazetteer: Gazetteer,
) -> None:
    text = (REPORTS / "aleppo-2016-12-14-ocha-aleppo-sitrep-07.txt").read_text(encoding="utf-8")
    gold = json.loads(
        (
            Path(__file__).parents[2]
            / "src"
            / "sitroom"
            / "sample"
            / "gold"
            / "aleppo-2016-12-14-ocha-aleppo-sitrep-07.jsonl"
        )
        .read_text(encoding="utf-8")
        .splitlines()[0]
    )
    for claim in extract_claims(text, date(2016, 12, 14), gazetteer):
        record = claim_record(claim)
        assert list(record) == [*GOLD_FIELDS, *EXTRA_FIELDS]
        assert set(GOLD_FIELDS) == set(gold) - {"doc"}
        json.dumps(record)


def test_no_published_date_leaves_window_dates_open() -> None:
    claims = extract_claims("Since 27 November, at least 39,250 IDPs have arrived.", None)
    assert claims[0].window == "Since 27 November"
    assert claims[0].window_start is None

"""Claims of the sample reports as the gold files give them, so analysis rules are tested
apart from the extractor's accuracy."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Claim, Qualifier, Source

GOLD = Path(__file__).parents[2] / "src" / "sitroom" / "sample" / "gold"
DATES = {
    "aleppo-2016-12-08-icrc-sarc-evacuate-150-civilians": date(2016, 12, 8),
    "aleppo-2016-12-09-rudskoy": date(2016, 12, 9),
    "aleppo-2016-12-14-ocha-aleppo-sitrep-07": date(2016, 12, 14),
    "aleppo-2016-12-19-unhcr-flash-update": date(2016, 12, 19),
}


def gold_claims(doc: str, source_id: int = 1) -> list[SourcedClaim]:
    source = Source(title=doc, published_at=DATES[doc], sha256=doc, id=source_id)
    claims = []
    for line in (GOLD / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        claims.append(
            SourcedClaim(
                Claim(
                    indicator=g["indicator"],
                    value=g["value"],
                    quote=g["quote"],
                    start=g["start"],
                    end=g["end"],
                    sentence=g["quote"],
                    qualifier=Qualifier(g["qualifier"]),
                    unit=g["unit"],
                    group=g["group"],
                    place=g["place"],
                    origin=g["origin"],
                    destination=g["destination"],
                    window=g["window"],
                    claimant=g["claimant"],
                    local_id=g["id"],
                    part_of=g["part_of"],
                    id=source_id * 1000 + g["id"],
                ),
                source,
            )
        )
    return claims


@pytest.fixture
def rudskoy() -> list[SourcedClaim]:
    return gold_claims("aleppo-2016-12-09-rudskoy", 1)


@pytest.fixture
def unhcr() -> list[SourcedClaim]:
    return gold_claims("aleppo-2016-12-19-unhcr-flash-update", 2)


@pytest.fixture
def icrc() -> list[SourcedClaim]:
    return gold_claims("aleppo-2016-12-08-icrc-sarc-evacuate-150-civilians", 1)

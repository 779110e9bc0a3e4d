"""One figure stated several times in one source, headline and body included, is one claim."""

from __future__ import annotations

from dataclasses import replace

from sitroom.analysis.mentions import group_mentions
from sitroom.analysis.sourced import SourcedClaim


def _inside(inner: str, outer: str) -> bool:
    return inner == "Old City of Aleppo" and outer == "Aleppo"


def test_a_headline_and_its_body_are_one_figure(icrc: list[SourcedClaim]) -> None:
    claims = icrc
    groups = group_mentions(claims, _inside)
    evacuated = [g for g in groups if g[0].claim.value == 150]
    assert len(evacuated) == 1
    lead, *others = evacuated[0]
    # the body's words stand for the figure: they say where and when
    assert lead.claim.quote == "Nearly 150 civilians" and lead.claim.place == "Old City of Aleppo"
    assert [o.claim.quote for o in others] == ["150 civilians"]


def test_the_same_number_elsewhere_or_in_another_source_stays_apart(
    icrc: list[SourcedClaim],
) -> None:
    claims = icrc
    headline = next(c for c in claims if c.claim.quote == "150 civilians")
    elsewhere = SourcedClaim(replace(headline.claim, place="Homs", id=99), headline.source)
    other_source = SourcedClaim(headline.claim, replace(headline.source, id=2, sha256="another"))
    groups = group_mentions([headline, elsewhere, other_source], _inside)
    assert len(groups) == 3
    # without a gazetteer, Old City of Aleppo is not known to be in Aleppo
    assert len([g for g in group_mentions(claims) if g[0].claim.value == 150]) == 2

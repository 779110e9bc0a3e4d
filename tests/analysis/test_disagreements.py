from dataclasses import replace

from sitroom.analysis.disagreements import find_disagreements
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Qualifier
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.vocabulary import default_vocabulary


def test_two_dozen_facilities_against_21_sites_is_a_disagreement(
    rudskoy: list[SourcedClaim],
) -> None:
    found = find_disagreements(rudskoy, default_vocabulary(), bundled_gazetteer())
    mine = [d for d in found if d.indicator == "mine_action.sites_cleared"]
    assert len(mine) == 1
    quotes = {mine[0].first.claim.quote, mine[0].second.claim.quote}
    assert quotes == {"More than two dozen facilities", "21 sites"}


def test_figures_that_can_both_hold_are_no_disagreement(rudskoy: list[SourcedClaim]) -> None:
    evacuated = next(c for c in rudskoy if c.claim.quote == "more than 10,500 people")
    around = SourcedClaim(
        replace(
            evacuated.claim,
            value=11000,
            qualifier=Qualifier.APPROX,
            claimant="UN",
            quote="around 11,000",
        ),
        replace(evacuated.source, id=9),
    )
    found = find_disagreements([evacuated, around], default_vocabulary(), bundled_gazetteer())
    assert found == []


def test_same_figure_from_one_voice_is_not_compared_with_itself(
    rudskoy: list[SourcedClaim],
) -> None:
    found = find_disagreements(rudskoy, default_vocabulary(), bundled_gazetteer())
    assert all(d.indicator != "territory.share" for d in found)


def test_breakdown_parts_are_no_disagreement_with_their_total(unhcr: list[SourcedClaim]) -> None:
    assert find_disagreements(unhcr, default_vocabulary(), bundled_gazetteer()) == []

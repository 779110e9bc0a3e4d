from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.analysis.disagreements import (
    _places_inside,
    _same_window,
    _window_inside,
    _window_key,
    find_disagreements,
)
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Claim, Qualifier, Source
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


def test_a_figure_for_a_part_larger_than_the_whole_is_a_disagreement(
    rudskoy: list[SourcedClaim],
) -> None:
    stated = next(c for c in rudskoy if c.claim.quote == "more than 10,500 people")
    whole = SourcedClaim(
        replace(stated.claim, qualifier=Qualifier.EXACT, quote="10,500 people"), stated.source
    )
    east = SourcedClaim(
        replace(whole.claim, value=12000, place="east Aleppo", claimant="UN", quote="12,000"),
        replace(whole.source, id=9),
    )
    smaller = SourcedClaim(replace(east.claim, value=9000, quote="9,000"), east.source)
    vocabulary, gazetteer = default_vocabulary(), bundled_gazetteer()
    [found] = find_disagreements([whole, east], vocabulary, gazetteer)
    assert found.reason == "a figure for a part is larger than the figure for the whole"
    assert {found.first.claim.quote, found.second.claim.quote} == {"10,500 people", "12,000"}
    assert find_disagreements([whole, smaller], vocabulary, gazetteer) == []
    # "more than 10,500" allows 12,000 for the whole
    assert find_disagreements([stated, east], vocabulary, gazetteer) == []


# --- the lookups against the definition, pair by pair --------------------------------

_PLACES = (
    None,
    "Aleppo",
    "east Aleppo",
    "Old City of Aleppo",
    "Hanano",
    "Idlib",
    "Jibrin; Mahalej",
)
_DAY = date(2016, 12, 9)
# mostly one flow, so most pairs count the same thing; a stock and "other" now and then
_INDICATORS = ("people.evacuated",) * 4 + ("aid.field_kitchens", "other")


@st.composite
def _figures(draw: st.DrawFn) -> list[SourcedClaim]:
    figures = []
    for number in range(draw(st.integers(0, 12))):
        place = draw(st.sampled_from(_PLACES))
        resolved = draw(st.booleans())
        start = _DAY - timedelta(days=draw(st.integers(0, 3)))
        window = draw(st.sampled_from((None, "over the past 24 hours", "daily")))
        qualifier = draw(st.sampled_from(list(Qualifier)))
        value = float(draw(st.sampled_from((10, 20, 21, 24, 30, 100))))
        claim = Claim(
            indicator=draw(st.sampled_from(_INDICATORS)),
            value=value,
            quote=f"q{number}",
            start=number,
            end=number + 1,
            sentence="s",
            qualifier=qualifier,
            low=value / 2 if qualifier is Qualifier.RANGE else None,
            high=value * 2 if qualifier is Qualifier.RANGE else None,
            unit="people",
            group=draw(st.sampled_from((None, None, "children"))),
            place=place,
            origin=None if place else draw(st.sampled_from((None, "east Aleppo"))),
            destination=None if place else draw(st.sampled_from((None, "Jibrin"))),
            window=window,
            window_start=start if resolved and window else None,
            window_end=_DAY if resolved and window else None,
            local_id=number,
            id=number + 1,
        )
        published = _DAY - timedelta(days=draw(st.integers(0, 1)))
        source_id = draw(st.integers(1, 3))
        source = Source(title=str(source_id), published_at=published, sha256="x", id=source_id)
        figures.append(SourcedClaim(claim, source))
    return figures


def _by_definition(claims: list[SourcedClaim]) -> list[tuple[int, int, str]]:
    """Every pair compared with every other, as find_disagreements defines it."""
    vocabulary, gazetteer = default_vocabulary(), bundled_gazetteer()
    pairs: list[tuple[int, int, str]] = []
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            kind_a, kind_b = (
                (c.claim.indicator, c.claim.unit, c.claim.group, c.claim.subject) for c in (a, b)
            )
            if kind_a != kind_b or a.claim.indicator == "other":
                continue
            apart = a.bounds[1] < b.bounds[0] or b.bounds[1] < a.bounds[0]
            if apart and (a.places_key, _window_key(a)) == (b.places_key, _window_key(b)):
                pairs.append((i, j, "same place and window, values apart"))
                continue
            if vocabulary[a.claim.indicator].kind != "flow":
                continue
            for inner, outer in ((a, b), (b, a)):
                same = inner.places_key == outer.places_key and _same_window(inner, outer)
                if (
                    inner.bounds[0] > outer.bounds[1]
                    and not same
                    and _places_inside(inner, outer, gazetteer)
                    and _window_inside(inner, outer)
                ):
                    pairs.append(
                        (i, j, "a figure for a part is larger than the figure for the whole")
                    )
                    break
    found, seen = [], set()
    for i, j, reason in pairs:
        key = (claims[i].bounds, claims[j].bounds, claims[i].claim.indicator)
        if key not in seen:
            seen.add(key)
            found.append((i, j, reason))
    return found


@settings(max_examples=300, deadline=None)
@given(_figures())
def test_lookups_find_exactly_the_pairs_the_definition_finds(claims: list[SourcedClaim]) -> None:
    found = find_disagreements(claims, default_vocabulary(), bundled_gazetteer())
    position = {id(c): i for i, c in enumerate(claims)}
    assert [(position[id(d.first)], position[id(d.second)], d.reason) for d in found] == (
        _by_definition(claims)
    )

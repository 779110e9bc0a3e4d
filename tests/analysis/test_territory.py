from dataclasses import replace

import pytest

from sitroom.analysis.sourced import SourcedClaim
from sitroom.analysis.territory import compare_territory, territory_checks
from sitroom.geo.shares import ControlMap
from sitroom.geo.stored import control_map
from sitroom.ingest.control import load_bundled_control
from sitroom.ingest.places import load_bundled_places
from sitroom.store.database import Store


@pytest.fixture(scope="module")
def control(tmp_path_factory: pytest.TempPathFactory) -> ControlMap:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('control') / 's.db'}")
    load_bundled_places(store)
    load_bundled_control(store)
    return control_map(store)


def _shares(claims: list[SourcedClaim]) -> list[SourcedClaim]:
    return [
        SourcedClaim(replace(c.claim, subject="Syrian Army"), c.source)
        for c in claims
        if c.claim.indicator == "territory.share"
    ]


def test_rudskoy_93_percent_is_set_beside_the_mapped_share(rudskoy, control) -> None:
    [first, *_] = compare_territory(_shares(rudskoy), control)
    assert first.share is not None
    assert first.share.actor == "Government of Syria and allies"
    assert first.share.claimed == 93
    assert 0 < first.share.mapped_held <= first.share.mapped_held_or_unsettled <= 100
    assert first.text.startswith(
        "Government of Syria and allies in Aleppo on 2016-12-09: claimed 93%"
    )


def test_share_far_from_the_map_fails_and_one_within_it_does_not(rudskoy, control) -> None:
    [claim, *_] = _shares(rudskoy)
    mapped = compare_territory([claim], control)[0].share
    assert mapped is not None
    inside = SourcedClaim(replace(claim.claim, value=round(mapped.mapped_held, 1)), claim.source)
    outside = SourcedClaim(replace(claim.claim, value=20.0), claim.source)
    assert territory_checks(compare_territory([inside], control)) == []
    [failed] = territory_checks(compare_territory([outside], control))
    assert failed.rule == "territory_share_vs_mapped"
    assert failed.numbers["claimed"] == 20.0


def test_share_without_actor_is_not_compared(rudskoy, control) -> None:
    share = next(c for c in rudskoy if c.claim.indicator == "territory.share")
    [comparison] = compare_territory([share], control)
    assert comparison.share is None and comparison.problem == "the claim names no actor"

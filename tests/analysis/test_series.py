"""Series over days on the gold claims of the sample and on windows set by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitroom.analysis.series import Series, build_series, place_key
from sitroom.analysis.sourced import SourcedClaim
from sitroom.domain import Claim, FlowOrStock, Source
from sitroom.geo.bundled import bundled_gazetteer
from sitroom.vocabulary import default_vocabulary


def _one(series: list[Series], indicator: str, speaker: str, group: str | None = None) -> Series:
    found = [
        s for s in series if s.indicator == indicator and s.speaker == speaker and s.group == group
    ]
    assert len(found) == 1, found
    return found[0]


def _claim(
    value: float,
    start: date | None,
    end: date,
    published: date,
    claim_id: int,
    indicator: str = "people.evacuated",
    claimant: str = "Sergei Rudskoy",
    place: str = "Aleppo",
) -> SourcedClaim:
    source = Source(title=f"s{claim_id}", published_at=published, sha256=str(claim_id), id=claim_id)
    return SourcedClaim(
        Claim(
            indicator=indicator,
            value=value,
            quote=str(value),
            start=0,
            end=1,
            sentence="",
            place=place,
            window_start=start,
            window_end=end,
            claimant=claimant,
            id=claim_id,
        ),
        source,
    )


def test_rudskoy_flows_are_one_series_per_claimant_and_group(
    rudskoy: list[SourcedClaim],
) -> None:
    series = build_series(rudskoy, default_vocabulary(), bundled_gazetteer(), "Aleppo")
    evacuated = _one(series, "people.evacuated", "Sergei Rudskoy")
    assert evacuated.kind is FlowOrStock.FLOW
    assert evacuated.place == "Aleppo"
    assert [(p.day, p.value) for p in evacuated.points] == [(date(2016, 12, 9), 10500)]
    # "including over 4,000 children" is a part of another group: its own series
    children = _one(series, "people.evacuated", "Sergei Rudskoy", "children")
    assert children.points[0].value == 4000


def test_the_same_figure_stated_twice_counts_once_and_cites_both(
    rudskoy: list[SourcedClaim],
) -> None:
    series = build_series(rudskoy, default_vocabulary(), bundled_gazetteer(), "Aleppo")
    returned = _one(series, "people.returned", "Sergei Rudskoy")
    assert len(returned.points) == 1
    assert returned.points[0].value == 3000
    assert returned.points[0].claim_ids == (1029, 1032)


def test_stock_share_takes_the_stated_value_per_claimant(rudskoy: list[SourcedClaim]) -> None:
    series = build_series(rudskoy, default_vocabulary(), bundled_gazetteer(), "Aleppo")
    share = _one(series, "territory.share", "Sergei Rudskoy")
    assert share.kind is FlowOrStock.STOCK
    assert [(p.day, p.value, p.claim_ids) for p in share.points] == [
        (date(2016, 12, 9), 93, (1004, 1008))
    ]


def test_place_filter_keeps_only_claims_inside_the_place(unhcr: list[SourcedClaim]) -> None:
    claims = unhcr
    series = build_series(claims, default_vocabulary(), bundled_gazetteer(), "Hama Governorate")
    places = {s.place for s in series}
    assert "Hama Governorate" in places
    assert not any(p == "Al-Hasakeh Governorate" for p in places)
    # the whole (seven governorates) is a place of its own, never mixed with its parts
    everywhere = build_series(claims, default_vocabulary(), bundled_gazetteer(), None)
    assert len({s.place for s in everywhere}) > len(places)


def test_flows_add_up_over_non_overlapping_windows() -> None:
    dec = [date(2016, 12, d) for d in range(1, 32)]
    claims = [
        _claim(100, dec[7], dec[7], dec[7], 1),
        _claim(50, dec[8], dec[8], dec[8], 2),
        _claim(30, dec[9], dec[9], dec[9], 3),
    ]
    (series,) = build_series(claims, default_vocabulary(), None, "Aleppo")
    assert [(p.day.day, p.value, p.claim_ids) for p in series.points] == [
        (8, 100, (1,)),
        (9, 150, (1, 2)),
        (10, 180, (1, 2, 3)),
    ]


def test_overlapping_window_keeps_the_larger_figure() -> None:
    nov27, dec = date(2016, 11, 27), [date(2016, 12, d) for d in range(1, 32)]
    daily = [_claim(100, dec[8], dec[8], dec[8], 1), _claim(50, dec[9], dec[9], dec[9], 2)]
    running = _claim(1000, nov27, dec[10], dec[10], 3)
    (series,) = build_series([*daily, running], default_vocabulary(), None, "Aleppo")
    assert [(p.day.day, p.value, p.claim_ids) for p in series.points] == [
        (9, 100, (1,)),
        (10, 150, (1, 2)),
        (11, 1000, (3,)),
    ]


def test_totals_since_before_the_window_are_a_series_apart() -> None:
    nov27, dec = date(2016, 11, 27), [date(2016, 12, d) for d in range(1, 32)]
    daily = [_claim(100, dec[8], dec[8], dec[8], 1), _claim(50, dec[9], dec[9], dec[9], 2)]
    running = _claim(1000, nov27, dec[10], dec[10], 3)
    # 1-4 December begins before a window of 3-9 December, but four days are no total
    two_days = _claim(30, dec[0], dec[3], dec[3], 4)
    window = (dec[2], dec[8])
    days, before = build_series(
        [*daily, running, two_days], default_vocabulary(), None, "Aleppo", window
    )
    assert (days.from_before, before.from_before) == (False, True)
    assert [(p.day.day, p.value) for p in days.points] == [(4, 30), (9, 130), (10, 180)]
    assert [(p.day.day, p.value) for p in before.points] == [(11, 1000)]


def test_claimants_are_never_added_together() -> None:
    day = date(2016, 12, 9)
    claims = [_claim(100, day, day, day, 1), _claim(70, day, day, day, 2, claimant="OCHA")]
    series = build_series(claims, default_vocabulary(), None, "Aleppo")
    assert sorted((s.speaker, s.points[-1].value) for s in series) == [
        ("OCHA", 70),
        ("Sergei Rudskoy", 100),
    ]


def test_stock_takes_the_latest_published_value_of_a_day() -> None:
    day = date(2016, 12, 13)
    early = _claim(9600, None, day, day, 1, indicator="people.sheltered")
    later = replace(_claim(9000, None, day, date(2016, 12, 14), 2, indicator="people.sheltered"))
    (series,) = build_series([early, later], default_vocabulary(), None, "Aleppo")
    assert [(p.day, p.value, p.claim_ids) for p in series.points] == [(day, 9000, (2,))]


def test_place_key_names_origin_and_destination_of_a_transfer(
    rudskoy: list[SourcedClaim],
) -> None:
    (transfer,) = [c for c in rudskoy if c.claim.local_id == 16]
    assert place_key(transfer.claim, None) == "Khan al-Shih → Idlib"

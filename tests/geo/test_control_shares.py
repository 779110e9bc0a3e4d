import csv
from datetime import date

import pytest

from sitroom.domain import ControlObservation, ControlStatus, NotFound
from sitroom.geo.actors import GOVERNMENT, KURDISH, OPPOSITION, resolve_actor
from sitroom.geo.bundled import CITY, bundled_places
from sitroom.geo.checks import compare_areas_taken, compare_share_claim
from sitroom.geo.control import ControlLedger, ControlState, judge
from sitroom.geo.shares import ControlMap
from sitroom.ingest.control import bundled_control_file

CONTROL_CSV = bundled_control_file()


def _observations() -> list[ControlObservation]:
    with CONTROL_CSV.open(encoding="utf-8") as handle:
        return [
            ControlObservation(
                row["place"],
                row["actor"],
                ControlStatus(row["status"]),
                date.fromisoformat(row["observed_at"]),
                row["claimant"],
                row["source_title"],
            )
            for row in csv.DictReader(handle)
        ]


@pytest.fixture(scope="module")
def control() -> ControlMap:
    return ControlMap(bundled_places(), _observations())


def _obs(place: str, actor: str, status: str, day: str, claimant: str) -> ControlObservation:
    return ControlObservation(
        place, actor, ControlStatus(status), date.fromisoformat(day), claimant, "a source"
    )


def test_two_claimants_disagreeing_on_the_latest_day_make_a_place_disputed() -> None:
    ledger = ControlLedger(
        [
            _obs("X", GOVERNMENT, "held", "2016-12-01", "A"),
            _obs("X", GOVERNMENT, "held", "2016-12-05", "Syrian army"),
            _obs("X", OPPOSITION, "held", "2016-12-05", "rebel spokesman"),
        ]
    )
    state = ledger.on("X", date(2016, 12, 6))
    assert state.state is ControlState.DISPUTED
    assert state.actors == (OPPOSITION, GOVERNMENT)
    assert {c.claimant for c in state.claims} == {"Syrian army", "rebel spokesman"}
    assert ledger.on("X", date(2016, 12, 4)).controller == GOVERNMENT


def test_contested_rows_stay_contested_between_the_actors_named() -> None:
    state = judge(
        "X",
        [
            _obs("X", GOVERNMENT, "contested", "2016-12-05", "A"),
            _obs("X", KURDISH, "contested", "2016-12-05", "B"),
        ],
    )
    assert state.state is ControlState.CONTESTED
    assert state.actors == (GOVERNMENT, KURDISH) and state.controller is None


def test_held_and_contested_mixed_is_disputed_not_resolved() -> None:
    state = judge(
        "X",
        [
            _obs("X", GOVERNMENT, "held", "2016-12-05", "A"),
            _obs("X", OPPOSITION, "contested", "2016-12-05", "B"),
        ],
    )
    assert state.state is ControlState.DISPUTED


def test_a_date_before_any_observation_is_unknown(control: ControlMap) -> None:
    shares = control.shares(CITY, date(2016, 11, 14))
    assert shares.unknown == pytest.approx(100.0)
    assert shares.held == {}


def test_shares_of_the_city_add_up(control: ControlMap) -> None:
    shares = control.shares(CITY, date(2016, 12, 9))
    total = sum(shares.held.values()) + shares.contested + shares.disputed + shares.unknown
    assert total == pytest.approx(100.0)
    assert shares.area_km2 == pytest.approx(126.06, abs=0.01)
    assert shares.unknown == 0.0


def test_rudskoy_93_per_cent_is_held_against_the_map(control: ControlMap) -> None:
    check = compare_share_claim(93, "Syrian Army", "Aleppo", date(2016, 12, 9), control)
    assert check.actor == GOVERNMENT
    assert check.mapped_held == pytest.approx(80.7, abs=0.05)
    assert check.mapped_held_or_unsettled == pytest.approx(87.9, abs=0.05)
    assert check.gap_held == pytest.approx(93 - check.mapped_held)
    assert not check.within_mapped_range


def test_east_aleppo_is_named_from_the_opposition_state_of_15_november(control: ControlMap) -> None:
    east = {p.name for p in control.members("eastern Aleppo")}
    west = {p.name for p in control.members("west Aleppo")}
    city = {p.name for p in control.members("Aleppo")}
    assert east | west == city and not east & west
    assert "Sheikh Najjar" in west and "Hanano" in east
    start = control.shares("east Aleppo", date(2016, 11, 15))
    assert start.held_or_unsettled[OPPOSITION] == pytest.approx(100.0)
    check = compare_share_claim(5, "rebels", "former east Aleppo", date(2016, 12, 14), control)
    assert check.area == "East Aleppo" and check.actor == OPPOSITION
    assert check.mapped_held < 10


def test_areas_taken_counts_polygons_that_changed_hands(control: ControlMap) -> None:
    check = compare_areas_taken(
        52, date(2016, 11, 15), date(2016, 12, 9), control, "government forces", "Aleppo"
    )
    assert check.mapped == len(check.places) > 20
    assert check.mapped_with_unsettled >= check.mapped
    assert "Hanano" in check.places


def test_change_between_two_dates_lists_the_places(control: ControlMap) -> None:
    change = control.change(CITY, date(2016, 11, 15), date(2016, 12, 22))
    assert change.held_points[GOVERNMENT] > 20
    assert any(after.place == "Hanano" for _, after in change.changed)


def test_timeline_has_one_row_per_day(control: ControlMap) -> None:
    series = control.timeline(CITY, date(2016, 11, 15), date(2016, 12, 24))
    assert len(series) == 40
    assert series[-1].held[GOVERNMENT] >= series[0].held[GOVERNMENT]


@pytest.mark.parametrize(
    ("words", "actor"),
    [
        ("Syrian Army", GOVERNMENT),
        ("government forces", GOVERNMENT),
        ("GoS", GOVERNMENT),
        ("regime forces", GOVERNMENT),
        ("militants", OPPOSITION),
        ("the gunmen", OPPOSITION),
        ("NSAG", OPPOSITION),
        ("terrorists", OPPOSITION),
        ("YPG", KURDISH),
        ("SDF", KURDISH),
    ],
)
def test_actor_words_resolve_through_aliases(words: str, actor: str) -> None:
    assert resolve_actor(words) == actor


def test_unknown_actor_or_place_is_not_found(control: ControlMap) -> None:
    with pytest.raises(NotFound):
        compare_share_claim(50, "Martians", "Aleppo", date(2016, 12, 9), control)
    with pytest.raises(NotFound):
        control.shares("Atlantis", date(2016, 12, 9))
